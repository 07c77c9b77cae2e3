"""Finding by what a person types through the API and the pages, and labels in the
reader's language, on the live server holding the seeds only (issue 17, items 1-2)."""

from __future__ import annotations

import pytest
from markupsafe import escape

pytestmark = pytest.mark.slow  # the shared live server

FILTERS = [{"q": "Haftar"}, {"entity": "Khalifa Haftar"}, {"place": "Libya"},
           {"entity": "حفتر"}, {"place": "Libyen"}, {"q": "Хафтар"}]  # fmt: skip


def _libya_story(client) -> dict:
    stories = client.get("/api/stories").json()["items"]
    return max(stories, key=lambda s: s["languages"].get("ar", 0) + s["languages"].get("tr", 0))


@pytest.mark.parametrize("params", FILTERS)
def test_api_stories_by_name_list_the_libya_story(live_server, params):
    with live_server.client() as client:
        libya = _libya_story(client)
        found = client.get("/api/stories", params=params)
    assert found.status_code == 200, found.text
    assert libya["id"] in [s["id"] for s in found.json()["items"]]


@pytest.mark.parametrize("params", FILTERS)
def test_the_stories_page_by_name_lists_the_libya_story(live_server, params):
    with live_server.client() as client:
        libya = _libya_story(client)
        html = client.get("/", params=params).text
    assert f'href="/stories/{libya["id"]}"' in html


def test_what_was_typed_stays_in_the_filter_box(live_server):
    with live_server.client() as client:
        html = client.get("/", params={"entity": "Khalifa Haftar", "place": "ليبيا"}).text
    assert 'value="Khalifa Haftar"' in html and 'value="ليبيا"' in html


def test_an_unknown_name_is_a_400_that_says_so(live_server):
    with live_server.client() as client:
        api = client.get("/api/stories", params={"entity": "Zzyzx Qwerty"})
        page = client.get("/", params={"place": "Atlantis"})
    assert api.status_code == 400 and "no entity known as 'Zzyzx Qwerty'" in api.json()["error"]
    assert page.status_code == 400 and "no place known as" in page.text


def test_titles_and_names_in_the_readers_language(live_server):
    with live_server.client() as client:
        libya = _libya_story(client)
        assert {"tr", "ar"} <= libya["titles"].keys()
        turkish = client.get("/", params={"display_lang": "tr"}).text
        arabic = client.get("/", headers={"Accept-Language": "ar,en;q=0.5"}).text
        story_tr = client.get(f"/stories/{libya['id']}", params={"display_lang": "tr"}).text
    tr, ar = str(escape(libya["titles"]["tr"])), str(escape(libya["titles"]["ar"]))
    assert tr in turkish and ar not in turkish
    assert ar in arabic
    # Haftar's chip: the Turkish form for a Turkish reader, the Arabic form for an Arabic one.
    haftar = next(e for e in libya["entities"] if e["key"] == "hftr")
    assert {"latin", "arabic"} <= haftar["names"].keys()
    assert f">{escape(haftar['names']['latin'])}</a>" in turkish
    assert f">{escape(haftar['names']['arabic'])}</a>" in arabic
    assert 'href="/?place=country:LY">ليبيا</a>' in arabic  # the country in CLDR
    assert '<option value="tr" selected>' in story_tr  # the switch shows the choice
