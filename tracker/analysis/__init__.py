"""Analysis: the graph of a valid corpus and everything computed from it.

``graph`` (records to one networkx MultiDiGraph), ``conflicts`` (derived and explicit
conflicts), ``answers`` (the answers given to a topic and their independent origins),
``report`` (what a report shows: rows, disputes, history), ``tables`` (the pandas tables of
``sources``, ``topics``, ``matrix``, ``timeline``) and ``pipeline`` (``analyse_corpus``: load,
graph, conflicts in one call). Imports :mod:`tracker.corpus` and below.
"""
