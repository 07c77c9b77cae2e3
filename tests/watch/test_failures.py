"""What goes wrong on the web is recorded, per source, with its reason; the rest is stored.

A slow host, a 500, a redirect loop, a 50 MB page, a malformed feed, links to a local
file and to a private address: each a failure in the store, and no crash."""

from __future__ import annotations

import time
from itertools import pairwise

from tests.watch.conftest import DAY, LIMITS, watcher
from tests.watch.site import Route
from tidings.watch import FetchLimits, Source, polite

_BIG = 50 * 2**20


def _feed_of(site, paths):
    site.set_feed(
        "/bad.xml", [(link if "://" in link else site.url(link), link, DAY) for link in paths]
    )


def _reasons(watch, source_url):
    return {f.url: f.reason for f in watch.state.failures(source_url, limit=50)}


def test_each_bad_page_is_a_recorded_failure_and_the_good_ones_are_stored(app, site):
    site.routes["/slow"] = Route(b"<p>late</p>", delay=3.0)
    site.routes["/broken"] = Route(b"oops", status=500)
    site.routes["/loop/a"] = Route(status=302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = Route(status=302, headers={"Location": "/loop/a"})
    site.routes["/huge"] = Route(stream_bytes=_BIG)
    links = ["/slow", "/broken", "/loop/a", "/huge", "file:///etc/passwd", "/news/0"]
    _feed_of(site, links)
    watch = watcher(app, FetchLimits(**{**LIMITS.__dict__, "retries": 1}))
    watch.add([Source(site.url("/bad.xml"), "bad")])

    [summary] = watch.poll(watch.due())

    assert [a.url for a in app.articles()] == [site.url("/news/0")]
    reasons = _reasons(watch, site.url("/bad.xml"))
    assert "no answer in 1 s" in reasons[site.url("/slow")]
    assert "HTTP 500 (2 tries)" in reasons[site.url("/broken")]
    assert "more than 5 redirects" in reasons[site.url("/loop/a")]
    assert "over the limit of 10,485,760 bytes" in reasons[site.url("/huge")]
    [local] = [reason for url, reason in reasons.items() if url.startswith("file:")]
    assert "file: URLs are never fetched (only http and https)" in local
    assert len(summary.failures) == 5 and summary.status == "new"
    # The 50 MB page was given up as it streamed in, not read whole.
    [huge] = site.requests_for("/huge")
    assert huge.sent < _BIG / 2
    assert watch.state.entries_seen(site.url("/bad.xml")) == len(links)
    [row] = watch.state.sources()
    assert row.failures == 5


def test_a_malformed_feed_is_a_failure_of_its_source(app, site):
    site.routes["/broken.xml"] = Route(
        b"<rss><channel><item><title>no end", content_type="text/xml"
    )
    watch = watcher(app)
    watch.add([Source(site.url("/broken.xml"), "broken"), Source(site.url("/feed.xml"), "good")])

    summaries = {s.name: s for s in watch.poll(watch.due())}

    assert summaries["broken"].status == "failed"
    [reason] = _reasons(watch, site.url("/broken.xml")).values()
    assert "not a readable feed" in reason
    assert summaries["good"].new == 3
    state = {row.name: row for row in watch.state.sources()}
    assert (state["broken"].last_status, state["broken"].etag) == ("failed", None)


def test_a_private_address_is_refused_without_the_allowance(app, site):
    site.set_feed(
        "/feed.xml", [("http://10.0.0.1/x", "private", DAY), ("http://[::1]/y", "v6", DAY)]
    )
    watch = watcher(app, FetchLimits(**{**LIMITS.__dict__, "allow_private": False}))
    watch.add([Source(site.url("/feed.xml"), "local")])

    [summary] = watch.poll(watch.due())

    assert summary.status == "failed" and site.hits == []  # nothing reached the site
    [reason] = _reasons(watch, site.url("/feed.xml")).values()
    assert "127.0.0.1, a private, loopback or otherwise non-public address" in reason
    assert "--allow-private-addresses" in reason


def test_links_to_private_addresses_are_refused_without_the_allowance():
    from tidings.watch.guard import Refused, target

    for url in ("http://10.0.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest",
                "http://[::1]:8080/", "http://localhost/", "http://[::ffff:127.0.0.1]/"):  # fmt: skip
        try:
            target(url, allow_private=False)
        except Refused as refused:
            assert "non-public" in refused.reason
        else:
            raise AssertionError(f"{url} was not refused")
    assert target("http://10.0.0.1/", allow_private=True).address == "10.0.0.1"


def test_a_page_that_fails_and_then_answers_is_fetched_again_after_a_growing_pause(app, site):
    site.routes["/news/0"].fail_times = 2
    site.set_feed("/feed.xml", [(site.url("/news/0"), "retry", DAY)])
    watch = watcher(app, FetchLimits(**{**LIMITS.__dict__, "backoff": 0.3}))
    watch.add([Source(site.url("/feed.xml"), "retry")])

    [summary] = watch.poll(watch.due())

    assert (summary.new, summary.failures) == (1, [])
    tries = site.requests_for("/news/0")
    assert [t.status for t in tries] == [500, 500, 200]
    gaps = [b.start - a.end for a, b in pairwise(tries)]
    assert gaps[0] >= 0.3 and gaps[1] >= 0.6  # the pause doubles


def test_robots_txt_is_obeyed(app, site):
    site.routes["/robots.txt"] = Route(b"User-agent: tidings\nDisallow: /news/1\n",
                                       content_type="text/plain")  # fmt: skip
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])

    [summary] = watch.poll(watch.due())

    assert site.requests_for("/news/1") == []
    assert summary.new == 2
    reasons = _reasons(watch, site.url("/feed.xml"))
    assert "robots.txt does not allow" in reasons[site.url("/news/1")]


