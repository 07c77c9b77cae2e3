"""What the templates are given: text segments, the timeline's bars, score bars, URLs."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.explore import ArticleQuery, Mention
from tidings.web.present import countries, query_url, score_bars, segments, timeline_chart


def test_segments_cover_the_text_in_order():
    text = "Hafter Moskova'da."
    marks = [Mention(0, 6, "entity", "hftr", "Hafter"), Mention(7, 14, "place", "p", "Moscow")]
    pieces = segments(text, marks)
    assert "".join(p for p, _ in pieces) == text
    assert [(p, m.kind if m else None) for p, m in pieces] == [
        ("Hafter", "entity"), (" ", None), ("Moskova", "place"), ("'da.", None)
    ]  # fmt: skip


def test_timeline_stacks_languages_and_keeps_gaps():
    chart = timeline_chart(
        [
            {"day": "2020-01-12", "lang": "tr", "count": 2},
            {"day": "2020-01-12", "lang": "ar", "count": 1},
            {"day": date(2020, 1, 14), "lang": "ar", "count": 3},
        ],
        width=300,
        height=90,
    )
    assert chart["days"] == ["2020-01-12", "2020-01-13", "2020-01-14"]
    assert chart["langs"] == ["ar", "tr"] and chart["top"] == 3
    first_day = [b for b in chart["bars"] if b.day == "2020-01-12"]
    assert sum(b.height for b in first_day) == pytest.approx(90)  # the tallest day fills it
    ar, tr = first_day
    assert ar.y + ar.height == pytest.approx(90) and tr.y + tr.height == pytest.approx(ar.y)
    last = next(b for b in chart["bars"] if b.day == "2020-01-14")
    assert last.x == pytest.approx(200 + 10) and last.height == pytest.approx(90)
    assert timeline_chart([])["bars"] == []


def test_timeline_counts_articles_of_unknown_date_apart():
    rows = [
        {"day": None, "lang": "tr", "count": 2},
        {"day": "2020-01-12", "lang": "ar", "count": 1},
    ]
    chart = timeline_chart(rows)
    assert chart["days"] == ["2020-01-12"] and chart["unknown"] == 2  # never drawn on a day
    assert timeline_chart(rows[:1])["bars"] == [] and timeline_chart(rows[:1])["unknown"] == 2


def test_score_bars_grow_with_similarity():
    bars = score_bars({"Geography": 1.0, "Overall": 2.5, "Tone": 4.0})
    assert [b["similar"] for b in bars] == [100, 50, 0]


def test_query_url_keeps_filters_and_drops_empty_ones():
    query = ArticleQuery(lang="ar", text="ليبيا", since=date(2020, 1, 1), offset=20)
    assert query_url("/articles", query, offset=40) == (
        "/articles?lang=ar&since=2020-01-01&q=%D9%84%D9%8A%D8%A8%D9%8A%D8%A7&offset=40"
    )
    assert query_url("/", None) == "/"


def test_countries_group_places():
    grouped = countries(
        [
            {"id": "country:LY", "name": "Libya", "country": "LY", "count": 5},
            {"id": "geonames:1", "name": "Tripoli", "country": "LY", "count": 2},
            {"id": "country:RU", "name": "Russia", "country": "RU", "count": 3},
        ]
    )
    assert [(c["name"], c["count"]) for c in grouped] == [("Libya", 7), ("Russia", 3)]
    assert [p["name"] for p in grouped[0]["places"]] == ["Tripoli"]


def test_long_timelines_are_drawn_a_week_a_slot():
    chart = timeline_chart(
        [
            {"day": "2020-01-01", "lang": "tr", "count": 1},  # a Wednesday
            {"day": "2020-01-03", "lang": "tr", "count": 2},
            {"day": "2020-12-30", "lang": "ar", "count": 1},
        ]
    )
    assert chart["step"] == 7 and chart["days"][0] == "2019-12-30"  # that week's Monday
    assert (chart["bars"][0].day, chart["bars"][0].count) == ("2019-12-30", 3)
    assert len(chart["days"]) == 53
