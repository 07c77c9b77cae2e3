"""The browser of the browser tests: one headless chromium a test module."""

from __future__ import annotations

import pytest

from tests.web.browser import start_browser


@pytest.fixture(scope="module")
def browser():
    driver = start_browser()
    yield driver
    driver.quit()
