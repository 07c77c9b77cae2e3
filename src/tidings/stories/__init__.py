"""Stories: articles placed incrementally into events (days) and stories (weeks).

tracker = StoryTracker(store)            # the bundled scorer by default
tracker.update(articles)                 # place stored articles on arrival
summarise_story(store, story_id)         # title, languages, timeline, ...
"""

from __future__ import annotations

from tidings.stories.index import CentroidIndex
from tidings.stories.summary import EventSummary, StorySummary, summarise_event, summarise_story
from tidings.stories.tracker import Placed, Proposal, StoryTracker

__all__ = [
    "CentroidIndex",
    "EventSummary",
    "Placed",
    "Proposal",
    "StorySummary",
    "StoryTracker",
    "summarise_event",
    "summarise_story",
]
