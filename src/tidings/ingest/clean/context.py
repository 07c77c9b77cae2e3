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
    # jusText copies `cf_class` into `class_type` in the loop of its first
    # heading pass, so that pass looks ahead at the classes from before the call
    # ("" on new paragraphs, the previous result when called again): kept as is.
    before = [p.class_type for p in paragraphs]
    for paragraph in paragraphs:
        paragraph.class_type = paragraph.cf_class
    _promote_headings(paragraphs, max_heading_distance, "short", "neargood", before)
    _revise_short(paragraphs)
    _revise_neargood(paragraphs)
    after = [p.class_type for p in paragraphs]
    _promote_headings(paragraphs, max_heading_distance, "bad", "good", after)


def _promote_headings(
    paragraphs: Sequence[Paragraph], max_distance: int, old: str, new: str, ahead: list[str]
) -> None:
    """A heading of class `old` (not classified bad by itself, when `old` is
    "bad") followed within `max_distance` characters by a paragraph whose class
    in `ahead` is "good" takes class `new`. The walk is bounded by the
    distance, so this is linear."""
    for i, paragraph in enumerate(paragraphs):
        if not (paragraph.heading and paragraph.class_type == old):
            continue
        if old == "bad" and paragraph.cf_class == "bad":
            continue
        j, distance = i + 1, 0
        while j < len(paragraphs) and distance <= max_distance:
            if ahead[j] == "good":
                paragraph.class_type = new
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
