"""The incremental story tracker: each article is placed on arrival, nothing is re-clustered.

Like scikit-learn's Birch (`partial_fit`), `update(batch)` places a batch in
arrival order and `assign(article)` proposes a placement without storing it;
all state (events, their vector sums, stories, placements, merges) lives in the
store, and the in-memory vector index is rebuilt from it when the tracker starts.

Placing one article costs the same however many are stored:

1. the `candidates` event centroids nearest to its body vector (an exact
   search: the same store gives the same candidates however it was grown),
   kept if their days lie within `story_days` of the article's day (see 3);
2. `PairScorer` Overall of the article against at most `representatives`
   members of each candidate (the members that fitted their event best); the
   event's score is the best (lowest) of those;
3. it joins the best event whose score is at most `join`, unless a publication
   day lies more than `event_days` from the event's known days (`DateRules`:
   a day only the text states, or an unknown one, neither forbids a join nor
   stretches the event); else it opens a new event, which joins the story of
   the best candidate scoring at most `story` that `StoryBounds` allows
   (specific shared evidence, a bounded span), or a new story;
4. other joinable events that it matches at most `merge` are merged into the
   oldest of them; the story of another event it matches at most `merge` is
   merged likewise when the bounds allow (the older id survives, the merge is
   logged).

Time windows are applied before any pair is scored, so a long history adds
candidates to the search only, not pair scores. Days are those `article_day`
gives (see `timing`): never the ingest time.
At most `candidates` x `representatives` pairs are scored, and the members'
comparison profiles are read from the store (saved when each was placed), not
recomputed, so the cost of placing one article does not grow with the store.

Thresholds follow the SemEval-2022 Task 8 convention (gold Overall <= 1.5 same
story, >= 3.0 different): `join` is the midpoint 2.25, `merge` the strict 1.5,
and `story` (2.5) lies between the midpoint and "different". None of them was
tuned on the pairs that `benchmarks/stories.py` scores (the choice of the best
rather than the mean representative was compared there; see the report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from tidings.compare import PairScorer
from tidings.compare.features import VIEWS, profile_bytes
from tidings.config import Settings
from tidings.model import Article
from tidings.pipeline import batches
from tidings.store.base import ArticleStore
from tidings.store.story_rows import EventRow, PlacementRow, StoryRow
from tidings.stories.boundaries import StoryBounds, evidence
from tidings.stories.hand import hold_locked, keep_hand_made
from tidings.stories.index import CentroidIndex
from tidings.stories.member_profiles import MemberProfiles
from tidings.stories.reasons import Deliberation, Match, explain
from tidings.stories.timing import DateRules, When, article_day, extend, gap, within

VIEW = "body"


@dataclass(frozen=True)
class Proposal:
    """Where an article would go: an event (None: a new one) and, for a new event, a story."""

    article_id: str
    when: When
    _: KW_ONLY  # the rest by name
    event_id: int | None = None
    story_id: int | None = None  # None with no event: a new story
    overall: float | None = None  # score of the event (or story) it joins
    merge_events: tuple[int, ...] = ()  # other events it matches strongly
    merge_stories: tuple[int, ...] = ()
    scores: dict[int, float] = field(default_factory=dict, repr=False)  # event id -> Overall
    evidence: tuple[str, ...] = ()  # keys shared with the member that linked it to a story


@dataclass(frozen=True)
class Placed:
    """What placing an article did."""

    article_id: str
    event_id: int
    story_id: int
    new_event: bool
    new_story: bool


class StoryTracker:
    """Places articles into events and stories, one at a time, with the state in the store.

    `scorer` is injected (benchmarks pass a cross-fitted one); by default the bundled model.
    """

    def __init__(
        self,
        store: ArticleStore,
        scorer: PairScorer | None = None,
        *,
        join: float = 2.25,
        merge: float = 1.5,
        story: float = 2.5,
        event_days: int = 7,
        story_days: int = 42,
        candidates: int = 16,
        representatives: int = 3,
        profiles: int = 4096,
        rules: DateRules | None = None,
        bounds: StoryBounds | None = None,
    ):
        self.store = store
        self.scorer = scorer
        self.join = join
        self.merge = merge
        self.story = story
        self.event_days = event_days
        self.story_days = story_days
        self.candidates = candidates
        self.representatives = representatives
        self.profiles = profiles
        self.rules = rules or DateRules()
        self.bounds = bounds or StoryBounds()
        self.scorer_: PairScorer | None = None
        self.index_: CentroidIndex | None = None
        self.profiles_ = MemberProfiles(store, profiles)
        self.seen_: int | None = None  # the store's events_version when the index was right
        self.deliberation_: Deliberation | None = None  # what `assign` weighed last (reasons)

    # -- state ----------------------------------------------------------------
    def setup(self) -> StoryTracker:
        """Load the scorer and rebuild the vector index from the store's events."""
        if self.scorer_ is None:
            self.scorer_ = self.scorer or PairScorer.load()
        if self.index_ is None:
            self.seen_ = self.store.events_version()
            index = CentroidIndex()
            rows = list(self.store.live_events())
            rows = [r for r in rows if np.any(r.vector_sum)]
            if rows:
                index.add_many([r.id for r in rows], np.vstack([r.centroid for r in rows]))
            self.index_ = index
        return self

    def reset(self) -> None:
        """Forget the in-memory state (after a rolled-back transaction)."""
        self.index_ = None
        self.profiles_.clear()

    # -- placing ----------------------------------------------------------------
    def update(self, articles: Sequence[Article]) -> list[Placed]:
        """Place analysed, embedded, stored articles in arrival order, in one transaction."""
        self.setup()
        try:
            with self.store.transaction():
                # Another process may have placed articles since our index was built
                # (the transaction holds the store's write lock, so none can now).
                if self.store.events_version() != self.seen_:
                    self.index_ = None
                    self.setup()
                # One BLAS thread: the index's and the model's products are small, and
                # beside busy ingest workers two threads spun against each other (the
                # event search took 2 ms, not 0.2).
                with threadpool_limits(1, user_api="blas"):
                    placed = [self._apply(article, self.assign(article)) for article in articles]
                self.seen_ = self.store.events_version()
                return placed
        except BaseException:
            self.reset()
            raise

    def repair(self) -> list[Placed]:
        """Place stored articles that are in no event (a crash between storing and placing)."""
        missing = self.store.unplaced()
        placed: list[Placed] = []
        for ids in batches(missing, Settings.batch_size):
            placed += self.update([a for a in map(self.store.get, ids) if a is not None])
        return placed

    def assign(self, article: Article) -> Proposal:
        """Where `article` would be placed now; reads the store, changes nothing."""
        self.setup()
        when = article_day(article)
        vector = article.embeddings.get(VIEW)
        self.deliberation_ = None
        if vector is None or not all(v in article.embeddings for v in VIEWS):
            return Proposal(article.id, when)  # not comparable: an event of its own
        hits = self.index_.search(vector, self.candidates)  # type: ignore[union-attr]
        rows = self.store.events(eid for eid, _ in hits)
        near = [r for r in rows.values() if self._story_window(r, when)]
        self.deliberation_ = Deliberation(article.id, when, {r.id: r for r in near})
        scored = self._scores(article, near)
        # Corrections: locked stories take no automatic joins (`stories.hand`).
        scored, held = hold_locked(self.store, rows, scored)
        self.deliberation_.held = {e: s for e, (s, _) in held.items()}
        thresholds = {r.id: self._join_threshold(r, when) for r in near}
        proposal = self._decide(article, when, rows, scored, thresholds)
        return keep_hand_made(self.store, proposal, rows)

    def _join_threshold(self, event: EventRow, when: When) -> float:
        """`join` if the days agree or cannot be compared; never (-inf) where a day
        that may hold the article apart (`DateRules`) lies too far from the event's."""
        apart = gap(event.first, event.last, when)
        if apart is None:
            return self.merge if self.rules.strict_undated else self.join
        if apart <= self.event_days or not self.rules.holds_apart(when):
            return self.join
        return float("-inf")

    def _story_window(self, event: EventRow, when: When) -> bool:
        """Within `story_days` of a day that may hold the article apart; unknown and
        doubtful days are not held apart by time."""
        return not self.rules.holds_apart(when) or within(event, when, self.story_days)

    def _decide(
        self,
        article: Article,
        when: When,
        rows: dict[int, EventRow],
        scored: dict[int, tuple[float, str]],
        thresholds: dict[int, float],
    ) -> Proposal:
        scores = {e: s for e, (s, _) in scored.items()}
        joinable = sorted((s, e) for e, s in scores.items() if s <= thresholds[e])
        if joinable:
            overall, event_id = joinable[0]
            story_id = rows[event_id].story_id
            strong = tuple(
                e for s, e in joinable[1:]
                if s <= self.merge and overall <= self.merge
                and self._may_merge(story_id, rows[e].story_id)
            )  # fmt: skip
            others = {
                rows[e].story_id for e, (s, member) in scored.items()
                if s <= self.merge and rows[e].story_id != story_id
                and self._shared(article, member) and self._may_merge(story_id, rows[e].story_id)
            }  # fmt: skip
            return Proposal(
                article.id, when, event_id=event_id, story_id=story_id, overall=overall,
                merge_events=strong, merge_stories=tuple(sorted(others)), scores=scores,
            )  # fmt: skip
        for overall, event_id in sorted((s, e) for e, s in scores.items() if s <= self.story):
            shared = self._shared(article, scored[event_id][1])
            story = self.store.story_row(rows[event_id].story_id)
            if self.bounds.allows(story, when, shared):
                return Proposal(article.id, when, story_id=story.id, overall=overall, scores=scores,
                                evidence=tuple(shared))  # type: ignore[union-attr]  # fmt: skip
        return Proposal(article.id, when, scores=scores)

    def _shared(self, article: Article, member: str) -> list[str]:
        known = self.profiles_.of([member])
        return evidence(self.profiles_.own(article), known[member]) if member in known else []

    def _may_merge(self, a: int, b: int) -> bool:
        """Whether two stories' spans together stay within the bounds."""
        if a == b:
            return True
        one, other = self.store.story_row(a), self.store.story_row(b)
        if one is None or other is None:
            return False
        return not self.rules.story_span or self.bounds.merged_span_ok(one, other)

    def _scores(self, article: Article, events: list[EventRow]) -> dict[int, tuple[float, str]]:
        """Each event's score and member: the article's Overall against its closest
        representative (single linkage over a bounded set, as online leader clustering does)."""
        mine = self.profiles_.own(article)
        members = {
            event.id: [
                m for m in self.store.representatives(event.id, self.representatives)
                if m != article.id
            ]
            for event in events
        }  # fmt: skip
        known = self.profiles_.of([m for ids in members.values() for m in ids])
        pairs, owners = [], []
        for event in events:
            for member in members[event.id]:
                if member in known:
                    pairs.append((mine, known[member]))
                    owners.append(event.id)
        if not pairs:
            return {}
        compared = self.scorer_.score_many(pairs, reasons=False)  # type: ignore[union-attr]
        best: dict[int, tuple[float, str]] = {}
        for owner, comparison, (_, member) in zip(owners, compared, pairs, strict=True):
            if owner not in best or (comparison.overall, member.id) < best[owner]:
                best[owner] = (comparison.overall, member.id)  # ties: the smaller id
                if self.deliberation_ is not None:  # the reason's matched member
                    self.deliberation_.matches[owner] = Match(comparison.b, comparison.scores)
        return best

    # -- storing a placement ----------------------------------------------------
    def _apply(self, article: Article, proposal: Proposal) -> Placed:
        vector = article.embeddings.get(VIEW)
        vector = np.zeros(0, np.float32) if vector is None else np.asarray(vector, np.float32)
        day, dated = proposal.when.day, proposal.when.dated
        new_story = proposal.event_id is None and proposal.story_id is None
        if proposal.event_id is None:
            story_id = proposal.story_id or self.store.new_story(day, day)
            event = EventRow(
                id=0, story_id=story_id, first=day, last=day, dated=dated, size=1,
                vector_sum=vector.copy(),
            )  # fmt: skip
            event.id = self.store.new_event(event)
            fit = 1.0
        else:
            event = self.store.events([proposal.event_id])[proposal.event_id]
            event.vector_sum = event.vector_sum + vector
            event.size += 1
            if within(event, proposal.when, self.event_days):
                extend(event, day)  # (a day far from the event's, joined on content, moves none)
            fit = float(vector @ event.centroid) if vector.size else 0.0
            self.store.save_event(event)
        self.store.place([PlacementRow(article.id, event.id, fit, day, dated)])
        if vector.size and all(v in article.embeddings for v in VIEWS):
            self.index_.upsert(event.id, event.centroid)  # type: ignore[union-attr]
            self.store.save_profiles([(article.id, profile_bytes(self.profiles_.own(article)))])
        self._grow_story(event)
        for other in proposal.merge_events:
            self._merge_events(other, event.id, article.id, proposal.scores)
        for other in proposal.merge_stories:
            self._merge_stories(other, event.story_id, article.id, proposal.scores)
        event_id = self.store.resolve("event", event.id) or event.id
        story_id = self.store.events([event_id])[event_id].story_id
        story_id = self.store.resolve("story", story_id) or story_id
        reason = explain(self, article, proposal, event_id, story_id)
        self.store.save_reasons([(article.id, reason)])
        return Placed(
            article.id,
            event_id,
            story_id,
            proposal.event_id is None,
            new_story,
        )

    def _grow_story(self, event: EventRow) -> None:
        story = self.store.story_row(event.story_id)
        if story is None:
            return
        story.size += 1
        story.first, story.last = _span(story, event)
        self.store.save_story(story)

    def _merge_events(self, a: int, b: int, article_id: str, scores: dict[int, float]) -> None:
        rows = self.store.events([a, b])
        if len(rows) < 2:
            return
        into, gone = sorted(rows.values(), key=lambda r: r.id)
        if gone.story_id != into.story_id:
            self._merge_stories(gone.story_id, into.story_id, article_id, scores)
            gone.story_id = into.story_id
        into.vector_sum = into.vector_sum + gone.vector_sum
        into.size += gone.size
        extend(into, gone.first)
        extend(into, gone.last)
        self.store.save_event(into)
        evidence = {
            "article": article_id,
            "overall": {str(e): round(scores.get(e, 0), 3) for e in (a, b)},
        }
        self.store.merge_events(gone.id, into.id, evidence)
        self.index_.remove(gone.id)  # type: ignore[union-attr]
        self.index_.upsert(into.id, into.centroid)  # type: ignore[union-attr]

    def _merge_stories(self, a: int, b: int, article_id: str, scores: dict[int, float]) -> None:
        a = self.store.resolve("story", a) or a
        b = self.store.resolve("story", b) or b
        if a == b:
            return
        into_id, gone_id = min(a, b), max(a, b)
        into, gone = self.store.story_row(into_id), self.store.story_row(gone_id)
        if into is None or gone is None:
            return
        into.size += gone.size
        into.first, into.last = _span(into, gone)
        self.store.save_story(into)
        self.store.merge_stories(gone_id, into_id, {"article": article_id})


def _span(a: EventRow | StoryRow, b: EventRow | StoryRow) -> tuple[str | None, str | None]:
    """The known days of two spans together (None where neither knows one)."""
    firsts = [d for d in (a.first, b.first) if d is not None]
    lasts = [d for d in (a.last, b.last) if d is not None]
    return min(firsts, default=None), max(lasts, default=None)
