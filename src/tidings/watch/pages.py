"""An entry's page made into an article: trafilatura finds the text, the title and the
date (`ingest.readers.html`); the feed's date comes first, the page's after it."""

from __future__ import annotations

from dataclasses import replace

from tidings.ingest.decode import decode
from tidings.ingest.errors import InputError, ReadFailure
from tidings.ingest.readers.html import read_html
from tidings.ingest.vet import is_http_url, vet
from tidings.model import Article, input_id
from tidings.watch.entries import Entry


def article_id(url: str) -> str:
    """The id of the article at `url`: one page, one article, whichever feed links it."""
    return input_id(url)


def page_article(entry: Entry, final_url: str, body: bytes, lang: str | None) -> Article:
    """The article on the page, or `InputError` saying why there is none. Its id is that
    of its canonical URL (the page's own, else where the redirects ended)."""
    try:
        text = decode(body)
    except InputError as error:
        raise InputError(f"{final_url}: {error.reason}") from None
    found = next(iter(read_html(final_url, text)))
    if isinstance(found, ReadFailure):
        raise InputError(f"{final_url}: {found.reason}")
    canonical = found.url if found.url and is_http_url(found.url) else final_url
    article = replace(
        found,
        id=article_id(canonical),
        source=entry.url,
        url=canonical,
        title=found.title or entry.title,
        published=entry.published or found.published,
        lang=lang or None,
        origin=entry.url,
    )
    vetted, _warnings = vet(article)
    return vetted
