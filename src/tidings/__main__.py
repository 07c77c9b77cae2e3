"""`python -m tidings`: the same command line as `tidings`."""

from tidings.cli import app

app(prog_name="tidings")
