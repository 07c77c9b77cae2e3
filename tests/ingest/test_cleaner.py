"""The cleaner's general mechanisms, on texts written here (not the seeds)."""

from __future__ import annotations

from tidings.ingest.clean import MemoryLineCounts, RepeatedLines, TextCleaner, split_lines
from tidings.ingest.clean.lines import LineKind, line_kind

STORY = [
    "The foreign ministers of both countries met in the capital on Monday to discuss the "
    "ceasefire, and they said that the talks would continue later in the week with the "
    "delegations of the two sides.",
    "According to officials who were present at the meeting, the two delegations agreed on a "
    "text that will be put to the parties before the conference that is planned for the end of "
    "the month.",
    "The agreement was welcomed by the United Nations envoy, who said it was the first step "
    "towards a political solution that all of the parties in the conflict could accept.",
]


def test_line_shapes():
    assert line_kind("Home > World > Middle East") is LineKind.BREADCRUMB
    assert line_kind('" class="main-news-image img') is LineKind.MARKUP
    assert line_kind("www.example.com") is LineKind.ADDRESS
    assert line_kind("01/11/2024") is LineKind.DATE
    assert line_kind("12 0 4") is LineKind.NO_WORDS
    assert line_kind("Dow Jones &amp; Nasdaq rose today") is LineKind.TEXT
    long_with_slashes = " / ".join(["a long bibliographic reference with many words"] * 5)
    assert line_kind(long_with_slashes) is LineKind.TEXT


def test_dated_headline_list_at_the_foot_is_removed():
    foot = [
        "Latest news",
        "Markets rally as inflation eases",
        "Stocks rose sharply across the region as new figures showed prices…",
        "01/11/2024",
        "Storm closes schools in the north",
        "Heavy rain forced the closure of dozens of schools on Friday…",
        "31/10/2024",
    ]
    result = TextCleaner().clean("\n".join(["Talks resume in the capital", *STORY, *foot]), "en")
    assert result.title == "Talks resume in the capital"
    assert result.body == STORY
    assert set(foot) <= set(result.removed)


def test_subheading_inside_the_story_is_kept():
    text = "\n".join(["Talks resume in the capital", STORY[0], "A SECOND ROUND", *STORY[1:]])
    assert "A SECOND ROUND" in TextCleaner().clean(text, "en").body


def test_repeated_lines_across_a_corpus_are_furniture():
    cleaner = TextCleaner(repeated=RepeatedLines(MemoryLineCounts(), min_docs=3))
    docs = [
        f"Headline number {i} about the talks\n{STORY[i % 3]}\nFollow us on social media"
        for i in range(4)
    ]
    cleaner.repeated.update(split_lines(d) for d in docs)
    furniture = cleaner.repeated.repeated(split_lines(docs[0]))
    assert furniture == {"Follow us on social media"}
    result = cleaner.clean(docs[0], "en", furniture=furniture)
    assert "Follow us on social media" in result.removed
    assert result.body == [STORY[0]]


def test_long_prose_is_never_repeated_furniture():
    repeated = RepeatedLines(MemoryLineCounts(), min_docs=2)
    repeated.update([[STORY[0]], [STORY[0]], [STORY[0]]])
    assert repeated.repeated([STORY[0]]) == set()


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "Title of the story\n\nThe first line of a paragraph that\ngoes on here and ends.\n\n"
        "Another paragraph that is\nwrapped too and ends."
    )
    assert split_lines(wrapped) == [
        "Title of the story",
        "The first line of a paragraph that goes on here and ends.",
        "Another paragraph that is wrapped too and ends.",
    ]


def test_language_without_a_stoplist_keeps_its_story():
    story = [
        "外交部长周一在首都会晤，讨论停火问题，双方表示会谈将在本周晚些时候继续进行，两国代表团都将参加。"
        "官员们说，这次会议取得了积极进展，各方同意在月底举行的会议之前提交一份文本。",
        "联合国特使对这项协议表示欢迎，他说这是朝着各方都能接受的政治解决方案迈出的第一步，"
        "并呼吁所有各方保持克制，继续通过对话解决分歧，以实现持久和平与稳定。",
    ]
    result = TextCleaner().clean("\n".join(["首都会谈恢复", *story, "www.example.cn"]), "zh")
    assert result.title == "首都会谈恢复"
    assert result.body == story


def test_given_title_is_not_repeated_in_the_body():
    text = "\n".join(["Talks resume in the capital", *STORY])
    result = TextCleaner().clean(text, "en", title="Talks resume in the capital")
    assert result.body == STORY


def test_text_without_headline_gets_its_first_sentence_as_title():
    result = TextCleaner().clean(" ".join(STORY), "en")
    assert result.title.startswith("The foreign ministers of both countries met")
    assert result.body == [" ".join(STORY)]


def test_short_sentences_at_the_edges_of_the_story_are_kept():
    lede = "The court will hear the case of the twelve defendants on Sunday morning."
    last = "The current agreement expires at the end of March."
    text = "\n".join(["Court hears the case", lede, *STORY, last])
    assert TextCleaner().clean(text, "en").body == [lede, *STORY, last]


def test_furniture_does_not_drag_its_neighbours_out():
    short = "Officials said the meeting went well."
    text = "\n".join(["Talks resume", STORY[0], "Advertisement", short, "Advertisement", STORY[1]])
    result = TextCleaner().clean(text, "en", furniture={"Advertisement"})
    assert result.body == [STORY[0], short, STORY[1]]


def test_one_line_brief_keeps_its_sentence():
    result = TextCleaner().clean("Brief\nThe minister resigned on Friday.", "en")
    assert (result.title, result.body) == ("Brief", ["The minister resigned on Friday."])


def test_wire_sentences_shared_by_outlets_are_not_furniture():
    repeated = RepeatedLines(MemoryLineCounts(), min_docs=2)
    wire = "The ministry said the prisoners were moved to another jail on Monday."
    repeated.update([[wire, "Share"], [wire, "Share"], [wire, "Share"]])
    assert repeated.repeated([wire, "Share"]) == {"Share"}


def test_mojibake_is_repaired_in_title_and_body():
    text = (
        "Au QuÃ©bec, 10Â 000 prÃ©posÃ©s aux bÃ©nÃ©ficiaires sont recherchÃ©s par le gouvernement."
    )
    result = TextCleaner().clean(text, "fr", title="10Â 000 prÃ©posÃ©s recherchÃ©s")
    assert result.title == "10 000 préposés recherchés"
    assert result.body == [
        "Au Québec, 10 000 préposés aux bénéficiaires sont recherchés par le gouvernement."
    ]
