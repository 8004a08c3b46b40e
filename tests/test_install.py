"""tracker as people install it: the distribution's name and addresses, `python -m tracker`,
and the GitHub workflow of docs/ run step by step, as written, in a fresh repository."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import yaml
from conftest import REPO, installed_tracker, new_repository

from tracker import __version__
from tracker.diagnostics import REPOSITORY_URL

DISTRIBUTION = "contradiction-tracker"  # `tracker` on PyPI is another project's


def test_the_distribution_and_python_m_tracker() -> None:
    found = metadata.metadata(DISTRIBUTION)
    assert found["Name"] == DISTRIBUTION
    urls = dict(entry.split(", ", 1) for entry in found.get_all("Project-URL") or [])
    assert urls["Source"] == REPOSITORY_URL
    assert {"Homepage", "Documentation", "Issues"} <= set(urls)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f'pip install "{DISTRIBUTION} @ git+{REPOSITORY_URL}"' in readme
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, f"tracker, version {__version__}\n")


def test_the_workflow_runs_as_written_in_a_fresh_repository(tmp_path: Path) -> None:
    """Each `run:` step of docs/github-workflow.yml in a clone of a repository whose pull
    request adds a claim: validate and fmt pass, the diff goes to the job summary, and
    --fail-on-new (not blocking) finds the new open conflict. The install step installs this
    distribution (here: already installed, its name checked)."""
    origin = tmp_path / "origin"
    git = new_repository(origin)
    subprocess.run([installed_tracker(), "init", "-q"], cwd=origin, check=True)
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    (clone / "claims" / "b.yaml").write_text(
        "claims:\n  - id: forty\n    text: Forty were hurt.\n    source: hospital\n"
        "    topic: warehouse-fire.injured\n    value: 40\n"
        "    evidence:\n      - document: https://example.org/forty\n",
        encoding="utf-8",
    )

    workflow = yaml.safe_load((REPO / "docs" / "github-workflow.yml").read_text("utf-8"))
    steps = [s for s in workflow["jobs"]["review"]["steps"] if "run" in s]
    install, *checks = steps
    assert install["run"].startswith(f'pip install "{DISTRIBUTION} @ git+{REPOSITORY_URL}"')
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(installed_tracker()).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    codes = {}
    for step in checks:
        script = step["run"].replace("${{ github.base_ref }}", "main")
        ran = subprocess.run(
            ["bash", "-e", "-c", script], cwd=clone, env=env, capture_output=True, text=True
        )
        codes[step["name"]] = ran.returncode
        if not step.get("continue-on-error"):
            assert ran.returncode == 0, (step["name"], ran.stdout + ran.stderr)
    assert codes["No new open conflicts without a verdict"] == 1  # new open conflicts
    assert summary.read_text(encoding="utf-8").startswith("## Contradictions: 2 new conflicts")
