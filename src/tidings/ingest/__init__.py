"""Ingest: inputs in, clean articles out."""

from tidings.ingest.errors import InputError, ReadFailure
from tidings.ingest.progress import Progress
from tidings.ingest.runner import Ingestor, IngestReport, read_input
from tidings.ingest.sources import Input, expand

__all__ = [
    "IngestReport",
    "Ingestor",
    "Input",
    "InputError",
    "Progress",
    "ReadFailure",
    "expand",
    "read_input",
]
