"""A cache of work per topic: each topic's derived conflicts and answers, kept between runs
under the digest of the topic's inputs (:func:`tracker.analysis.topic_digests.topic_digest`), so
that after an edit only the topics the edited files are about are worked out again.

One entry per kind of work (``KINDS``) holds every topic's value, in
``topics/`` of the verified cache folder (:mod:`tracker.cache.folder`). Entries are pickles
signed like the parse cache's (:mod:`tracker.cache.parses`) and named by a hash of the
tracker's own code and the kind: a foreign, corrupt or older entry is ignored, never
unpickled. Saving keeps only the topics this run asked for, so the entry does not grow.
"""

from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.cache.folder import CacheFolder, open_subfolder
from tracker.cache.parses import entry_name, read_signed, sign, user_key

KINDS = (
    "conflicts",
    "answers",
    "sides",
    "disputes",
)  # the kinds of work kept; any other entry is stale


def _name(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of topic work {kind!r}")
    return entry_name(b"topics", kind.encode())


@dataclass
class TopicCache:
    folder: Path  # .tracker-cache (entries live in its topics/ sub-folder)
    key: bytes | None = field(default_factory=user_key)
    hits: int = 0
    misses: int = 0
    _kept: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> digest -> value
    _used: dict[str, dict[str, Any]] = field(default_factory=dict)  # what this run asked for
    _changed: set[str] = field(default_factory=set)  # kinds with values not kept before

    def _topics(self, *, create: bool) -> CacheFolder | None:
        return open_subfolder(self.folder, self.key, "topics", create=create)

    def _load(self, kind: str) -> dict[str, Any]:
        if kind in self._kept:
            return self._kept[kind]
        self._kept[kind] = {}
        topics = self._topics(create=False)
        if topics is None or self.key is None:
            return self._kept[kind]
        name = _name(kind)
        with topics:
            payload = read_signed(topics, self.key, name)
        if payload is None:
            return self._kept[kind]
        try:
            found = pickle.loads(payload)  # signed by us: safe to unpickle
        except Exception:  # a signed but unreadable entry (another Python?) is rebuilt
            return self._kept[kind]
        if isinstance(found, dict):
            self._kept[kind] = found
        return self._kept[kind]

    def get(self, kind: str, digest: str) -> Any | None:
        value = self._load(kind).get(digest)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.setdefault(kind, {})[digest] = value
        return value

    def put(self, kind: str, digest: str, value: Any) -> None:
        _name(kind)  # refuses a kind that would never be saved
        self._used.setdefault(kind, {})[digest] = value
        self._changed.add(kind)

    def save(self) -> None:
        """Write the values this run used, for each kind that has new ones or dropped some;
        older entries of the topics folder (written by other tracker code) are removed."""
        stale = {
            kind
            for kind, used in self._used.items()
            if kind in self._changed or len(used) != len(self._kept.get(kind, {}))
        }
        if not stale or self.key is None:
            return
        topics = self._topics(create=True)
        if topics is None:
            return
        names = {_name(kind) for kind in KINDS}
        with topics, contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            for kind in sorted(stale):
                name = _name(kind)
                payload = pickle.dumps(self._used[kind], protocol=pickle.HIGHEST_PROTOCOL)
                topics.write(name, sign(self.key, name, payload))
            for name, _ in list(topics.entries()):
                if name not in names:
                    topics.remove(name)
