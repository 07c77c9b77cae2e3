"""The stored articles nearest one, scored, and where an article's names occur:
what `Tidings.similar` and `Tidings.mentions` do."""

from __future__ import annotations

from tidings.explore.mentions import Mention, find_mentions
from tidings.explore.similar import Languages, Similar
from tidings.loaded import Loaded
from tidings.model import Article
from tidings.store.base import ArticleStore


def similar(
    store: ArticleStore,
    loaded: Loaded,
    article_id: str,
    *,
    k: int = 5,
    languages: Languages = "other",
    scored: bool = True,
) -> list[Similar]:
    """The stored articles nearest this one by body vector (other languages by default),
    each scored on the seven dimensions unless `scored` is false."""
    article = store.get(article_id)
    if article is None:
        raise LookupError(f"no article with id {article_id!r}")
    near = loaded.index.refresh(store).nearest(article_id, k, languages)
    found = [(n, store.get(n.id)) for n in near]
    similar = [Similar(a, n.cosine) for n, a in found if a is not None]
    if scored and similar:
        mine = loaded.profiles.of(article)
        pairs = [(mine, loaded.profiles.of(s.article)) for s in similar]
        for item, comparison in zip(similar, loaded.scorer().score_many(pairs), strict=True):
            item.comparison = comparison
    return similar


def mentions(loaded: Loaded, article: Article) -> dict[str, list[Mention]]:
    """Where the article's entities and places occur: {"title": [...], "body": [...]}."""
    lookup = loaded.place_lookup
    return {
        "title": find_mentions(article.title or "", article, lookup),
        "body": find_mentions(article.body, article, lookup),
    }
