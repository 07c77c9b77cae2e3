"""In a real browser: a name typed in another script, a place filtered by its name,
the place box's hint shown whole and the switch of the names' language (issue 17)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.web.browser import screenshot

pytestmark = pytest.mark.slow


def _cards(browser) -> list:
    return browser.find_elements(By.CSS_SELECTOR, "#stories .story-card")


def _languages(card) -> set[str]:
    return {b.text.split()[0].lower() for b in card.find_elements(By.CSS_SELECTOR, ".badge")}


def test_a_name_typed_in_cyrillic_finds_the_turkish_and_arabic_story(
    browser, live_server, tmp_path
):
    browser.get(f"{live_server.url}/")
    box = browser.find_element(By.CSS_SELECTOR, ".filters input[name=q]")
    box.send_keys("Хафтар")  # Haftar in Russian: no seed is in Russian
    box.submit()
    WebDriverWait(browser, 30).until(lambda d: "q=" in d.current_url)
    cards = _cards(browser)
    assert cards and any({"ar", "tr"} <= _languages(c) for c in cards)
    screenshot(browser, tmp_path, "find-01-cyrillic-name")


def test_a_place_filtered_by_its_name_in_arabic(browser, live_server, tmp_path):
    browser.get(f"{live_server.url}/")
    box = browser.find_element(By.CSS_SELECTOR, ".filters input[name=place]")
    box.send_keys("ليبيا")
    box.submit()
    WebDriverWait(browser, 30).until(lambda d: "place=" in d.current_url)
    cards = _cards(browser)
    assert cards and any({"ar", "tr"} <= _languages(c) for c in cards)
    # What was typed stays in the box, not the key it stands for.
    typed = browser.find_element(By.CSS_SELECTOR, ".filters input[name=place]")
    assert typed.get_attribute("value") == "ليبيا"
    screenshot(browser, tmp_path, "find-02-place-by-name")


def test_the_filter_boxes_show_their_hints_whole(browser, live_server):
    browser.set_window_size(1280, 1000)
    browser.get(f"{live_server.url}/")
    for name in ("entity", "place"):
        box = browser.find_element(By.CSS_SELECTOR, f".filters input[name={name}]")
        hint = box.get_attribute("placeholder")
        # The hint as a value: it must fit the box (no scrolling inside it).
        browser.execute_script("arguments[0].value = arguments[1]", box, hint)
        fits = browser.execute_script(
            "return arguments[0].scrollWidth <= arguments[0].clientWidth", box
        )
        assert fits, f"the {name} box cuts off its hint {hint!r}"


def test_the_switch_shows_names_in_the_chosen_language(browser, live_server, tmp_path):
    browser.get(f"{live_server.url}/?entity=hftr")
    Select(browser.find_element(By.ID, "display-lang")).select_by_value("ar")
    browser.find_element(By.CSS_SELECTOR, "form.display-lang button").click()
    WebDriverWait(browser, 30).until(lambda d: "display_lang=ar" in d.current_url)
    assert "entity=hftr" in browser.current_url  # the filters are kept
    chips = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".story-card a.entity")]
    assert "حفتر" in " ".join(chips)
    screenshot(browser, tmp_path, "find-03-arabic-names")
