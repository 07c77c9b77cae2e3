"""Search terms, FTS expressions and snippets."""

from __future__ import annotations

from tidings.query import Page, fts_expression, search_terms, snippet


def test_terms_keep_short_words_drop_quotes_and_repeats():
    assert search_terms('Libya "ceasefire" in Libya ab') == ["Libya", "ceasefire", "in", "ab"]
    assert search_terms("  ") == []


def test_fts_expression_quotes_every_term():
    # Operators and quotes in user text are searched for, not obeyed.
    # "or", a spelling of "OR", is the same word to the index (it folds case): not looked up twice.
    assert fts_expression(["OR", 'x"y']) == '("OR" OR "ör") AND ("x""y")'


def test_fts_expression_looks_each_spelling_up_once_whatever_its_case():
    expression = fts_expression(["ÇAVUŞOĞLU"])
    looked_up = [word.strip('"').casefold() for word in expression.strip("()").split(" OR ")]
    assert "çavuşoğlu" in looked_up and "cavusoglu" in looked_up
    assert len(looked_up) == len(set(looked_up))


def test_snippet_around_first_term():
    text = "Intro words here. " * 20 + "The ceasefire in Libya began. " + "Tail words. " * 30
    found = snippet(text, ["libya"], width=60)
    assert found.startswith("…") and found.endswith("…")
    assert "Libya" in found and len(found) <= 64
    assert snippet(text, ["nothing"]) is None


def test_page_offsets_with_and_without_total():
    page = Page(items=[1, 2], total=5, limit=2, offset=2)
    assert (page.next_offset, page.previous_offset) == (4, 0)
    uncounted = Page(items=[1, 2], total=None, limit=2, offset=0, more=True)
    assert (uncounted.next_offset, uncounted.previous_offset) == (2, None)
    assert Page(items=[1], total=None, limit=2).next_offset is None


def test_exported_names():
    import tidings.api
    import tidings.explore

    assert sorted(tidings.explore.__all__) == [
        "ArticleQuery", "Hit", "Mention", "Neighbour", "Page", "Similar", "VectorIndex",
        "find_mentions", "search_terms",
    ]  # fmt: skip
    assert tidings.api.__all__ == ["create_app"]
