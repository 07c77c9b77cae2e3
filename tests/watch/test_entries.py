"""Entries of feeds and news sitemaps: absolute links without fragments, once each, newest
first; no entity of the document is ever read from a file."""

from __future__ import annotations

import pytest

from tidings.watch.entries import EntriesError, entries_of, sitemaps_listed

_LOCAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def test_feed_links_are_made_absolute_without_fragments_once_each_newest_first():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>old</title><link>/news/1#top</link>"
        b"<pubDate>Mon, 13 Jan 2020 10:00:00 GMT</pubDate></item>"
        b"<item><title>new</title><link>https://b.example/2</link>"
        b"<pubDate>Tue, 14 Jan 2020 10:00:00 GMT</pubDate></item>"
        b"<item><title>again</title><link>/news/1</link></item>"
        b"<item><title>no link</title></item></channel></rss>"
    )
    entries = entries_of(feed, "https://a.example/feed.xml")
    assert [(e.url, e.title) for e in entries] == [
        ("https://b.example/2", "new"),
        ("https://a.example/news/1", "old"),
    ]
    assert entries[0].published.isoformat() == "2020-01-14T10:00:00+00:00"


@pytest.mark.parametrize("root", ["rss", "urlset"])
def test_an_entity_naming_a_local_file_is_never_read(root):
    if root == "rss":
        body = (f'<?xml version="1.0"?>{_LOCAL}<rss version="2.0"><channel><item>'
                "<title>&secret;</title><link>https://a.example/1</link></item></channel></rss>")  # fmt: skip
    else:
        body = (f'<?xml version="1.0"?>{_LOCAL}<urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9"><url><loc>https://a.example/&secret;</loc></url></urlset>')  # fmt: skip
    try:
        entries = entries_of(body.encode(), "https://a.example/")
    except EntriesError as error:
        assert "root:" not in str(error)
    else:
        assert all("root:" not in f"{e.url}{e.title}" for e in entries)


def test_a_sitemap_index_lists_its_sitemaps_newest_first_and_an_empty_sitemap_says_why():
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             b'sitemap/0.9"><sitemap><loc>/s1.xml</loc><lastmod>2020-01-05</lastmod></sitemap>'
             b'<sitemap><loc>https://a.example/s2.xml</loc></sitemap>'
             b'<sitemap><loc>/s3.xml</loc><lastmod>2020-01-06T10:00:00Z</lastmod></sitemap>'
             b'</sitemapindex>')  # fmt: skip
    listed = sitemaps_listed(index, "https://a.example/map.xml")
    assert [s.url.rsplit("/", 1)[1] for s in listed] == ["s3.xml", "s1.xml", "s2.xml"]
    assert sitemaps_listed(b'<urlset xmlns="x"></urlset>', "https://a.example/") is None
    with pytest.raises(EntriesError, match="inside a sitemap index"):
        entries_of(index, "https://a.example/")  # read as an index's sitemap: one level only
    empty = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    with pytest.raises(EntriesError, match="lists no pages"):
        entries_of(empty, "https://a.example/")
    with pytest.raises(EntriesError, match="lists no sitemaps"):
        sitemaps_listed(empty.replace(b"urlset", b"sitemapindex"), "https://a.example/")


def test_a_feed_feedparser_fails_on_is_refused_with_a_reason():
    body = b"<rss><channel><item><title>&#xD800;</title><link>https://a.example/1</link></item></channel></rss>"
    with pytest.raises(EntriesError, match="not a readable feed: UnicodeEncodeError"):
        entries_of(body, "https://a.example/feed")


def test_a_page_that_is_no_feed_is_refused():
    with pytest.raises(EntriesError, match="the feed has no entries"):
        entries_of(b"<html><body><p>hello</p></body></html>", "https://a.example/")
