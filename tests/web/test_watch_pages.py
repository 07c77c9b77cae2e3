"""The watcher beside the server on one store: `/api/sources`, the status page, and the
stories page's banner for articles that arrive after it was loaded (real Chromium)."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from tests.live import LiveServer
from tests.watch.conftest import feed_items, watcher
from tests.watch.site import Route, Site, seed_articles
from tests.web.browser import screenshot, start_browser
from tidings.app import Tidings
from tidings.config import Settings
from tidings.watch import Source

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def watched(tmp_path_factory, seeds_dir):
    """A site with the seeds, a store that watched its feed once (three articles and a
    page that failed), and a server on that store."""
    folder = tmp_path_factory.mktemp("watched")
    with Site() as site:
        for n, (title, text) in enumerate(seed_articles(seeds_dir)):
            site.add_article(f"/news/{n}", title, text)
        site.routes["/gone"] = Route(b"gone", status=404)
        site.set_feed("/feed.xml", [*feed_items(site, range(3)), (site.url("/gone"), "x", None)])
        app = Tidings.open(str(folder / "w.db"), Settings())
        watch = watcher(app)
        watch.add([Source(site.url("/feed.xml"), "Seeds <b>feed</b>")])
        watch.poll(watch.due())
        server = LiveServer(folder / "w.db", Settings(rate_limit=0)).start()
        try:
            yield site, app, watch, server
        finally:
            server.stop()
            app.close()


def test_api_sources_says_each_sources_last_poll_new_articles_and_failures(watched):
    site, _app, _watch, server = watched
    with server.client() as client:
        [source] = client.get("/api/sources").json()
    assert source["url"] == site.url("/feed.xml") and source["name"] == "Seeds <b>feed</b>"
    assert (source["last_status"], source["last_new"], source["entries_seen"]) == ("new", 3, 4)
    assert source["failures"] == 1 and "HTTP 404" in source["last_failure"]
    assert source["recent_failures"][0]["url"] == site.url("/gone")


@pytest.mark.parametrize("after", ["-1", "abc", "1e3", str(2**70)])
def test_api_arrivals_refuses_a_bad_number_with_a_400(watched, after):
    with watched[3].client() as client:
        answer = client.get("/api/arrivals", params={"after": after})
    assert answer.status_code == 400 and "after" in answer.text


def test_the_banner_shows_what_arrived_and_the_status_page_the_sources(watched, tmp_path):
    site, _app, watch, server = watched
    browser = start_browser()
    try:
        browser.get(f"{server.url}/")
        banner = browser.find_element(By.ID, "arrivals")
        time.sleep(1.0)  # the page has asked for the newest article's number
        assert not banner.is_displayed()
        site.set_feed("/feed.xml", feed_items(site, range(5)))
        [summary] = watch.poll(watch.state.sources())
        assert summary.new == 2
        deadline = time.monotonic() + 40
        while not banner.is_displayed() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert banner.text.startswith("2 new articles since this page was loaded.")
        screenshot(browser, tmp_path, "watch-01-arrivals-banner")

        browser.get(f"{server.url}/sources")
        [row] = browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr")
        assert row.find_element(By.CSS_SELECTOR, ".source-name").text == "Seeds <b>feed</b>"
        assert "HTTP 404" in row.get_attribute("textContent")
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        assert cells[2:6] == ["new", "2", "5", "6"]
        screenshot(browser, tmp_path, "watch-02-sources")
    finally:
        browser.quit()
