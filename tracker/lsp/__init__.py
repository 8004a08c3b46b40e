"""`tracker lsp`: a Language Server Protocol server for claim files (pygls over stdio).

One module per job: ``setup.py`` finds the claims folder and settings of the editor's
workspace root; ``files.py`` is what the server reads (the editor's unsaved buffers over
the claims folder on disk) and the work it keeps between edits; ``workspace.py`` holds the
analysed corpus and recomputes it after an edit; ``occurrences.py`` finds every id where it
is declared and named; ``convert.py`` turns the tracker's diagnostics and marks into LSP
positions; ``hover.py``, ``completion.py`` and ``actions.py`` answer those requests;
``server.py`` wires them into pygls. Only ``server.py`` imports pygls, and only
``tracker.cli.lsp`` imports ``server.py`` (inside the command), so ``tracker --help`` never
loads it. The server never writes a file: edits it proposes go to the editor.
"""
