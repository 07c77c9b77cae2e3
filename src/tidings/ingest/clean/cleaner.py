"""Removes site boilerplate from scraped plain text and finds the headline.

Scrapes keep what surrounded the story on the page: breadcrumbs, a site name or
slogan, share counters, "most read" and "latest news" lists with their dated
headlines, comment forms, tag lines. The cleaner treats each line as a
paragraph and combines general signals, none keyed to a site:

1. line shapes (`lines.py`): markup, breadcrumbs, bare addresses, dates,
   lines without words;
2. lines repeated across the corpus (`repeated.py`);
3. dated lists: headlines each followed by a date line, the shape of
   "latest news" blocks, together with the heading above them;
4. jusText's paragraph classification, with the stoplist of the article's
   language: running text is long and dense in function words; boilerplate is
   short or a list of names; short lines take the class of their neighbours,
   so a subheading inside the story stays while a block heading at the foot of
   the page goes.

The headline is the line before the story's first paragraph of running text
that shares the most words with the story, so a site name above it is not
mistaken for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import justext
from justext.core import classify_paragraphs
from justext.paragraph import Paragraph

from tidings.ingest.clean.context import revise_classification
from tidings.ingest.clean.headline import is_standfirst, pick_headline, same_line, story_start
from tidings.ingest.clean.lines import (
    HEADING_MAX_WORDS,
    PROSE_MIN_WORDS,
    LineKind,
    is_sentence,
    is_statement,
    line_kind,
    words,
)
from tidings.ingest.clean.paragraphs import (
    Paragraphs,
    mark_dated_lists,
    paragraph_line,
    paragraphs_of,
    repair_mojibake,
)
from tidings.ingest.clean.repeated import RepeatedLines
from tidings.ingest.clean.stoplists import STOPLIST_NAMES
from tidings.model import Article
from tidings.pipeline import StageBase, batches

# A line ending in a full stop with this many words is a sentence of the
# story: anywhere between its paragraphs, or continuing them at either end.
_INNER_SENTENCE_WORDS = 4
# A line with this many commas is an enumeration, not a menu.
_LIST_SEPARATORS = re.compile(r"[,،、]\s")
_LIST_MIN_ITEMS = 4
_EDGE_SENTENCE_WORDS = 7
# A sentence of a brief, when nothing else is found, has this many words.
_BRIEF_MIN_WORDS = 5


class _Line(Paragraph):
    """A line of plain text dressed as a jusText paragraph (no DOM needed)."""

    def __init__(self, text: str, heading: bool):
        self.dom_path = "body.h2" if heading else "body.p"
        self.xpath = ""
        self.text_nodes = [text]
        self.chars_count_in_links = 0
        self.tags_count = 0
        self.class_type = ""
        self._text = text

    @property
    def text(self) -> str:
        return self._text


@dataclass(frozen=True)
class Cleaned:
    title: str | None
    body: list[str]
    removed: list[str]
    # Lines of `body` kept only as the standfirst under a headline found in
    # the text: with that headline given, they are header lines like any other.
    standfirst: list[str] = field(default_factory=list)


@dataclass(kw_only=True, eq=False)
class TextCleaner(StageBase):
    """Stage `ingest.clean_text.v1`: fills `title`, `body` and `boilerplate`.

    Parameters are jusText's (lengths in characters, stopword densities);
    `repeated` adds corpus-level line counts when given; `paragraphs` remembers the
    texts split, for others to read (the store's line keys).
    """

    name = "ingest.clean_text.v1"
    requires = ("text", "lang")
    assigns = ("title", "body", "boilerplate")

    repeated: RepeatedLines | None = None
    paragraphs: Paragraphs | None = None
    length_low: int = 70
    length_high: int = 200
    stopwords_low: float = 0.30
    stopwords_high: float = 0.32
    max_heading_distance: int = 200
    _stoplists: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    def __call__(self, article: Article) -> Article:
        # A batch of one: its lines are counted as `pipe` counts them, so the runner's
        # article-by-article fallback cleans (and counts) as the batch would have.
        return next(self._clean_batch([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]:
        for batch in batches(articles, batch_size):
            yield from self._clean_batch(batch)

    def _clean_batch(self, batch: list[Article]) -> Iterator[Article]:
        split = paragraphs_of if self.paragraphs is None else self.paragraphs.of
        lines = [split(a.text) for a in batch]
        if self.repeated is not None:
            self.repeated.update(lines)
        for article, article_lines in zip(batch, lines, strict=True):
            yield self._clean_article(article, article_lines, self._furniture(article_lines))

    def _furniture(self, lines: list[str]) -> set[str]:
        return self.repeated.repeated(lines) if self.repeated is not None else set()

    def _clean_article(self, article: Article, lines: list[str], furniture: set[str]) -> Article:
        result = self.clean_lines(lines, article.lang, title=article.title, furniture=furniture)
        article.title = result.title
        article.body = "\n".join(result.body)
        article.boilerplate = result.removed
        return article

    def clean(
        self,
        text: str,
        lang: str | None,
        *,
        title: str | None = None,
        furniture: set[str] = frozenset(),
    ) -> Cleaned:
        """Split `text` into headline, story lines and removed lines."""
        return self.clean_lines(paragraphs_of(text), lang, title=title, furniture=furniture)

    def clean_lines(
        self,
        lines: list[str],
        lang: str | None,
        *,
        title: str | None = None,
        furniture: set[str] = frozenset(),
    ) -> Cleaned:
        """`clean` on a text already split by `paragraphs_of`."""
        if title is not None:
            title = paragraph_line(repair_mojibake(title)) or None
        if not lines:
            return Cleaned(title=title, body=[], removed=[])
        kinds = [LineKind.REPEATED if ln in furniture else line_kind(ln) for ln in lines]
        mark_dated_lists(lines, kinds)
        good = self._classify(lines, kinds, lang)
        keep = {i for i, is_good in enumerate(good) if is_good}
        start = story_start(lines, keep)
        given_title, title_index = title is not None, None
        if title is None:
            title, title_index = pick_headline(lines, kinds, start, keep)
        body, removed, standfirst = [], [], []
        for i, line in enumerate(lines):
            # With a headline given there is no header to find: what jusText
            # keeps is story. Otherwise the header holds only the standfirst.
            in_story = i in keep and (given_title or i >= start)
            header = not in_story and is_standfirst(i, line, title_index, start)
            if (in_story or header) and i != title_index and not same_line(line, title):
                body.append(line)
                standfirst += [line] if header else []
            elif i != title_index:
                removed.append(line)
        if not body:
            body = _sentences_only(lines, kinds, title, title_index)
            kept = set(body)
            removed = [ln for i, ln in enumerate(lines) if i != title_index and ln not in kept]
        return Cleaned(title=title, body=body, removed=removed, standfirst=standfirst)

    def _classify(self, lines: list[str], kinds: list[LineKind], lang: str | None) -> list[bool]:
        """Which lines are story. Lines of another shape (markup, furniture,
        dates) are out already; leaving them out of jusText's neighbour pass
        keeps them from dragging the story lines around them out too."""
        text_at = [i for i, kind in enumerate(kinds) if kind is LineKind.TEXT]
        paragraphs = [_Line(lines[i], _may_head(lines[i])) for i in text_at]
        stoplist = self._stoplist(lang)
        # Without a stoplist (Chinese, Japanese…) only length and context decide.
        low, high = (self.stopwords_low, self.stopwords_high) if stoplist else (0.0, 0.0)
        classify_paragraphs(
            paragraphs, stoplist, self.length_low, self.length_high, low, high, 1.0, False
        )
        for paragraph in paragraphs:
            if paragraph.cf_class != "good" and self._long_prose(paragraph, stoplist, low):
                paragraph.cf_class = "good"
            elif paragraph.cf_class == "bad" and self._statement(paragraph, stoplist, low):
                paragraph.cf_class = "neargood"  # its neighbours decide
        revise_classification(paragraphs, self.max_heading_distance)
        if not any(p.class_type == "good" for p in paragraphs):
            # jusText's context needs a clearly good paragraph to anchor on; a
            # short story has none, so its near-good paragraphs become anchors.
            for paragraph in paragraphs:
                if paragraph.cf_class == "neargood":
                    paragraph.cf_class = "good"
            revise_classification(paragraphs, self.max_heading_distance)
        self._rescue_sentences(paragraphs, stoplist, low)
        good = [False] * len(lines)
        for i, paragraph in zip(text_at, paragraphs, strict=True):
            good[i] = paragraph.class_type == "good"
        return good

    def _rescue_sentences(
        self, paragraphs: list[_Line], stoplist: frozenset[str], low: float
    ) -> None:
        """Keep sentences inside the story and at its edges that jusText let go.

        In extracted text a one-sentence paragraph at the start or end has only
        one neighbour, the page's edge counts against it, and agglutinative or
        clitic-rich languages look thin in stopwords. Inside the story any
        sentence stays; outward, sentences are added while they continue, over
        at most one line that is not one (a list of names, a quote)."""
        kept = [i for i, p in enumerate(paragraphs) if p.class_type == "good"]
        if not kept:
            return
        for i in range(kept[0] + 1, kept[-1]):
            if self._sentence(paragraphs[i], stoplist, low, _INNER_SENTENCE_WORDS):
                paragraphs[i].class_type = "good"
        for step, edge in ((-1, kept[0]), (1, kept[-1])):
            i = edge + step
            while 0 <= i < len(paragraphs):
                if self._sentence(paragraphs[i], stoplist, low, _EDGE_SENTENCE_WORDS):
                    paragraphs[i].class_type = "good"
                    i += step
                elif 0 <= i + step < len(paragraphs) and self._sentence(
                    paragraphs[i + step], stoplist, low, _EDGE_SENTENCE_WORDS
                ):
                    paragraphs[i].class_type = "good"  # one line inside the run
                    i += step
                else:
                    break

    def _long_prose(self, paragraph: _Line, stoplist: frozenset[str], low: float) -> bool:
        """Running text too long to be furniture, even if thinner in stopwords
        than jusText asks (clitics hide Arabic function words, for one)."""
        return (
            len(paragraph) > self.length_high
            and paragraph.words_count >= PROSE_MIN_WORDS
            and paragraph.stopwords_density(stoplist) >= low / 2
        )

    def _sentence(
        self, paragraph: _Line, stoplist: frozenset[str], low: float, min_words: int
    ) -> bool:
        """A full sentence of running text, however short its paragraph, or an
        enumeration (names, apps, results) that the story lists."""
        if paragraph.words_count < min_words:
            return False
        if len(_LIST_SEPARATORS.findall(paragraph.text)) >= _LIST_MIN_ITEMS:
            return True
        return is_statement(paragraph.text) and paragraph.stopwords_density(stoplist) >= low / 2

    def _statement(self, paragraph: _Line, stoplist: frozenset[str], low: float) -> bool:
        """A sentence of a paragraph, somewhat thin in stopwords (a quote, a list of names)."""
        return (
            is_statement(paragraph.text)
            and paragraph.words_count > HEADING_MAX_WORDS
            and paragraph.stopwords_density(stoplist) >= low * 2 / 3
        )

    def _stoplist(self, lang: str | None) -> frozenset[str]:
        name = STOPLIST_NAMES.get(lang or "")
        if name is None:
            return frozenset()
        if name not in self._stoplists:
            self._stoplists[name] = justext.get_stoplist(name)
        return self._stoplists[name]


def _sentences_only(
    lines: list[str], kinds: list[LineKind], title: str | None, title_index: int | None
) -> list[str]:
    """The plain sentences of a text too short for the classifier to find a
    story in (a one-line brief); labels and widgets still stay out."""
    return [
        line
        for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
        if kind is LineKind.TEXT
        and i != title_index
        and not same_line(line, title)
        and is_statement(line)
        and len(words(line)) >= _BRIEF_MIN_WORDS
    ]


def _may_head(line: str) -> bool:
    """Short and not a sentence: may be the heading of the text that follows."""
    return len(words(line)) <= HEADING_MAX_WORDS and not is_sentence(line)
