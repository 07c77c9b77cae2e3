"""Reasons and corrections in a real headless browser, on a server that needs the API
token: open a story, reveal why an article is there, then move it with the token."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.live import LiveServer, seeded_server
from tests.web.browser import reloaded, screenshot
from tidings.config import Settings

pytestmark = pytest.mark.slow

TOKEN = "browser-token-" + "w" * 20


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_dir):
    server = seeded_server(tmp_path_factory.mktemp("corrections-web"), seeds_dir, TOKEN)
    yield server
    server.stop()


def _css(browser, selector: str):
    return browser.find_elements(By.CSS_SELECTOR, selector)


def test_reveal_a_reason_and_move_an_article_with_the_token(browser, server, tmp_path):
    browser.get(f"{server.url}/stories/1")
    rows = _css(browser, "#events .event-articles > li")
    assert len(rows) == 5
    joined = next(r for r in rows if "joined" in r.get_attribute("textContent"))
    reason = joined.find_element(By.CSS_SELECTOR, "details.reason")
    assert not reason.get_attribute("open")
    assert not reason.find_element(By.CSS_SELECTOR, ".reason-summary").is_displayed()
    reason.find_element(By.TAG_NAME, "summary").click()
    assert reason.get_attribute("open")
    summary = reason.find_element(By.CSS_SELECTOR, ".reason-summary")
    assert summary.is_displayed() and summary.text.startswith("joined event")
    assert len(reason.find_elements(By.CSS_SELECTOR, ".reason-scores tr")) == 7
    assert "Libya" in reason.find_element(By.CSS_SELECTOR, ".reason-facts").text
    screenshot(browser, tmp_path, "08-story-reason")

    article = joined.get_attribute("data-article")
    form = reason.find_element(By.CSS_SELECTOR, "form[data-correction=move]")
    Select(form.find_element(By.NAME, "target")).select_by_value("new_story")
    form.find_element(By.CSS_SELECTOR, "button").click()  # no token yet: refused
    status = browser.find_element(By.ID, "correct-status")
    WebDriverWait(browser, 30).until(lambda d: "not saved" in status.text)
    assert "token" in status.text

    browser.find_element(By.ID, "correct-by").send_keys("Ayşe")
    browser.find_element(By.ID, "correct-token").send_keys(TOKEN)
    form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 60).until(reloaded(form))  # saved: the page reloads
    WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: "move" in d.find_element(By.ID, "corrections").text
    )
    log = browser.find_element(By.ID, "corrections").text
    assert "Ayşe" in log and article in log
    assert len(_css(browser, "#events .event-articles > li")) == 4  # it left this story
    screenshot(browser, tmp_path, "09-story-corrected")
    browser.get(f"{server.url}/articles/{article}")
    placement = browser.find_element(By.ID, "placement")
    placement.find_element(By.TAG_NAME, "summary").click()
    assert "moved by hand" in placement.find_element(By.CSS_SELECTOR, ".reason-summary").text


def test_controls_only_where_writes_are_taken(server, live_server):
    """The token server asks for the token; an open loopback server does not; a read-only
    one shows no controls at all (its API refuses the writes anyway)."""
    with server.client() as client:
        guarded = client.get("/stories/1").text
    with live_server.client() as client:
        open_page = client.get("/stories/1").text
    read_only = LiveServer(live_server.db, Settings(rate_limit=0, host="0.0.0.0")).start()
    try:
        with read_only.client() as client:
            public = client.get("/stories/1").text
    finally:
        read_only.stop()
    assert 'data-correction="move"' in guarded and 'id="correct-token"' in guarded
    assert 'data-correction="move"' in open_page and 'id="correct-token"' not in open_page
    assert "data-correction" not in public and 'id="correct"' not in public
    assert "why here" in public  # the reasons are for every reader


def test_a_merged_story_page_says_where_it_went(server):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with server.client() as client:
        story = client.get("/api/stories/1").json()
        article = story["article_ids"][0]
        moved = client.post("/api/corrections/move", headers=headers,
                            json={"article": article, "new_story": True}).json()  # fmt: skip
        gone = moved["correction"]["detail"]["to_story"]
        merged = client.post("/api/corrections/merge", headers=headers,
                             json={"story": gone, "other": 1})  # fmt: skip
        assert merged.status_code == 200, merged.text
        page = client.get(f"/stories/{gone}").text
    assert f"Story {gone} was merged into this story, 1." in page
