"""Print pip constraints that pin every runtime dependency to the floor pyproject.toml
declares (``name>=X`` becomes ``name==X``), for `make test-minimum`.

A floor is a promise: the suite must pass with exactly those versions installed. Used as
``python tests/minimum_versions.py > constraints.txt``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][^,;\s]*)")


def minimum_constraints(pyproject: Path = PYPROJECT) -> list[str]:
    """``name==floor`` for every dependency; a dependency without a ``>=`` floor is an
    error (nothing would say which oldest version the project promises to work with)."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for dependency in dependencies:
        found = _FLOOR.match(dependency)
        if found is None:
            raise SystemExit(f"{pyproject}: dependency {dependency!r} declares no '>=' floor")
        pins.append(f"{found.group(1)}=={found.group(2)}")
    return pins


if __name__ == "__main__":
    sys.stdout.write("".join(f"{pin}\n" for pin in minimum_constraints()))
