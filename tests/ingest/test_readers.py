"""Readers and format sniffing on inputs written by the tests."""

from __future__ import annotations

import json

from tidings.ingest.errors import ReadFailure
from tidings.ingest.readers import Format, sniff
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input, expand

PARAGRAPH = (
    "The foreign ministers met in the capital on Monday to discuss the ceasefire, and said that "
    "the talks would continue later in the week with the delegations of both sides present."
)
HTML = f"""<!DOCTYPE html><html><head><title>Example News | Talks resume</title>
<meta property="og:title" content="Talks resume in the capital">
<meta property="article:published_time" content="2020-01-13T09:30:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in the capital</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article>
<footer>Copyright Example News</footer></body></html>"""
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>
<item><title>Talks resume</title><link>https://example.org/a</link>
<pubDate>Mon, 13 Jan 2020 09:30:00 GMT</pubDate><description>&lt;p&gt;{PARAGRAPH}&lt;/p&gt;</description></item>
<item><title>Second item</title><link>https://example.org/b</link><description>{PARAGRAPH} Two.</description></item>
</channel></rss>"""


def _read(path):
    return list(read_input(Input(name=str(path), path=path), max_bytes=2**20))


def test_sniff_by_content_not_name():
    assert sniff("a.txt", HTML) is Format.HTML
    assert sniff("a.txt", RSS) is Format.FEED
    assert sniff("a.txt", '{"id": "1", "text": "x"}\n') is Format.JSONL
    assert sniff("a.txt", "id,title,text\n1,t,x\n") is Format.CSV
    assert sniff("a.html", PARAGRAPH) is Format.TEXT


def test_html_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = _read(path)
    assert article.title == "Talks resume in the capital"
    assert article.published.isoformat().startswith("2020-01-13")
    assert PARAGRAPH in article.text
    assert "Copyright" not in article.text


def test_feed_entries(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second = _read(path)
    assert first.title == "Talks resume"
    assert first.url == "https://example.org/a"
    assert first.published.isoformat() == "2020-01-13T09:30:00+00:00"
    assert first.text.strip() == PARAGRAPH
    assert second.published is None


def test_jsonl_with_a_malformed_line(tmp_path):
    path = tmp_path / "export.txt"  # a name that says nothing of the format
    good = {"id": "a1", "title": "T", "text": PARAGRAPH, "published": "2020-01-13", "label": "x"}
    path.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    article, broken, empty = _read(path)
    assert article.id == "a1" and article.extras == {"record": {"label": "x"}}
    assert isinstance(broken, ReadFailure) and broken.line == 2
    assert str(broken).startswith(f"{path}:2: malformed JSON")
    assert isinstance(empty, ReadFailure) and empty.line == 3 and "no text" in empty.reason


def test_csv_and_missing_text_column(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(f'id,title,text,url\n1,Talks,"{PARAGRAPH}",https://e.org/1\n', encoding="utf-8")
    [article] = _read(good)
    assert (article.id, article.title, article.url) == ("1", "Talks", "https://e.org/1")
    bad = tmp_path / "b.csv"
    bad.write_text("id,title\n1,Talks\n", encoding="utf-8")
    [failure] = _read(bad)
    assert isinstance(failure, ReadFailure) and "no text column" in failure.reason


def test_bad_files_fail_with_the_reason(tmp_path):
    cases = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "binary.txt": bytes(range(256)) * 4,
        "broken.txt": "Türkiye'nin başkenti Ankara'da görüşme".encode() + b"\xff\xfe",
    }
    reasons = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        [failure] = _read(tmp_path / name)
        assert isinstance(failure, ReadFailure) and failure.source.endswith(name)
        reasons[name] = failure.reason
    assert reasons["empty.txt"] == reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["broken.txt"].startswith("invalid UTF-8 at byte")


def test_expand_folders_globs_and_missing(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    (tmp_path / "d" / ".hidden").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    found = expand([str(tmp_path / "d"), str(tmp_path / "*.txt"), str(tmp_path / "nope")])
    names = [getattr(item, "name", None) or item.source for item in found]
    assert names == [str(tmp_path / "d" / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "nope")]
    assert isinstance(found[-1], ReadFailure) and found[-1].reason == "no such file or folder"


def test_comment_runs_are_sniffed_in_linear_time():
    # A run of empty comments made the feed pattern backtrack exponentially:
    # 23 took 52 s. Now a run of 500 is skipped in one pass, either way it ends.
    from tests.deadline import deadline

    comments = "<!---->" * 500
    with deadline(2.0):
        assert sniff("r.txt", comments + "x\nHeadline\n\nText about Libya.\n") is Format.TEXT
        assert sniff("r.txt", comments + "\n<rss version='2.0'><channel/></rss>") is Format.FEED
        assert sniff("r.txt", "<?xml version='1.0'?>" + comments + "<feed>") is Format.FEED
        assert sniff("r.txt", "<!-- unclosed <rss>") is Format.TEXT
