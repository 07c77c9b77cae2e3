"""What a server keeps of resolving typed names: the resolutions (`RecentNames`) and
the gazetteer's answers (`SharedPlaces`), with the real place finder."""

from __future__ import annotations

import threading

import pytest

from tidings.analyze.places import PlaceFinder
from tidings.explore.query import ArticleQuery
from tidings.explore.resolve import SharedPlaces
from tidings.serve.requests import RecentNames


def _counting(answers: list[ArticleQuery]):
    calls: list[int] = []

    def resolve() -> ArticleQuery:
        calls.append(1)
        return answers[len(calls) - 1]

    return resolve, calls


def test_a_resolution_is_kept_for_its_seconds_then_resolved_again():
    first, second = ArticleQuery(entity="hftr"), ArticleQuery(entity="hftr2")
    names = RecentNames(seconds=60)
    resolve, calls = _counting([first, second])
    assert names.get(("Haftar", None, None), resolve) is first
    assert names.get(("Haftar", None, None), resolve) is first  # kept
    assert len(calls) == 1
    expired = RecentNames(seconds=0)
    resolve, calls = _counting([first, second])
    assert expired.get("Haftar", resolve) is first
    assert expired.get("Haftar", resolve) is second  # too old at once: resolved again


def test_an_unknown_name_is_not_kept():
    names = RecentNames()
    with pytest.raises(ValueError):
        names.get("Nobody", lambda: (_ for _ in ()).throw(ValueError("unknown")))
    assert names.get("Nobody", lambda: ArticleQuery(entity="nbd")).entity == "nbd"


def test_the_least_recently_used_go_first():
    names = RecentNames(size=2)
    for key in ("a", "b"):
        names.get(key, lambda k=key: ArticleQuery(entity=k))
    names.get("a", lambda: ArticleQuery(entity="again"))  # a used: b is now the oldest
    names.get("c", lambda: ArticleQuery(entity="c"))
    assert names.get("a", lambda: ArticleQuery(entity="lost")).entity == "a"
    assert names.get("b", lambda: ArticleQuery(entity="new")).entity == "new"


class CountingFinder(PlaceFinder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def find(self, text, lang):
        self.calls += 1
        return super().find(text, lang)


def test_shared_places_answer_as_the_finder_and_ask_it_once_a_name():
    finder = CountingFinder()
    shared = SharedPlaces(finder)
    answers: list[list] = []
    threads = [
        threading.Thread(target=lambda: answers.append(shared.find("Libya", "en")))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 8 and all(a == answers[0] for a in answers)
    assert [p.id for p in answers[0]] == [p.id for p in PlaceFinder().find("Libya", "en")]
    assert "country:LY" in [p.id for p in answers[0]]
    before = finder.calls
    shared.find("Libya", "en")
    assert finder.calls == before  # remembered
    shared.find("Libya", "tr")  # another language is another question
    assert finder.calls == before + 1
