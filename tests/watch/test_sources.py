"""Sources as a user writes them: durations, TOML sources files, OPML exports, and the
`watch_allow_private` setting from the environment; bad ones named with the place and why."""

from __future__ import annotations

import pytest

from tidings.config import Settings
from tidings.watch import SourceError, parse_every, read_sources


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("90s", 90), ("10m", 600),
                                               ("1.5h", 5400), ("1d", 86400)])  # fmt: skip
def test_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["soon", "-5m", "0", "10 minutes", ""])
def test_a_bad_duration_is_refused_naming_it(text):
    with pytest.raises(SourceError, match="--every"):
        parse_every(text)


def test_a_toml_file_gives_each_source_with_its_settings(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        '[[source]]\nurl = "https://a.example/rss"\nname = "A"\nlang = "ar"\nevery = "5m"\n'
        '[[source]]\nurl = "https://b.example/sitemap.xml"\nmax_entries = 3\n',
        encoding="utf-8",
    )
    a, b = read_sources([str(path)])
    assert (a.url, a.name, a.lang, a.every_seconds, a.max_entries) == (
        "https://a.example/rss", "A", "ar", 300, None)  # fmt: skip
    assert (b.name, b.every_seconds, b.max_entries) == ("https://b.example/sitemap.xml", None, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[source]]\nname = 'x'\n", "s.toml: source 1: needs a url"),
        ("[[source]]\nurl = 'https://a/'\nevry = '5m'\n", "unknown keys ['evry']"),
        ("[[source]]\nurl = 'https://a/'\nmax_entries = 0\n", "max_entries must be a whole"),
        ("[[source]]\nurl = 'https://a/'\nevery = 'often'\n", "source 1: every: 'often'"),
        ("[[source]]\nurl = 'ftp://a/feed'\n", "source 1: ftp://a/feed: only http(s)"),
        ("url = 'https://a/'\n", "no [[source]] tables"),
        ("[[source\n", "s.toml: not TOML"),
    ],
)
def test_a_bad_toml_file_is_refused_naming_the_source_and_the_problem(tmp_path, content, message):
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_sources([str(path)])
    assert message in str(error.value)


def test_an_opml_export_gives_its_feeds_nested_or_not(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="News"><outline text="A" title="A feed" xmlUrl="https://a.example/rss" '
        'language="tr"/></outline><outline text="B" xmlUrl=" https://b.example/atom "/>'
        '<outline text="a folder, no feed"/></body></opml>',
        encoding="utf-8",
    )
    a, b = read_sources([str(path)])
    assert (a.url, a.name, a.lang) == ("https://a.example/rss", "A feed", "tr")
    assert (b.url, b.name) == ("https://b.example/atom", "B")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<opml><body><outline", "not OPML (line 1"),
        ("<opml><body><outline text='x'/></body></opml>", "no outline with an xmlUrl"),
        ("<opml><body>\n<outline xmlUrl='file:///etc/passwd'/></body></opml>", "line 2: file:"),
    ],
)
def test_a_bad_opml_file_is_refused_naming_the_place(tmp_path, content, message):
    path = tmp_path / "feeds.opml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_sources([str(path)])
    assert message in str(error.value) and "feeds.opml" in str(error.value)


def test_an_opml_file_naming_a_local_file_as_an_entity_is_refused_unread(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml><body><outline text="&x;" xmlUrl="https://a.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as error:
        read_sources([str(path)])
    assert "external entity 'x'" in str(error.value) and "root:" not in str(error.value)


@pytest.mark.parametrize(("value", "allowed"), [("false", False), ("0", False), ("true", True),
                                                ("yes", True), ("off", False)])  # fmt: skip
def test_watch_allow_private_is_read_from_the_environment_as_a_yes_or_no(value, allowed):
    settings = Settings.load(env={"TIDINGS_WATCH_ALLOW_PRIVATE": value, "TIDINGS_CONFIG": "-"})
    assert settings.watch_allow_private is allowed


def test_a_setting_that_is_neither_yes_nor_no_is_refused():
    with pytest.raises(ValueError, match="'maybe' is not true or false"):
        Settings.load(env={"TIDINGS_WATCH_ALLOW_PRIVATE": "maybe", "TIDINGS_CONFIG": "-"})
