"""A real editor drives `tracker lsp`: Neovim (Debian's 0.7, installed by `make test`'s
system-deps) runs headless with tests/editors/neovim.lua, opens a claim file, types a
mistake, receives the server's diagnostic, applies the code action that fixes it, and sees
the diagnostic go. The test fails when the server's diagnostics are wrong or missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, installed_tracker

SCRIPT = REPO / "tests" / "editors" / "neovim.lua"


def test_neovim_shows_the_diagnostic_and_applies_the_fix(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is not installed; `make test` installs it (apt-get install neovim)"
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    out = tmp_path / "neovim.json"
    environment = {
        **os.environ,
        "ROOT": str(tmp_path),
        "TRACKER": installed_tracker(),
        "OUT": str(out),
        "HOME": str(tmp_path),  # no user configuration, no shada in the real home
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", "-n", "-c", f"luafile {SCRIPT}"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["error"] == ""
    [typo] = report["diagnostics"]
    assert typo["code"] == "unknown-source"
    assert typo["message"] == (
        "unknown source 'mideast-oficials'; did you mean 'mideast-officials'?"
    )
    assert typo["col"] == 12
    assert report["actions"][0] == "Change to 'mideast-officials'"
    assert report["fixed_line"] == "    source: mideast-officials"
    assert report["after"] == 0
    # The editor changed its buffer only: the file on disk is as it was.
    assert (tmp_path / "claims" / "haniyeh-killing.yaml").read_bytes() == (
        REPO / "claims" / "haniyeh-killing.yaml"
    ).read_bytes()
