"""Corrections respected by later placements, with the real pipeline and bundled model on
the seeds (two Turkish and three Arabic reports of the January 2020 Moscow talks on Libya)
in real SQLite files: each test runs the same ingest with and without the correction."""

from __future__ import annotations

from dataclasses import replace

import pytest

import tidings
from tests.conftest import seed_file
from tests.stories.conftest import by_seed
from tidings.stories.corrections import Target

pytestmark = pytest.mark.slow


def _ingest(app: tidings.Tidings, *seeds: str, published: str | None = None) -> None:
    report = app.ingest([str(seed_file(s)) for s in seeds], published=published)
    assert report.new == len(seeds), report.failures


def _event_of(app: tidings.Tidings, article_id: str) -> int:
    return app.placement(article_id)[0]


@pytest.mark.parametrize("moved", [False, True])
def test_a_later_article_follows_a_moved_article(tmp_path, moved):
    """002 joins 001's event (it matches 001 best). Once 001 is moved by hand into 000's
    event, 002 goes there with it. The seeds give no dates: 000 is dated seven weeks
    before the others, so that days hold it in an event of its own."""
    with tidings.open(str(tmp_path / "t.db")) as app:
        _ingest(app, "000", published="2020-01-13")
        _ingest(app, "001", published="2020-03-02")
        ids = by_seed(app)
        first, second = _event_of(app, ids["000"]), _event_of(app, ids["001"])
        assert first != second
        if moved:
            app.corrections().move(ids["001"], Target(event=first), by="test")
        _ingest(app, "002", published="2020-03-02")
        ids = by_seed(app)
        reason = app.store.reasons([ids["002"]])[ids["002"]]
        assert reason["member"] == ids["001"]
        assert _event_of(app, ids["002"]) == _event_of(app, ids["001"])
        assert _event_of(app, ids["002"]) == (first if moved else second)


def _copy(app: tidings.Tidings, article_id: str, tag: str) -> str:
    """Store and place a copy of a stored article (its text marked, so not a duplicate)."""
    copy = app.article(article_id)
    copy = replace(copy, id=f"{article_id}-{tag}", body=f"{copy.body}\n{tag}",
                   raw=f"{copy.raw}\n{tag}")  # fmt: skip
    app.store.add([copy])
    app.tracker().update([copy])
    return copy.id


@pytest.mark.parametrize("moved", [False, True])
def test_a_later_article_does_not_undo_a_move(tmp_path, moved):
    """003 and a copy of it share an event; 003 is moved to a story of its own. A second
    copy matches both strongly: it would merge the two events (and stories) back, but an
    event changed by hand is never merged automatically."""
    with tidings.open(str(tmp_path / "t.db")) as app:
        _ingest(app, "000", "001", "002", "003")
        ids = by_seed(app)
        twin = _copy(app, ids["003"], "a")
        assert _event_of(app, twin) == _event_of(app, ids["003"])
        if moved:
            app.corrections().move(ids["003"], Target(new_story=True), by="test")
        apart = app.placement(ids["003"]), app.placement(twin)
        third = _copy(app, ids["003"], "b")
        if not moved:
            assert _event_of(app, third) == _event_of(app, ids["003"])
            return
        assert (app.placement(ids["003"]), app.placement(twin)) == apart  # the move stands
        assert apart[0][1] != apart[1][1]
        assert app.placement(third) in apart
        assert app.store.reasons([third])[third]["merged_events"] == []


@pytest.mark.parametrize("locked", [False, True])
def test_a_locked_story_takes_no_automatic_joins(tmp_path, locked):
    with tidings.open(str(tmp_path / "t.db")) as app:
        _ingest(app, "000", "001", "002")
        ids = by_seed(app)
        story = app.placement(ids["001"])[1]
        if locked:
            app.corrections().lock(story, by="test")
        _ingest(app, "003", "004")
        ids = by_seed(app)
        stories = {app.placement(ids[s])[1] for s in ("003", "004")}
        reason = app.store.reasons([ids["003"]])[ids["003"]]
        if not locked:
            assert stories == {story} and reason["decision"] == "joined"
            return
        assert story not in stories
        assert app.story(story).size == 3
        assert str(_event_of(app, ids["001"])) in reason["held"]
        assert "locked" in reason["summary"]
        app.corrections().move(ids["003"], Target(story=story), by="test")  # by hand: yes
        assert app.placement(ids["003"])[1] == story


def test_corrections_survive_a_restart(tmp_path, seeds_dir):
    db = str(tmp_path / "t.db")
    with tidings.open(db) as app:
        app.ingest([str(seeds_dir)])
        ids = by_seed(app)
        app.corrections().move(ids["003"], Target(new_story=True), by="ayşe", note="other talks")
        moved = app.placement(ids["003"])
    with tidings.open(db) as app:
        assert app.placement(ids["003"]) == moved
        app.ingest([str(seeds_dir)])  # nothing new: nothing re-placed
        assert app.placement(ids["003"]) == moved
        detail = app.story_detail(moved[1])
        assert [c["kind"] for c in detail["corrections"]] == ["move"]
        assert detail["corrections"][0]["who"] == "ayşe"
        (event,) = detail["events"]
        assert [a["id"] for a in event["articles"]] == [ids["003"]]
        reason = event["articles"][0]["reason"]
        assert reason["decision"] == "moved" and reason["automatic"]["decision"] == "joined"
