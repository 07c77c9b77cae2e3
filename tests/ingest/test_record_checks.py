"""Record fields checked where they are read (issue 13: D3, D3b, D9, D10, D11, D12,
the table without a text column): each bad field is an error or a warning naming
the file, the line and the field; the other records of the input are read."""

from __future__ import annotations

import json

import pytest

from tests.deadline import deadline
from tidings.ingest.errors import ReadFailure, ReadWarning
from tidings.ingest.readers import FieldMap
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.model import Article

TEXT = "The foreign ministers met in the capital on Monday to discuss the ceasefire."


def _read(path, fields=None):
    items = list(read_input(Input(name=str(path), path=path), 2**24, fields=fields))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [str(i) for i in items if isinstance(i, ReadFailure)]
    warnings = [str(i) for i in items if isinstance(i, ReadWarning)]
    return articles, failures, warnings


def _jsonl(tmp_path, *records):
    path = tmp_path / "in.jsonl"
    # json.dumps escapes a lone surrogate as \udc00, as an export would.
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("field", ["id", "url", "source", "title", "text", "label"])
def test_a_lone_surrogate_fails_its_record_alone_naming_field_and_line(tmp_path, field):
    bad = {"id": "b", "title": "Bad", "text": TEXT, field: "x\udc00y"}
    path = _jsonl(tmp_path, {"id": "a", "text": TEXT}, bad, {"id": "c", "text": TEXT})
    articles, failures, _ = _read(path)
    assert [a.id for a in articles] == ["a", "c"]
    name = "extra field 'label'" if field == "label" else field
    assert failures == [
        f"{path}:2: field {name!r} holds a lone surrogate (U+DC00 at character 1), which is not text"
    ]


def test_a_lone_surrogate_in_lang_is_no_language_code(tmp_path):
    path = _jsonl(tmp_path, {"id": "a", "text": TEXT, "lang": "x\udc00"})
    [article], failures, [warning] = _read(path)
    assert article.lang is None and failures == []
    assert "'x\\udc00' is not a language code" in warning


def test_nul_and_control_characters_are_removed_from_text_and_refused_in_ids(tmp_path):
    path = _jsonl(
        tmp_path,
        {
            "id": "a",
            "title": "Tal\u0000ks\u0007",
            "text": f"{TEXT}\u0000 More.\x1b",
            "tag": "x\x00",
        },
        {"id": "b\u0000", "text": TEXT},
    )
    [article], failures, _ = _read(path)
    assert (article.title, article.raw) == ("Talks", f"{TEXT} More.")
    assert article.extras == {"record": {"tag": "x"}}
    assert failures == [f"{path}:2: field 'id' holds the control character U+0000, not text"]


def test_a_plain_text_file_with_nul_past_the_binary_check_is_cleaned(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\n" + TEXT * 1000 + "\u0000end\n", encoding="utf-8")
    [article], failures, _ = _read(path)
    assert failures == [] and "\u0000" not in article.text and article.text.endswith("end\n")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "/news/1", "http://"]
)
def test_only_http_urls_are_kept_others_dropped_with_a_warning(tmp_path, url):
    path = _jsonl(tmp_path, {"id": "a", "text": TEXT, "url": url})
    [article], failures, warnings = _read(path)
    assert article.url is None and failures == []
    assert warnings == [f"{path}:1: field 'url': {url!r} is not an http(s) URL; stored without it"]


