"""Search words in the spellings a text may use (explore/folding.py)."""

from __future__ import annotations

from tidings.folding import MAX_SPELLINGS, fold, spellings


def test_fold_takes_off_diacritics_dotless_i_and_arabic_marks():
    assert fold("Çavuşoğlu") == "cavusoglu"
    assert fold("IŞIK ılık") == "isik ilik"
    assert fold("مُحَمَّد") == "محمد"


def test_a_bare_word_is_looked_up_with_its_marked_letters():
    found = spellings("cavusoglu")
    assert found[0] == "cavusoglu" and "çavuşoğlu" in found
    assert "öğrenci" in spellings("ogrenci")


def test_a_marked_word_is_looked_up_bare_too():
    assert spellings("Çavuşoğlu")[:2] == ("Çavuşoğlu", "cavusoglu")


def test_spellings_are_bounded():
    long = "cigsoucigsoucigsou"  # 2**15 combinations
    assert len(spellings(long)) <= MAX_SPELLINGS
    assert spellings(long) == (long,)  # as typed (and folded, the same here) only
