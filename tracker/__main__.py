"""`python -m tracker`: the `tracker` command, for environments where the console script is
not on PATH."""

from tracker.cli import entry

if __name__ == "__main__":
    entry()
