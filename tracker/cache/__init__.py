"""The caches kept in ``.tracker-cache`` beside the claims folder.

``folder`` (the folder, verified before anything is read, written or removed there),
``parses`` (each claim file's records, signed) and ``runs`` (whole reports, signed). Imports
:mod:`tracker.corpus` and :mod:`tracker.reading`; only :mod:`tracker.run` uses it.
"""
