"""Review tools for a corpus kept in git: ``diff`` (the conflicts a change adds, removes and
changes, between revisions) and ``fmt`` (the canonical layout, keeping comments). Imports
:mod:`tracker.analysis` and below.
"""
