"""The JSON Schema of a claim file, built from the same field specs the validator reads
(:mod:`tracker.corpus.fields`), so that editors and `tracker validate` cannot drift apart.

A schema checks one file on its own, so the rules that look across files or into documents
are the validator's alone; docs/format.md lists them.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.corpus.fields import (
    ANSWER_FIELDS,
    CLAIM_FIELDS,
    CONTRADICTION_FIELDS,
    EVIDENCE_FIELDS,
    ID_PATTERN,
    IMPLICATION_FIELDS,
    SOURCE_FIELDS,
    TOPIC_FIELDS,
    Field,
)

SCHEMA_ID = "urn:tracker:claim-file:1"


def _entry(fields: dict[str, Field], description: str) -> dict[str, Any]:
    properties = {}
    for name, spec in fields.items():
        properties[name] = {**spec.schema, "description": spec.description}
    entry: dict[str, Any] = {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "properties": properties,
    }
    required = [name for name, spec in fields.items() if spec.required]
    if required:
        entry["required"] = required
    return entry


def claim_file_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of one claim file."""
    id_name = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "tracker claim file (format 1)",
        "description": "Sources, topics, claims and contradictions of a tracker corpus; "
        "docs/format.md is the full reference.",
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {
            "sources": {
                "type": ["object", "null"],
                "description": "Who originates and relays claims: id -> source",
                "propertyNames": id_name,
                "additionalProperties": {"$ref": "#/definitions/source"},
            },
            "topics": {
                "type": ["object", "null"],
                "description": "Questions that have one answer: id -> topic",
                "propertyNames": id_name,
                "additionalProperties": {"$ref": "#/definitions/topic"},
            },
            "claims": {
                "type": ["array", "null"],
                "description": "Who said what, relayed by whom, quoting which document",
                "items": {"$ref": "#/definitions/claim"},
            },
            "contradictions": {
                "type": ["array", "null"],
                "description": "Explicit contradictions, and verdicts on derived ones",
                "items": {"$ref": "#/definitions/contradiction"},
            },
        },
        "definitions": {
            "source": _entry(SOURCE_FIELDS, "A source: an outlet, agency, person, ..."),
            "topic": _entry(TOPIC_FIELDS, "A question that has one answer"),
            "claim": _entry(CLAIM_FIELDS, "One claim: who said what"),
            "evidence": _entry(EVIDENCE_FIELDS, "A document the claim comes from"),
            "answer": _entry(ANSWER_FIELDS, "A further answer of a claim, to another topic"),
            "implication": {
                **_entry(IMPLICATION_FIELDS, "An answer on another topic that a position implies"),
                # one answer: asserted or denied, not both
                "oneOf": [{"required": ["position"]}, {"required": ["denies"]}],
            },
            "contradiction": _entry(
                CONTRADICTION_FIELDS, "An explicit contradiction, or a verdict on a derived one"
            ),
        },
    }


def schema_text() -> str:
    return json.dumps(claim_file_schema(), indent=2, ensure_ascii=False) + "\n"
