"""Ingest: inputs in, clean articles out."""

from tidings.ingest.errors import InputError, ReadFailure, ReadWarning
from tidings.ingest.progress import Progress
from tidings.ingest.readers import FieldMap
from tidings.ingest.runner import Ingestor, IngestReport, read_input
from tidings.ingest.sources import Input, expand

__all__ = [
    "FieldMap",
    "IngestReport",
    "Ingestor",
    "Input",
    "InputError",
    "Progress",
    "ReadFailure",
    "ReadWarning",
    "expand",
    "read_input",
]
