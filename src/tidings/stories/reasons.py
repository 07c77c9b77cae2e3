"""Why an article was placed where it is: the reason the tracker stores with each placement.

A reason is plain JSON (saved in `placement_reasons`, shown by `tidings story ID --format
json`, the API and the story page):

- `decision`: "joined" (an event), "new-event" (a new event in a related story),
  "new-story", "not-comparable" (no vectors: an event of its own) or "moved" (by hand);
- `member`: the member of the event it matched best (for a new event: of the best
  candidate), with `scores` (the seven SemEval dimensions against that member),
  `shared_entities`, `shared_places`, `shared_countries` and `member_day_gap`;
- `day_gap`: days between the article's day and the event's first..last days (0
  inside; null when they cannot be compared: one side undated);
- `rule` and `threshold`: the join rule applied to that event ("days-agree": Overall
  at most `join`; "strict": the days cannot be compared, at most `merge`; "days-apart":
  known days too far apart, no join), and for a new event in a story the story link;
- `candidates` (events scored), `held` (events of locked stories left out, with their
  Overall), `merged_events`/`merged_stories` (merged because it matched them strongly);
- `summary`: the same in one sentence.

The one extra pair scored with reasons (the matched member) costs well under a
millisecond, so placing stays flat in the store's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tidings.model import Article
from tidings.store.story_rows import EventRow
from tidings.stories.timing import When, gap

if TYPE_CHECKING:
    from tidings.stories.tracker import Proposal, StoryTracker


@dataclass(frozen=True)
class Match:
    """The member of an event that an article scored best against, and the seven scores."""

    member: str
    scores: dict[str, float]


@dataclass
class Deliberation:
    """What the tracker weighed for one article (filled by `assign`, read when it is stored)."""

    article_id: str
    when: When
    events: dict[int, EventRow] = field(default_factory=dict)  # candidates, before placing
    matches: dict[int, Match] = field(default_factory=dict)
    held: dict[int, float] = field(default_factory=dict)  # events of locked stories


def explain(
    tracker: StoryTracker, article: Article, proposal: Proposal, event_id: int, story_id: int
) -> dict[str, Any]:
    """The reason for placing `article` in `event_id` (of `story_id`) as `proposal` says."""
    weighed = tracker.deliberation_
    if weighed is None or weighed.article_id != article.id or not weighed.events:
        mine = weighed is not None and weighed.article_id == article.id
        decision = _lonely(proposal) if mine else "not-comparable"
        weighed = weighed if mine else None
        reason = _base(decision, event_id, story_id, proposal, weighed)
        reason["summary"] = _summary(reason)
        return reason
    if proposal.event_id is not None:
        decision, target = "joined", proposal.event_id
    else:
        decision = "new-event" if proposal.story_id is not None else "new-story"
        target = min(proposal.scores, key=lambda e: (proposal.scores[e], e), default=None)
    reason = _base(decision, event_id, story_id, proposal, weighed)
    if target is not None and target in weighed.matches:
        reason.update(_evidence(tracker, article, weighed, target))
        reason["matched_event"] = target
    if decision == "new-event":
        reason["story_rule"], reason["story_threshold"] = "related", tracker.story
    reason["summary"] = _summary(reason)
    return reason


def _lonely(proposal: Proposal) -> str:
    return "new-story" if proposal.story_id is None else "new-event"


def _base(
    decision: str, event_id: int, story_id: int, proposal: Proposal, weighed: Deliberation | None
) -> dict[str, Any]:
    return {
        "decision": decision,
        "event_id": event_id,
        "story_id": story_id,
        "day": proposal.when.day,
        "dated": proposal.when.dated,
        "candidates": len(weighed.events) if weighed else 0,
        "held": {str(e): s for e, s in sorted(weighed.held.items())} if weighed else {},
        "merged_events": list(proposal.merge_events),
        "merged_stories": list(proposal.merge_stories),
    }


def _evidence(
    tracker: StoryTracker, article: Article, weighed: Deliberation, event_id: int
) -> dict[str, Any]:
    match = weighed.matches[event_id]
    event = weighed.events[event_id]
    rule, threshold = rule_of(tracker, event, weighed.when)
    found: dict[str, Any] = {
        "member": match.member,
        "scores": match.scores,
        "overall": match.scores.get("Overall"),
        "rule": rule,
        "threshold": threshold,
        "day_gap": day_gap(event, weighed.when),
    }
    theirs = tracker.profiles_.of([match.member]).get(match.member)
    if theirs is not None and tracker.scorer_ is not None:
        why = tracker.scorer_.score(tracker.profiles_.own(article), theirs).reasons
        found.update(
            shared_entities=why.get("shared_entities", {}),
            shared_places=why.get("shared_places", {}),
            shared_countries=why.get("shared_countries", []),
            member_day_gap=why.get("date_gap_days"),
        )
    return found


def rule_of(tracker: StoryTracker, event: EventRow, when: When) -> tuple[str, float | None]:
    """The join rule the tracker applies between this event and this day, and its threshold."""
    threshold = tracker._join_threshold(event, when)
    if threshold == float("-inf"):
        return "days-apart", None
    apart = gap(event.first, event.last, when)
    if apart is None:
        return ("days-unknown" if threshold == tracker.join else "strict"), threshold
    if apart > tracker.event_days:
        return "days-doubtful", threshold
    return "days-agree", threshold


def day_gap(event: EventRow, when: When) -> int | None:
    """Days from the event's first..last days to the article's day (0 inside); None when
    either is unknown."""
    return gap(event.first, event.last, when)


_RULES = {
    "days-agree": "the days agree, so Overall at most {t} joins",
    "days-unknown": "a day is unknown, so Overall at most {t} joins",
    "days-doubtful": "the days differ, but only the text gives the article's, so Overall at most {t} joins",
    "strict": "the days cannot be compared, so only Overall at most {t} joins",
    "days-apart": "known days too far apart: no join",
}


def _summary(reason: dict[str, Any]) -> str:
    """The reason in one sentence."""
    decision = reason["decision"]
    if decision == "moved":
        who = reason.get("by", "?")
        return f"moved by hand by {who} at {reason.get('at', '?')} into event {reason['event_id']}"
    if decision == "not-comparable":
        return "no vectors to compare: an event of its own"
    rule = _RULES.get(reason.get("rule", ""), "").format(t=reason.get("threshold"))
    match = (
        f"best match {reason['member']} (event {reason['matched_event']}), "
        f"Overall {reason['overall']:.2f}; {rule}"
        if "member" in reason
        else "no candidate event to compare with"
    )
    if decision == "joined":
        text = f"joined event {reason['event_id']}: {match}"
    elif decision == "new-event":
        text = (
            f"new event {reason['event_id']} in related story {reason['story_id']} "
            f"(story link at Overall at most {reason.get('story_threshold')}): {match}"
        )
    else:
        text = f"new story {reason['story_id']}: {match}"
    if reason.get("held"):
        text += f"; left out, in locked stories: events {', '.join(reason['held'])}"
    return text
