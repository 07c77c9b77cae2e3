"""`python -m tidings …`: the command line, as the `tidings` script runs it."""

from tidings.cli import app

app()