def test_a_feed_link_that_is_not_http_is_dropped(tmp_path):
    path = tmp_path / "f.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>T</title>'
        f"<link>javascript:alert(1)</link><description>{TEXT}</description></item>"
        "<item><title>U</title><link>https://example.org/u</link>"
        f"<description>{TEXT} Two.</description></item></channel></rss>",
        encoding="utf-8",
    )
    first, second = _read(path)[0]
    assert (first.url, second.url) == (None, "https://example.org/u")
    assert "javascript" not in first.source


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "a", "text": 12345}, "field 'text' is a number, not text"),
        ({"id": "a", "text": {"p": TEXT}}, "field 'text' is an object, not text"),
        ({"id": ["list", "id"], "text": TEXT}, "field 'id' is a list, not a string or an integer"),
        ({"id": "a", "title": 2024, "text": TEXT}, "field 'title' is a number, not text"),
    ],
)
def test_fields_of_the_wrong_kind_fail_the_record(tmp_path, record, reason):
    path = _jsonl(tmp_path, record, {"id": "ok", "text": TEXT})
    articles, failures, _ = _read(path)
    assert [a.id for a in articles] == ["ok"]
    assert failures == [f"{path}:1: {reason}"]


def test_an_integer_id_is_kept_as_its_digits(tmp_path):
    [article], _, _ = _read(_jsonl(tmp_path, {"id": 42, "text": TEXT}))
    assert article.id == "42"


def test_a_bad_language_or_date_is_dropped_with_a_warning(tmp_path):
    path = _jsonl(
        tmp_path,
        {"id": "a", "text": TEXT, "lang": "xx-invalid", "published": "next Tuesday-ish"},
        {"id": "b", "text": TEXT, "lang": "de-CH", "published": "2024-08-28"},
    )
    (a, b), failures, warnings = _read(path)
    assert (a.lang, a.published, failures) == (None, None, [])
    assert b.lang == "de-CH" and b.published.isoformat().startswith("2024-08-28")
    assert warnings == [
        f"{path}:1: field 'lang': 'xx-invalid' is not a language code (such as en, de, ar); "
        "the language is found from the text",
        f"{path}:1: field 'published': 'next Tuesday-ish' is not a date; stored without one",
    ]


def test_an_unbalanced_quote_is_named_on_its_line(tmp_path):
    path = tmp_path / "t.csv"
    rows = ["id,title,text", f"1,One,{TEXT}", '2,"Two,' + TEXT, f"3,Three,{TEXT}", f"4,Four,{TEXT}"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, failures, _ = _read(path)
    assert [a.id for a in articles] == ["1"]
    assert len(failures) == 1 and failures[0].startswith(f"{path}:3: unbalanced quote")
    assert "lines 3-5" in failures[0]


def test_a_crafted_csv_header_is_read_in_bounded_time(tmp_path):
    # csv.Sniffer took 2.3 s on such a header; the delimiter is now counted.
    path = tmp_path / "h.csv"
    path.write_text("text" + ',"' * 4000 + f"\n{TEXT}\n", encoding="utf-8")
    with deadline(2.0):
        articles, failures, _ = _read(path)
    assert len(articles) + len(failures) == 1


def test_a_table_without_a_text_column_names_its_columns_and_the_options(data_dir):
    path = data_dir / "20min-xd-de-fr-pairs.tsv"
    articles, [failure], _ = _read(path)
    assert articles == []
    assert f"{path}:1: no text column" in failure
    assert "columns found: id_de, id_fr," in failure and "--text-field" in failure


def test_mapped_fields_read_each_row_of_pairs_as_two_articles(data_dir):
    fields = FieldMap(
        text=("content_de", "content_fr"),
        title=("head_de", "head_fr"),
        id=("id_de", "id_fr"),
        published=("pubtime_de", "pubtime_fr"),
        lang=("language_de", "language_fr"),
    )
    articles, failures, warnings = _read(data_dir / "20min-xd-de-fr-pairs.tsv", fields)
    assert (len(articles), failures, warnings) == (28, [], [])
    assert [a.lang for a in articles[:4]] == ["de", "fr", "de", "fr"]
    assert all(a.published is not None and a.title for a in articles)
    assert len({a.id for a in articles}) == 28
    assert "content_fr" not in articles[0].extras["record"]


def test_a_field_map_must_name_each_part_once_or_per_text_field():
    with pytest.raises(ValueError, match="2 title fields for 3 text fields"):
        FieldMap(text=("a", "b", "c"), title=("x", "y"))
