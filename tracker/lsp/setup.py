"""Which claims folder and settings a server serves: those `tracker validate` would use when
run in the editor's workspace root.

The editor names its root when it initialises the server. Without a claims folder given on
the command line, the server's process moves to that root (it is a process of its own, and
the corpus's paths, in every message, are then the ones `tracker validate` prints there),
finds the settings (`[tool.tracker]` or `.tracker.yaml`) and the claims folder (the `claims`
setting, else ./claims), and takes the warnings to report from the command line's
--select/--ignore, else from the settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from tracker.config import ConfigError, Selection, load_config
from tracker.lsp.workspace import Workspace


@dataclass(frozen=True)
class Options:
    """What the command line gave: a claims folder, warning codes (None: the settings')."""

    claims_dir: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None


def root_of(uri: str | None, path: str | None) -> Path | None:
    """The workspace root an editor names (``rootUri``, else the older ``rootPath``)."""
    if uri:
        parsed = urlparse(uri)
        return Path(unquote(parsed.path)) if parsed.scheme == "file" else None
    return Path(path) if path else None


def workspace_for(root: Path | None, options: Options) -> tuple[Workspace, str | None]:
    """The workspace to serve, and what is wrong with it (to show the user), if anything."""
    if options.claims_dir is None and root is not None and root.is_dir():
        os.chdir(root)
    fallback = options.claims_dir or Path("claims")
    try:
        settings = load_config(Path.cwd(), options.claims_dir)
    except ConfigError as error:
        return Workspace(fallback, _selection(Selection(), options)), f"tracker lsp: {error}"
    claims = options.claims_dir or settings.claims or Path("claims")
    workspace = Workspace(claims, _selection(settings.selection, options))
    if not claims.is_dir():
        where = claims.absolute()
        return workspace, f"tracker lsp: no claims folder at {where}; no claim file is checked"
    return workspace, None


def _selection(chosen: Selection, options: Options) -> Selection:
    return Selection(
        chosen.select if options.select is None else options.select,
        chosen.ignore if options.ignore is None else options.ignore,
    )
