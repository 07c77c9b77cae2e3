"""Labels in the reader's language: a story's title, an entity's and a place's name.

A story keeps a headline per language (`StorySummary.titles`) and each entity its
most common written form per script (`names`, from the surface forms in the store);
a country's name comes from CLDR (babel) in the reader's language. Where the
reader's language has none, the label falls back to the most common form.
"""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError

from tidings.analyze.scripts import scripts_of

# ISO 15924 codes (CLDR) -> the scripts `analyze.names.script` tells apart.
_SCRIPTS = {"Latn": "latin", "Arab": "arabic", "Cyrl": "cyrillic", "Hans": "han", "Hant": "han"}


def script_of_lang(lang: str | None) -> str:
    """The script a reader of `lang` reads (Latin for a language CLDR does not know)."""
    for code in sorted(scripts_of(lang or "")):
        if code in _SCRIPTS:
            return _SCRIPTS[code]
    return "latin"


def story_title(story: Any, lang: str | None) -> str:
    """The story's headline in `lang` when one of its articles is in it."""
    return story.titles.get(lang or "", story.title) if lang else story.title


def entity_label(entity: dict[str, Any], lang: str | None) -> str:
    """An entity's name as written in the script of `lang`, where the store has one."""
    if not lang:
        return entity["name"]
    return entity.get("names", {}).get(script_of_lang(lang), entity["name"])


def place_label(place: dict[str, Any], lang: str | None) -> str:
    """A country's name in `lang` (CLDR); other places keep their gazetteer name."""
    if not lang or not str(place.get("id", "")).startswith("country:"):
        return place["name"]
    try:
        return Locale.parse(lang).territories.get(place["country"], place["name"])
    except (ValueError, UnknownLocaleError):
        return place["name"]
