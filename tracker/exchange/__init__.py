"""Exchange with the tools newsrooms and fact-checkers already use: a SQLite database for
Datasette (``sqlite``). Imports :mod:`tracker.analysis` and below.
"""
