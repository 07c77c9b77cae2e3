"""The watcher against a real site on 127.0.0.1: new entries arrive and are placed,
an unchanged feed costs one conditional GET, a changed one only its new pages."""

from __future__ import annotations

from tests.watch.conftest import feed_items, watcher
from tidings.watch import Source


def test_new_entries_arrive_and_are_placed_in_stories(app, site):
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])

    [summary] = watch.poll(watch.due())

    assert (summary.status, summary.new, summary.failures) == ("new", 3, [])
    stored = {a.url: a for a in app.articles()}
    assert set(stored) == {site.url(f"/news/{n}") for n in range(3)}
    for article in stored.values():
        assert app.placement(article.id) is not None  # in an event and a story
        assert article.published is not None  # the feed's date
    [row] = watch.state.sources()
    assert (row.last_status, row.new_articles, row.polls) == ("new", 3, 1)
    assert row.etag and row.last_modified
    assert watch.state.entries_seen(row.url) == 3


def test_an_unchanged_feed_is_asked_conditionally_and_nothing_is_fetched(app, site):
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])
    watch.poll(watch.due())
    before = len(site.hits)

    [summary] = watch.poll(watch.state.sources())

    again = [h for h in site.hits[before:] if h.path != "/robots.txt"]
    assert [(h.path, h.status) for h in again] == [("/feed.xml", 304)]
    assert again[0].headers["If-None-Match"] == site.routes["/feed.xml"].etag
    assert again[0].headers["If-Modified-Since"] == "Mon, 06 Jan 2020 10:00:00 GMT"
    assert (summary.status, summary.new) == ("unchanged", 0)
    assert len(list(app.articles())) == 3


def test_a_changed_feed_fetches_only_its_new_entries(app, site):
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])
    watch.poll(watch.due())
    site.set_feed("/feed.xml", feed_items(site, range(5)))
    before = len(site.hits)

    [summary] = watch.poll(watch.state.sources())

    pages = sorted(h.path for h in site.hits[before:] if h.path.startswith("/news/"))
    assert pages == ["/news/3", "/news/4"]
    assert (summary.status, summary.new) == ("new", 2)
    assert len(list(app.articles())) == 5


def test_a_page_linked_from_two_feeds_is_fetched_and_stored_once(app, site):
    site.set_feed("/other.xml", feed_items(site, [2, 3]))
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "a"), Source(site.url("/other.xml"), "b")])

    watch.poll(watch.due())

    assert len(site.requests_for("/news/2")) == 1
    assert sorted(a.url for a in app.articles()) == [site.url(f"/news/{n}") for n in range(4)]


def test_every_request_names_tidings_as_its_user_agent(app, site):
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])
    watch.poll(watch.due())
    assert site.hits and all("tidings/" in h.headers["User-Agent"] for h in site.hits)


def test_a_sitemap_is_watched_like_a_feed(app, site):
    urls = "".join(
        f"<url><loc>{site.url(f'/news/{n}')}</loc><news:news><news:publication_date>"
        f"2020-01-1{n}T08:00:00Z</news:publication_date></news:news></url>"
        for n in (3, 4)
    )
    site.routes["/sitemap.xml"] = type(site.routes["/feed.xml"])(
        (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
        ).encode(),
        content_type="application/xml",
    )
    watch = watcher(app)
    watch.add([Source(site.url("/sitemap.xml"), "map")])

    [summary] = watch.poll(watch.due())

    assert (summary.new, summary.failures) == (2, [])
    days = sorted(a.published.day for a in app.articles())
    assert days == [13, 14]


def _sitemap(site, numbers) -> bytes:
    urls = "".join(
        f"<url><loc>{site.url(f'/news/{n}')}</loc><news:news><news:publication_date>"
        f"2020-01-1{n}T08:00:00Z</news:publication_date></news:news></url>"
        for n in numbers
    )
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def test_a_sitemap_index_is_followed_to_its_newest_sitemaps(app, site):
    """An index of four sitemaps: the three newest are read (one is missing: a failure,
    the poll goes on), the oldest is not. The index is read in full each poll, as an
    unchanged index may list a changed sitemap."""
    route = type(site.routes["/feed.xml"])
    maps = {"/old.xml": (1, [4]), "/a.xml": (5, [0]), "/b.xml": (6, [1, 2]), "/gone.xml": (4, [])}
    for path, (_, numbers) in maps.items():
        if path != "/gone.xml":
            site.routes[path] = route(_sitemap(site, numbers), content_type="application/xml")
    listed = "".join(f"<sitemap><loc>{path}</loc><lastmod>2020-01-0{day}</lastmod></sitemap>"
                     for path, (day, _) in maps.items())  # fmt: skip
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9">{listed}</sitemapindex>').encode()  # fmt: skip
    site.routes["/index.xml"] = route(index, content_type="application/xml", etag='"i1"')
    watch = watcher(app)
    watch.add([Source(site.url("/index.xml"), "index")])

    [first] = watch.poll(watch.due())

    assert (first.status, first.new) == ("new", 3)
    assert len(first.failures) == 1 and "gone.xml" in first.failures[0]
    assert {a.url for a in app.articles()} == {site.url(f"/news/{n}") for n in range(3)}
    assert not site.requests_for("/old.xml")
    site.routes["/a.xml"] = route(_sitemap(site, [0, 3]), content_type="application/xml")
    [second] = watch.poll(watch.state.sources())
    assert (second.status, second.new) == ("new", 1)  # the index unchanged, /a.xml not
    assert [h.status for h in site.requests_for("/index.xml")] == [200, 200]


def test_the_watcher_keeps_its_state_in_postgresql_too(pg_url, site):
    from tidings.app import Tidings
    from tidings.config import Settings

    with Tidings.open(pg_url, Settings()) as app:
        watch = watcher(app)
        watch.add([Source(site.url("/feed.xml"), "seeds")])
        [first] = watch.poll(watch.due())
        [second] = watch.poll(watch.state.sources())

        assert (first.new, second.status) == (3, "unchanged")
        assert site.requests_for("/feed.xml")[-1].status == 304
        [row] = watch.state.sources()
        assert (row.new_articles, row.polls, row.etag) == (3, 2, site.routes["/feed.xml"].etag)
        assert watch.state.arrived_after(0) == 3
        assert all(app.placement(a.id) for a in app.articles())


def test_a_folder_is_watched_for_new_files(app, seeds_dir, tmp_path):
    import shutil

    folder = tmp_path / "drop"
    folder.mkdir()
    seeds = sorted(seeds_dir.iterdir())
    for seed in seeds[:2]:
        shutil.copy(seed, folder)
    watch = watcher(app)
    watch.add([Source(str(folder), "drop")])

    [first] = watch.poll(watch.due())
    for seed in seeds[2:]:
        shutil.copy(seed, folder)
    [second] = watch.poll(watch.state.sources())
    shutil.rmtree(folder)
    [gone] = watch.poll(watch.state.sources())

    assert (first.status, first.new, second.new) == ("new", 2, 3)
    assert len(list(app.articles())) == 5
    assert gone.new == 0 and "no such file or folder" in gone.failures[0]
