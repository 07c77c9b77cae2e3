"""An article whose title and text are markup is shown as text: the page never runs it.

Ingested through the API of the shared live server, then read in the real browser."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By

from tests.web.browser import start_browser

pytestmark = pytest.mark.slow

TITLE = '<script>document.title = "pwned"; window.tidingsInjected = 1;</script>'
RECORD = {
    "id": "xss-1",
    "title": TITLE,
    "lang": "en",
    "text": (
        "The harbour of Tobruk reopened on Monday after a week of storms.\n"
        '<img src="x" onerror="window.tidingsInjected = 2"> Fishermen returned to sea '
        "as the port authority lifted the ban on small boats.\n"
        "<script>window.tidingsInjected = 3</script> Officials said traffic would be "
        "back to normal within days, once the channel had been checked."
    ),
}


@pytest.fixture(scope="module")
def stored(live_server):
    with live_server.client() as client:
        answer = client.post("/api/articles", json=[RECORD])
        assert answer.status_code == 200, answer.text
        article = client.get("/api/articles/xss-1", params={"similar": 0}).json()
    assert "<script>" in article["title"], "the markup must reach the store for this test"
    return article


def test_pages_escape_stored_markup(live_server, stored):
    with live_server.client() as client:
        for url in ("/articles/xss-1", "/articles?q=Tobruk", "/articles"):
            html = client.get(url).text
            assert "&lt;script&gt;document.title" in html, url
            assert "<script>document.title" not in html and '<img src="x"' not in html, url


def test_browser_does_not_run_stored_markup(live_server, stored):
    browser = start_browser()
    try:
        for url in (f"/articles/{quote('xss-1')}", "/articles?q=Tobruk"):
            browser.get(live_server.url + url)
            assert browser.execute_script("return window.tidingsInjected") is None, url
            assert browser.title != "pwned", url  # what the script would have set
        browser.get(f"{live_server.url}/articles/xss-1")
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading == stored["title"]  # shown as the text it is
        assert browser.title == f"{stored['title']} · tidings"
        scripts = browser.find_elements(By.CSS_SELECTOR, "script:not([src])")
        assert scripts == []  # no inline script on the page at all
    finally:
        browser.quit()
