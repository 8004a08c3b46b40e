"""Reading: where a corpus's bytes come from and how they become YAML nodes.

``files`` (a claims folder on disk, a test's dict), ``gitfiles`` (a git revision, through
``git cat-file``) and ``parse`` (bytes to YAML nodes with line and column marks, refusing
tags, alias bombs and bad encodings). Imports only :mod:`tracker.diagnostics`.
"""
