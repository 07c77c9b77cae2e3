"""CSV cells as `tidings.explore.export` writes them, read back by the csv module."""

from __future__ import annotations

import csv
import io

from tidings.explore.export import csv_lines


def test_cells_are_quoted_joined_and_never_formulas():
    rows = [
        {"id": "a,1", "title": 'He said "no"\nthen left', "n": -3, "when": None,
         "langs": {"ar": 3, "tr": 2}, "who": [{"key": "hftr", "name": "خليفة حفتر"}]},
        {"id": "b", "title": "=HYPERLINK(\"http://x\")", "n": 0, "when": "2020-01-13",
         "langs": {}, "who": []},
    ]  # fmt: skip
    columns = ("id", "title", "n", "when", "langs", "who")
    text = "".join(csv_lines(rows, columns))
    back = list(csv.DictReader(io.StringIO(text)))
    assert back[0] == {"id": "a,1", "title": 'He said "no"\nthen left', "n": "-3", "when": "",
                       "langs": "ar:3; tr:2", "who": "خليفة حفتر [hftr]"}  # fmt: skip
    assert back[1]["title"] == '\'=HYPERLINK("http://x")'  # shown as text, not run
    assert back[1]["when"] == "2020-01-13" and back[1]["n"] == "0"
