"""tidings: multilingual news in, cross-lingual stories out."""

from tidings.app import Tidings, open
from tidings.config import Settings
from tidings.model import Article

__all__ = ["Article", "Settings", "Tidings", "open"]
__version__ = "0.1.0"
