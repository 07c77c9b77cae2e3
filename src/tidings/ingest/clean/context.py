"""jusText's context-sensitive pass, in linear time.

`justext.core.revise_paragraph_classification` looks up, for every short and
near-good paragraph, the nearest good or bad paragraph on each side by walking
to it. In a long run of short or near-good paragraphs (a scrape of thousands of
similar lines) that walk makes the pass quadratic: minutes for one input. This
is the same pass with each side's nearest class found in one sweep beforehand;
`tests/ingest/test_fuzz_cleaner.py` checks it against jusText's on arbitrary
class sequences.
"""

from __future__ import annotations

from collections.abc import Sequence

from justext.paragraph import Paragraph

_GOOD_OR_BAD = frozenset({"good", "bad"})
_RESOLVED = frozenset({"good", "bad", "neargood"})


def revise_classification(paragraphs: Sequence[Paragraph], max_heading_distance: int) -> None:
    """Set each paragraph's `class_type` from its `cf_class` and its context,
    exactly as jusText does."""
    for paragraph in paragraphs:
        paragraph.class_type = paragraph.cf_class
    _promote_headings(
        paragraphs, max_heading_distance, lambda p: p.class_type == "short", "neargood"
    )
    _revise_short(paragraphs)
    _revise_neargood(paragraphs)
    _promote_headings(
        paragraphs,
        max_heading_distance,
        lambda p: p.class_type == "bad" and p.cf_class != "bad",
        "good",
    )


def _promote_headings(paragraphs, max_distance, eligible, new_class) -> None:
    """A heading followed by a good paragraph within `max_distance` characters
    takes `new_class`; the walk is bounded by the distance, so linear."""
    for i, paragraph in enumerate(paragraphs):
        if not (paragraph.heading and eligible(paragraph)):
            continue
        j, distance = i + 1, 0
        while j < len(paragraphs) and distance <= max_distance:
            if paragraphs[j].class_type == "good":
                paragraph.class_type = new_class
                break
            distance += len(paragraphs[j].text)
            j += 1


def _nearest_before(classes: list[str], wanted: frozenset[str]) -> list[str]:
    """For each index, the class of the nearest earlier paragraph whose class
    is in `wanted`; "bad" at the edge, as jusText counts it."""
    found, last = [], "bad"
    for cls in classes:
        found.append(last)
        if cls in wanted:
            last = cls
    return found


def _nearest_after(classes: list[str], wanted: frozenset[str]) -> list[str]:
    return _nearest_before(classes[::-1], wanted)[::-1]


def _revise_short(paragraphs: Sequence[Paragraph]) -> None:
    classes = [p.class_type for p in paragraphs]
    prev_strict = _nearest_before(classes, _GOOD_OR_BAD)
    next_strict = _nearest_after(classes, _GOOD_OR_BAD)
    prev_any = _nearest_before(classes, _RESOLVED)
    next_any = _nearest_after(classes, _RESOLVED)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "short":
            continue
        prev, after = prev_strict[i], next_strict[i]
        if prev == after:
            paragraph.class_type = prev
        elif (prev == "bad" and prev_any[i] == "neargood") or (
            after == "bad" and next_any[i] == "neargood"
        ):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"


def _revise_neargood(paragraphs: Sequence[Paragraph]) -> None:
    # Revised in order, as jusText does: a near-good paragraph's earlier
    # neighbour is already good or bad, its later ones are not yet revised.
    next_strict = _nearest_after([p.class_type for p in paragraphs], _GOOD_OR_BAD)
    prev = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            both_bad = prev == "bad" and next_strict[i] == "bad"
            paragraph.class_type = "bad" if both_bad else "good"
        prev = paragraph.class_type
