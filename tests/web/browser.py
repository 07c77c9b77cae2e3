"""Debian's chromium, headless, driven by Selenium through the system chromedriver
(no browser is downloaded), and where its screenshots go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Kept after the run for people to look at; the tests' own copies are in tmp_path.
SCREENS = Path(os.environ.get("TIDINGS_SCREENS", "/tmp/tidings-screens"))


def start_browser(width: int = 1280, height: int = 1000):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = "chromium and chromium-driver are not installed (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}", "--lang=en"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)
    return driver


def reloaded(element):
    """A wait condition: `element`'s page has been replaced. While chromium is between two
    documents, chromedriver can answer a plain "unknown error" (an unhandled inspector
    error, seen in CI) instead of a stale element: that means "not yet", so poll again."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "inspector" not in str(error):
                raise
        return False

    return gone


def screenshot(driver, folder: Path, name: str) -> Path:
    """A full-page screenshot into `folder`, copied to SCREENS."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    driver.set_window_size(width, min(max(height, 600), 4000))
    driver.execute_script("window.scrollTo(0, 0)")
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    SCREENS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENS / path.name)
    return path
