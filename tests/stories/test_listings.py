"""Story listings on a real store of real Turkish and Arabic articles (the real pipeline
and bundled model): the filtered listings against straightforward reference queries,
and the cached summaries against summaries made afresh, before and after more articles
come in."""

from __future__ import annotations

from pathlib import Path

import pytest

import tidings
from tidings.store.story_rows import StoryFilter
from tidings.stories import summarise_story

pytestmark = pytest.mark.slow

PER_CORPUS = 20  # articles of each language stored first
LATER = 8  # and of each language stored after the first listings
# Articles naming Erdoğan in both languages, so that some stories have many members
# and some both languages (the first lines of the corpora are mostly unrelated).
NAMES = {"ttc3600-tr-news.jsonl": "Erdoğan", "hespress-ar-news.jsonl": "أردوغان"}

# A story passes a filter if any member article does: the plain correlated form,
# one story at a time (what the store's listing did before it was made fast).
REFERENCE = (
    "SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND s.size > 0 AND EXISTS ("
    "SELECT 1 FROM events e JOIN placements p ON p.event_id = e.id {join} "
    "WHERE e.story_id = s.id AND {cond}) ORDER BY s.last DESC, s.size DESC, s.id"
)
BY_LANG = REFERENCE.format(join="JOIN articles a ON a.id = p.article_id", cond="a.lang = ?")
BY_KEY = REFERENCE.format(
    join="JOIN article_keys k ON k.article_id = p.article_id", cond="k.kind IN ({}) AND k.key = ?"
)


def _write(data_dir: Path, path: Path, skip: int, take: int) -> Path:
    """Of each corpus, `take` lines, half naming Erdoğan, after the `skip` taken before."""
    lines = []
    for name, word in NAMES.items():
        with (data_dir / name).open(encoding="utf-8") as handle:
            named, other = [], []
            for line in handle:
                (named if word in line else other).append(line)
        start = skip // 2
        lines += named[start : start + take // 2] + other[start : start + take - take // 2]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app(tmp_path_factory, data_dir):
    folder = tmp_path_factory.mktemp("listings")
    with tidings.open(str(folder / "t.db")) as app:
        # The corpora give no publication dates: `published` supplies them (else no story
        # has a day, and `since` finds none).
        first = _write(data_dir, folder / "first.jsonl", 0, PER_CORPUS)
        report = app.ingest([str(first)], published="2020-03-01")
        assert report.new > PER_CORPUS  # both languages stored
        app.later_input = _write(data_dir, folder / "later.jsonl", PER_CORPUS, LATER)
        yield app


def _keys(app, kinds: str) -> list[str]:
    rows = app.store.db.execute(
        f"SELECT key FROM article_keys WHERE kind IN ({kinds}) GROUP BY key "
        "ORDER BY count(*) DESC, key LIMIT 6"
    )
    return [r[0] for r in rows]


def _check_filters(app) -> None:
    db = app.store.db
    everything = app.stories()
    for lang in ("tr", "ar", "en"):
        expected = [r[0] for r in db.execute(BY_LANG, (lang,))]
        assert app.store.story_ids(StoryFilter(lang=lang)) == expected
        # And by what the summaries say: a story is in a language if a member is.
        assert expected == [s.id for s in everything if lang in s.languages]
        assert [s.id for s in app.stories(lang=lang)] == expected
    for field, kinds in (("entity", "'entity'"), ("place", "'place', 'country'")):
        for key in _keys(app, kinds):
            expected = [r[0] for r in db.execute(BY_KEY.format(kinds), (key,))]
            assert expected, key
            assert app.store.story_ids(StoryFilter(**{field: key})) == expected
    tr = [s.id for s in app.stories(lang="tr")]
    assert [s.id for s in app.stories(lang="tr", limit=3, offset=2)] == tr[2:5]
    days = sorted({s.last[:10] for s in everything if s.last})
    middle = days[len(days) // 2]
    since = [s.id for s in everything if s.last and s.last >= middle and s.id in tr]
    assert [s.id for s in app.stories(lang="tr", since=middle)] == since


def _fresh(app) -> list[dict]:
    ids = app.store.story_ids(StoryFilter())
    return [summarise_story(app.store, i).to_dict() for i in ids]


def test_filtered_listings_match_the_reference_queries(app):
    assert len(app.stories()) > 5
    _check_filters(app)


def test_cached_summaries_equal_fresh_ones_and_only_touched_stories_are_redone(app):
    before = {s.id: s for s in app.stories()}  # summarised, and now cached
    assert [s.to_dict() for s in app.stories()] == _fresh(app)
    revisions = app.store.story_revisions(before)
    report = app.ingest([str(app.later_input)], published="2020-03-20")
    assert report.new > LATER
    after = app.stories()
    assert [s.to_dict() for s in after] == _fresh(app)
    changed = app.store.story_revisions(before)
    kept = [s for s in after if s.id in before and changed.get(s.id) == revisions[s.id]]
    redone = [s for s in after if s.id in before and changed.get(s.id) != revisions[s.id]]
    assert kept and all(s is before[s.id] for s in kept)  # re-used as they were
    assert redone, "no stored story took a later article: pick other articles"
    assert all(s is not before[s.id] for s in redone)
    assert app.story(after[0].id) is after[0]
    _check_filters(app)  # the new articles are found by the filters too
    # Any write to a story, whoever makes it, makes its summary be made again.
    touched = app.store.story_row(kept[0].id)
    with app.store.transaction():
        app.store.save_story(touched)
    assert app.story(touched.id) is not kept[0]
    assert app.story(touched.id).to_dict() == kept[0].to_dict()
