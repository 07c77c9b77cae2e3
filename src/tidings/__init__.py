"""tidings: multilingual news in, cross-lingual stories out.

The facade, the model and the stores are imported on first use, not with the
package: every command line start (even `tidings --help`) imports this package.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from tidings.config import Settings
from tidings.model import Article

if TYPE_CHECKING:
    from tidings.app import Tidings
    from tidings.compare import Comparison, PairScorer

__all__ = ["Article", "Settings", "Tidings", "compare", "open"]
__version__ = "0.1.0"


def open(db: str | None = None, settings: Settings | None = None) -> Tidings:
    """`tidings.open("news.db")`: the store at `db` (default ./tidings.db or TIDINGS_DB)."""
    from tidings.app import Tidings

    return Tidings.open(db, settings)


def _compare(a: Article, b: Article, scorer: PairScorer | None = None) -> Comparison:
    """Scores of two analysed, embedded articles; by default with the bundled model
    (`tidings.compare.compare`)."""
    from tidings.compare import compare

    return compare(a, b, scorer)


def __getattr__(name: str) -> Any:
    if name == "Tidings":
        from tidings.app import Tidings

        return Tidings
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")


class _Package(ModuleType):
    """`tidings.compare` is the function. Importing the subpackage `tidings.compare`
    (on first use) sets the package's attribute to the module: that is ignored."""

    @property
    def compare(self) -> Any:
        return _compare

    @compare.setter
    def compare(self, module: ModuleType) -> None:
        pass


sys.modules[__name__].__class__ = _Package
