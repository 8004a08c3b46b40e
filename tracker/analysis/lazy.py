"""A sequence whose items are made from their keys when first asked for: the parts of a report
that a report for people shows only the first hundred of."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, overload

K = TypeVar("K")
T = TypeVar("T")


class LazySequence(Sequence[T], Generic[K, T]):
    """Items made from their keys when first asked for, in the keys' order. A report for
    people shows the first hundred of 2,000 topics: grouping the answers of all of them
    (every claim of the corpus viewed) cost two seconds of a report at 100,000 claims for
    nothing shown. JSON and Markdown walk them all and get the same items."""

    def __init__(self, keys: Sequence[K], make: Callable[[K], T]) -> None:
        self._keys = keys
        self._make = make
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._keys)))]
        if index < 0:
            index += len(self._keys)
        if index not in self._made:
            self._made[index] = self._make(self._keys[index])  # IndexError past the end
        return self._made[index]

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self._keys)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"LazySequence({list(self)!r})"
