"""In a real headless chromium: a CSV download clicked on the stories page for its filter,
the map drawn (no tiles, nothing from outside) and one of its places clicked through to its
filter, and the API docs rendered from this server's own files under its content policy."""

from __future__ import annotations

import csv
import io
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.browser import screenshot, start_browser

pytestmark = pytest.mark.slow


@pytest.fixture
def browser(tmp_path):
    driver = start_browser()
    folder = tmp_path / "downloads"
    folder.mkdir()
    # Headless chromium saves downloads only where it is told to.
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    driver.downloads = folder
    yield driver
    driver.quit()


def _downloaded(folder, name: str) -> str:
    for _ in range(100):  # bounded: 10 s
        path = folder / name
        if path.exists() and path.stat().st_size:
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded: {list(folder.iterdir())}")


def test_clicking_csv_downloads_the_filters_stories(browser, live_server):
    browser.get(f"{live_server.url}/?place=LY")
    browser.find_element(By.ID, "download-csv").click()
    rows = list(csv.DictReader(io.StringIO(_downloaded(browser.downloads, "stories.csv"))))
    with live_server.client() as client:
        listed = client.get("/api/stories", params={"place": "LY", "limit": 200}).json()["items"]
    assert sorted(int(r["id"]) for r in rows) == sorted(s["id"] for s in listed)
    assert all(r["title"] for r in rows)


def test_the_map_draws_offline_and_a_place_leads_to_its_filter(browser, live_server, tmp_path):
    browser.get(f"{live_server.url}/")
    browser.find_element(By.ID, "map-link").click()
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#map .spot"))
    countries = browser.find_elements(By.CSS_SELECTOR, "#map .countries path")
    assert len(countries) > 150 and countries[0].size["width"] > 0
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert all(r.startswith(live_server.url) for r in resources), resources
    screenshot(browser, tmp_path, "map")
    libya = browser.find_element(By.CSS_SELECTOR, '#map .spot[data-place="country:LY"] circle')
    libya.click()
    WebDriverWait(browser, 20).until(lambda b: "place=country%3ALY" in b.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "#stories .story-card, #stories li")


def test_api_docs_render_offline(browser, live_server):
    browser.get(f"{live_server.url}/docs")
    WebDriverWait(browser, 30).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    )
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert "/api/stories" in {p.replace("\u200b", "") for p in paths}
    errors = [e for e in browser.get_log("browser")
              if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]  # fmt: skip
    assert not errors, errors
