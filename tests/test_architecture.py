"""The layers of docs/architecture.md hold: each package imports only those below it."""

from __future__ import annotations

import subprocess
import tomllib

from conftest import REPO, client_program


def test_import_contract_is_kept() -> None:
    lint = client_program("lint-imports")
    result = subprocess.run(
        [lint], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_architecture_doc_names_every_package() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = {p.parent.name for p in (REPO / "tracker").glob("*/__init__.py")}
    for package in packages:
        assert f"`tracker.{package}`" in doc, package
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = config["tool"]["importlinter"]["contracts"]
    for layer in contract["layers"]:
        for name in layer.split(" | "):
            assert f"`{name}`" in doc, name


def test_every_module_opens_with_what_it_owns() -> None:
    for path in (REPO / "tracker").rglob("*.py"):
        text = path.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{path} has no opening docstring"
