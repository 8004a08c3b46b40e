"""The corpus: records and the rules they must follow.

``records`` (the record types: Source, Topic, Claim, ...), ``fields`` (YAML nodes to records,
one converter per kind of value), ``rules`` (checks across records) and ``load``
(``load_corpus``: every file to one validated :class:`~tracker.corpus.records.Corpus`).
Imports :mod:`tracker.reading` and :mod:`tracker.diagnostics`.
"""
