"""`tracker init`: a new corpus that validates at once, so a newcomer starts from a working
example instead of copying the bundled one. Nothing that exists is ever overwritten."""

from __future__ import annotations

from pathlib import Path

from tracker.output import write_atomic

DOCUMENT = """\
Example Wire, 1 August 2024. The city's fire service said three people were hurt in the
warehouse fire. A hospital spokesperson later said five people had been treated.
"""

SOURCES = """\
# Who originates and who relays the claims. Reliability: Admiralty scale A-F.
sources:
  fire-service:
    name: City fire service
    kind: official
    reliability: B
  hospital:
    name: City hospital
    kind: organization
  example-wire:
    name: Example Wire
    kind: agency
"""

STORY = """\
# One question and two answers to it: `tracker report` shows them as a dispute.
topics:
  warehouse-fire.injured:
    question: How many people were hurt in the warehouse fire?
    kind: number
    unit: people

claims:
  - id: fire-service-three-hurt
    text: Three people were hurt in the warehouse fire.
    source: fire-service
    via: [example-wire]
    date: 2024-08-01
    topic: warehouse-fire.injured
    value: 3
    evidence:
      - document: seeds/example.txt
        quote: three people were hurt in the warehouse fire

  - id: hospital-five-treated
    text: Five people were treated after the warehouse fire.
    source: hospital
    via: [example-wire]
    date: 2024-08-01
    topic: warehouse-fire.injured
    value: 5
    evidence:
      - document: seeds/example.txt
        quote: five people had been treated
"""

NOTES = """\
# Claims

Claim files live in `claims/`, the documents they quote in `seeds/`. Check and report:

    tracker validate
    tracker report

The format is described in tracker's README ("The claim format"); `tracker schema` prints
a JSON Schema for editors.
"""

FILES = {
    "claims/sources.yaml": SOURCES,
    "claims/story.yaml": STORY,
    "seeds/example.txt": DOCUMENT,
    "CLAIMS.md": NOTES,
}


class Exists(Exception):
    """A file of the skeleton is already there: nothing is written."""


def create_corpus(folder: Path) -> list[Path]:
    """Write the skeleton into ``folder``; refuses (writing nothing) if any of its files
    exists. Returns the files written."""
    targets = [folder / name for name in FILES]
    present = [t for t in targets if t.exists() or t.is_symlink()]
    if present:
        raise Exists(f"{present[0]} exists; tracker init never overwrites a file")
    for target, text in zip(targets, FILES.values(), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    return targets
