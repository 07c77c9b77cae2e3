"""The profiles the tracker compares: of the article being placed, and of the events'
members, the most recent kept in memory (a member is compared with every article
that comes near its event)."""

from __future__ import annotations

from collections import OrderedDict

from tidings.compare.features import (
    ArticleProfile,
    profile,
    profile_from_bytes,
)
from tidings.model import Article
from tidings.store.base import ArticleStore


class MemberProfiles:
    def __init__(self, store: ArticleStore, size: int = 4096):
        self.store = store
        self.size = size
        self.cache_: OrderedDict[str, ArticleProfile] = OrderedDict()
        self.pending_: Article | None = None

    def clear(self) -> None:
        self.cache_.clear()

    def of(self, ids: list[str]) -> dict[str, ArticleProfile]:
        """Stored members' profiles: from memory, else as saved when they were placed,
        else (saved by an older tidings, or not at all) computed from the article."""
        found: dict[str, ArticleProfile] = {}
        missing = []
        for article_id in dict.fromkeys(ids):
            cached = self.cache_.get(article_id)
            if cached is None:
                missing.append(article_id)
            else:
                self.cache_.move_to_end(article_id)
                found[article_id] = cached
        if not missing:
            return found
        saved = self.store.profiles(missing)
        vectors = self.store.embeddings(saved)
        for article_id in missing:
            blob = saved.get(article_id)
            item = (
                profile_from_bytes(article_id, blob, vectors.get(article_id, {})) if blob else None
            )
            if item is None:
                article = self.store.get(article_id)
                if article is None:
                    continue
                item = profile(article)
            found[article_id] = self._remember(item)
        return found

    def own(self, article: Article) -> ArticleProfile:
        """The profile of the article being placed, computed once for assign and apply."""
        cached = self.cache_.get(article.id)
        if cached is not None and self.pending_ is article:
            return cached
        self.pending_ = article
        return self._remember(profile(article))

    def _remember(self, item: ArticleProfile) -> ArticleProfile:
        self.cache_[item.id] = item
        self.cache_.move_to_end(item.id)
        while len(self.cache_) > self.size:
            self.cache_.popitem(last=False)
        return item