def test_one_request_at_a_time_to_a_host_with_a_delay_between(app, site):
    for n in range(3):
        site.routes[f"/news/{n}"].delay = 0.1
    site.set_feed("/b.xml", [(site.url("/news/3"), "b", DAY), (site.url("/news/4"), "b", DAY)])
    watch = watcher(app, FetchLimits(**{**LIMITS.__dict__, "delay": 0.2}))
    watch.add([Source(site.url("/feed.xml"), "a"), Source(site.url("/b.xml"), "b")])
    start = time.monotonic()

    watch.poll(watch.due())

    assert site.most_at_once == 1
    hits = sorted(site.hits, key=lambda h: h.start)
    assert len(hits) >= 8 and all(b.start - a.end >= 0.19 for a, b in pairwise(hits))
    assert time.monotonic() - start >= 0.2 * (len(hits) - 1)


def test_robots_txt_and_the_delay_hold_from_one_round_of_polls_to_the_next(app, site):
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    watch = watcher(app, FetchLimits(**{**LIMITS.__dict__, "delay": 0.3}))
    watch.add([Source(site.url("/feed.xml"), "seeds")])
    watch.poll(watch.due())
    last = max(h.end for h in site.hits)

    watch.poll(watch.state.sources())  # at once: the feed is asked for again, unchanged

    assert len(site.requests_for("/robots.txt")) == 1  # trusted for an hour
    [again] = site.requests_for("/feed.xml")[1:]
    assert again.status == 304 and again.start - last >= 0.29  # the host's delay still
    watch.close()


def test_a_robots_txt_that_cannot_be_read_keeps_the_watcher_off_the_host(app, site, monkeypatch):
    site.routes["/robots.txt"] = Route(b"down", status=503)
    watch = watcher(app)
    watch.add([Source(site.url("/feed.xml"), "seeds")])

    [summary] = watch.poll(watch.due())

    assert summary.status == "failed" and {h.path for h in site.hits} == {"/robots.txt"}
    [reason] = _reasons(watch, site.url("/feed.xml")).values()
    assert "robots.txt could not be read: nothing is fetched there until it can" in reason
    # Asked for again sooner than a readable one (ROBOTS_RETRY_SECONDS, here none).
    monkeypatch.setattr(polite, "ROBOTS_RETRY_SECONDS", 0.0)
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    [later] = watch.poll(watch.state.sources())
    assert (later.status, later.new) == ("new", 3)
