"""tidings: multilingual news in, cross-lingual stories out."""

from tidings.app import Tidings, open
from tidings.compare import compare  # binds the function over the subpackage's name
from tidings.config import Settings
from tidings.model import Article

__all__ = ["Article", "Settings", "Tidings", "compare", "open"]
__version__ = "0.1.0"
