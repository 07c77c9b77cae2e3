"""Entity mentions in scripts without case, Arabic and Chinese, found by patterns.

Capital letters cannot mark names here, so names are read from what surrounds
them. Arabic: a title with the words that complete it (الرئيس التركي، وزير
خارجية تركيا، السفير ... لدى القاهرة، نظيره الروسي، بقيادة) and then a run of name
words, which ends at a function word, verb, title, punctuation or و, and loses a
trailing common word ("خليفة حفتر حملة"); names joined by و (وسيرغي شويغو،
والتركي رجب ...); possession (قوات حفتر، حكومة أخنوش); a reporting verb before two
name words (قال محمد ...), kept only if the article names the person again.
Organisations are a head and its definite modifiers (وزارة الخارجية الروسية،
حكومة الوفاق الوطني، شركة فاغنر). Chinese: names after a title (总统普京、外长拉夫罗夫),
foreign names joined by "·", organisations by suffix (外交部、国民军).

The trigger words come from `tidings.analyze.entity_lexicon`; the mentions go
to `tidings.analyze.entity_mentions` for counting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.analyze.entity_lexicon import NOT_A_TRIGGER, ORG, OWNER, TITLE, VERB, Lexicon
from tidings.analyze.entity_mentions import Found, IsPlace, Mention, add_person
from tidings.analyze.names import org_key, person_key

_AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06fa-\u06ff"
_AR_WORD = re.compile(f"[{_AR_LETTERS}]+")
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_NORM = str.maketrans("أإآ", "ااا")
# verbs (يدعوان، تبرمان، قالوا) and adverbial participles (مؤكدا، مضيفا)
_AR_VERB = re.compile(r"^[وف]?(?:[يت]\w{2,}(?:ون|ان)|\w{2,}وا|م\w{3,}ا)$")
_AR_PLURAL = ("ات", "ون", "ين", "ية", "ة")
_COMMA = frozenset(" ،,\u200f\u200e\xa0")
_QUOTES = frozenset(' "“”«»\u200f\u200e\xa0')  # quotes around a name do not break it

_HAN = "\u4e00-\u9fff"
_ZH_TITLES = "副总统|总统|副总理|总理|首相|外交部长|国防部长|外长|防长|部长|国家主席|主席|国务卿|总书记|发言人|大使|议长|总司令|司令|将军|元帅|国王|王储|秘书长|总干事|总裁|董事长|首席执行官|主教练|教练|特使|领导人|创始人|市长|州长|省长|书记|局长|主任|参议员|众议员|议员|先生|女士"
_ZH_STOP = "的|在|和|与|同|及|跟|说|称|表示|指出|强调|宣布|会见|会晤|会谈|举行|出席|访问|抵达|发表|通电话|致电|签署|将|已|也|对|就|是|于|等|向|并|还|则|曾|今天|昨天|日前|近日|当天|此前|认为|呼吁|希望|透露|告诉|回应|谈到|提出|承诺|警告|否认|确认|率领|一行|本人|今|昨|日|月|年"
_ZH_ORGS = "外交部|国防部|财政部|内政部|商务部|国务院|政府|委员会|组织|公司|集团|银行|大学|议会|联盟|协会|基金会|法院|通讯社|电视台|理事会|安理会|国民军|武装部队|党"
_ZH_TITLED = re.compile(f"(?:{_ZH_TITLES})([{_HAN}·]{{2,8}}?)(?={_ZH_STOP}|[^{_HAN}·]|$)")
_ZH_DOTTED = re.compile(f"[{_HAN}]{{1,6}}(?:·[{_HAN}]{{1,6}})+")
_ZH_ORG = re.compile(_ZH_ORGS)
_ZH_PARTICLES = "了的和与同及对向据由被将从为是在说称见会"
_ZH_BOUNDARY = frozenset("的在和与同及对向据由被将从为是了说称，。、；：“”《》（）！？ \n")


@dataclass(slots=True)
class ArToken:
    """A word of Arabic text, and how it is joined to the word before it. Slots, not a
    NamedTuple: on 800 Hespress articles a NamedTuple made the finder 1.19x as slow as the
    old plain tuples, slots 1.07x (the cost of naming the fields)."""

    surface: str
    norm: str  # one letter for one, so offsets agree with `surface`
    joined: bool  # only a space (or quotes) between
    after_comma: bool  # only a comma (or quotes) between


def arabic_mentions(
    text: str, lex: Lexicon, is_place: IsPlace | None, max_name_words: int
) -> Found:
    """The people and organisations an Arabic `text` mentions."""
    return _ArabicReader(is_place, max_name_words).read(text, lex)


class _ArabicReader:
    """Reads Arabic text pattern by pattern; `is_place` as for `EntityFinder`."""

    def __init__(self, is_place: IsPlace | None, max_name_words: int):
        self.is_place = is_place
        self.max_name_words = max_name_words

    def _place(self, text: str, lang: str) -> bool:
        return self.is_place is not None and self.is_place(text, lang)

    def _person(self, words: list[str], lang: str, out: list[Mention]) -> None:
        add_person(words, lang, self.is_place, out)

    def read(self, text: str, lex: Lexicon) -> Found:
        found = Found()
        for line in text.splitlines():
            toks = _arabic_tokens(line)
            i = 0
            while i < len(toks):
                i = self._arabic_at(toks, i, lex, found)
        return found

    def _arabic_at(self, toks: list[ArToken], i: int, lex: Lexicon, found: Found) -> int:
        """Reads the pattern starting at word `i`; returns where the next one starts."""
        strong = found.strong
        word = toks[i].norm
        kinds, base = lex.triggers.get(word, NOT_A_TRIGGER)
        if kinds & TITLE:  # الرئيس التركي | رجب طيب أردوغان
            construct = not base.startswith(("ال", "نظير", "ب"))  # بقيادة: led by
            start = self._skip_title(toks, i + 1, construct, lex)
            return max(self._arabic_people(toks, start, lex, strong), i + 1)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if kinds & OWNER and nxt and nxt.joined and _ar_name(nxt, lex):
            self._person([nxt.surface], "ar", strong)  # قوات حفتر
            return i + 2
        if kinds & ORG:
            end = self._arabic_org(toks, i, base, lex, strong)
            if end > i + 1:
                return end
        if kinds & VERB:  # قال محمد بنعبد القادر
            run = self._arabic_run(toks, i + 1, lex)
            if len(run) >= 2 and not any(_ar_is_definite(toks[k].norm) for k in run[:-1]):
                # weaker evidence: kept only if the article names the person again
                self._person([toks[k].surface for k in run], "ar", found.tentative)
                return run[-1] + 1
        if len(word) > 2 and toks[i].surface not in lex.stop and word not in lex.function:
            found.weak.append(toks[i].surface)
        return i + 1

    def _skip_title(self, toks: list[ArToken], j: int, construct: bool, lex: Lexicon) -> int:
        """Past the words completing a title: التركي، خارجية تركيا، لدى القاهرة."""
        limit = min(len(toks), j + 8)
        while j < limit and toks[j].joined:
            word = toks[j].norm
            if word in lex.construct:
                construct = True
            elif word in lex.function or lex.kinds(word) & VERB:
                break
            elif _ar_is_definite(word):
                construct = False
            elif construct:  # the genitive of وزير, خارجية, لدى: takes one more if a noun
                construct = word.endswith("ة") or bool(lex.kinds(word) & (ORG | TITLE))
                if j + 1 < limit and self._place(f"{toks[j].surface} {toks[j + 1].surface}", "ar"):
                    j += 1  # جهة بني ملال
            elif lex.kinds(word) & (ORG | TITLE):
                construct = True
            elif word[0] in "لب" and (word.endswith("ة") or lex.kinds(word[1:]) & ORG):
                construct = True  # لحكومة الوفاق
            elif word[0] in "لب" and self._common_or_place(toks[j].surface[1:], lex):
                construct = False  # الخاص لإيران
            elif not self._place(toks[j].surface, "ar"):
                break
            j += 1
        return j

    def _common_or_place(self, word: str, lex: Lexicon) -> bool:
        return _ar_common(word, lex) or self._place(word, "ar")

    def _arabic_people(
        self, toks: list[ArToken], j: int, lex: Lexicon, strong: list[Mention]
    ) -> int:
        run = self._arabic_run(toks, j, lex, after_comma=True)
        if not run:
            return j
        self._person([toks[k].surface for k in run], "ar", strong)
        end = run[-1] + 1
        # more names joined by و: "سيرغي لافروف وسيرغي شويغو", "بوتين والتركي رجب ..."
        while end < len(toks) and toks[end].joined and toks[end].norm.startswith("و"):
            rest = toks[end].norm[1:]
            if _ar_is_definite(rest) and rest.endswith("ي"):
                run = self._arabic_run(toks, end + 1, lex)
                words = [toks[k].surface for k in run]
            elif _ar_name(ArToken(rest, rest, True, False), lex, allow_stop=True):
                run = [end, *self._arabic_run(toks, end + 1, lex)]
                words = [toks[end].surface[1:]] + [toks[k].surface for k in run[1:]]
                if len(words) < 2:
                    break
            else:
                break
            if not run:
                break
            self._person(words, "ar", strong)
            end = run[-1] + 1
        return end

    def _arabic_run(
        self, toks: list[ArToken], j: int, lex: Lexicon, after_comma: bool = False
    ) -> list[int]:
        """Indices of the name words from `j`, up to a function word, و or punctuation."""
        run: list[int] = []
        words = 0  # not counting links (بن، عبد، آل)
        while j < len(toks) and words < self.max_name_words:
            tok = toks[j]
            word, joined, comma = tok.norm, tok.joined, tok.after_comma
            if not (joined or (comma and after_comma and not run)):
                break
            if word not in lex.links:
                if len(word) < 2 or _ar_stops(word, lex) or (run and word[0] in "وف"):
                    break
                if word[0] in "لب" and (
                    _ar_stops(word[1:], lex, stoplist=True)
                    or (len(word) > 5 and word.endswith(("ة", "ات")))
                ):
                    break  # لوقف، لحكومة، لاستعادة
                after_link = bool(run) and toks[run[-1]].norm in lex.links  # عبد العزيز
                if words >= 2 and not after_link and toks[j].surface in lex.stop:
                    break  # "خليفة حفتر حملة"
                if _ar_is_definite(word) and not after_link and not _ar_surname(toks, j, run, lex):
                    break
                words += 1
            run.append(j)
            j += 1
        # a trailing common word ("خليفة حفتر حملة") or dangling link is not part of the name
        while run and (_ar_common(toks[run[-1]].surface, lex) or toks[run[-1]].norm in lex.links):
            if len(run) > 1 and toks[run[-2]].norm in lex.links:
                break
            run.pop()
        if len(run) > 1 and self._place(toks[run[-1]].surface, "ar"):
            run.pop()  # a name does not end in a place
        return run

    def _arabic_org(
        self, toks: list[ArToken], i: int, base: str, lex: Lexicon, strong: list[Mention]
    ) -> int:
        surface, word = toks[i].surface, toks[i].norm
        if word.startswith("لل") and not base.startswith("لل"):
            surface = "ا" + surface[1:]  # للأمم المتحدة -> الأمم المتحدة
        elif len(word) > len(base):
            surface = surface[len(word) - len(base) :]  # والأمم، بالأمم
        words, construct, j = [surface], not _ar_is_definite(base), i + 1
        while j < len(toks) and toks[j].joined and len(words) < 6:
            word = toks[j].norm
            if word in lex.function or word in lex.time or lex.kinds(word) & VERB:
                break
            if not _ar_is_definite(word) and not (construct and _ar_name(toks[j], lex)):
                break  # neither a modifier nor the proper noun of "شركة فاغنر"
            words.append(toks[j].surface)
            construct = False
            j += 1
        if len(words) >= 2:
            strong.append((org_key(words, "ar"), "org", " ".join(words)))
        return j


# -- Arabic tokens and word tests -----------------------------------------------------------


def _arabic_tokens(line: str) -> list[ArToken]:
    line = _AR_MARKS.sub("", line)
    norm = line.translate(_AR_NORM)  # one letter for one: offsets still agree
    toks: list[ArToken] = []
    end = 0
    for match in _AR_WORD.finditer(line):
        start = match.start()
        gap = line[end:start]
        joined = bool(toks) and (gap == " " or set(gap) <= _QUOTES)
        comma = bool(toks) and not joined and set(gap) <= _COMMA | _QUOTES
        end = match.end()
        toks.append(ArToken(match.group(), norm[start:end], joined, comma))
    return toks


def _ar_is_definite(word: str) -> bool:
    return word.startswith(("ال", "لل")) or (word[:1] in "وفبك" and word[1:3] == "ال")


def _ar_stops(word: str, lex: Lexicon, stoplist: bool = False) -> bool:
    """Whether `word` cannot be part of a name: a function word, verb, title, place-like."""
    return (
        word in lex.function
        or word in lex.time
        or bool(lex.kinds(word) & (TITLE | ORG | VERB))
        or (word[:1] in "وف" and word[1:] in lex.function)
        or (len(word) >= 5 and word.endswith("يا"))  # adverbs (هاتفيا) and countries (تركيا)
        or bool(_AR_VERB.match(word))
        or (stoplist and (word in lex.stop or _ar_is_definite(word)))
    )


def _ar_common(word: str, lex: Lexicon) -> bool:
    """In the stoplist, also as an accusative (سؤالا)."""
    return word in lex.stop or (word.endswith("ا") and word[:-1] in lex.stop)


def _ar_surname(toks: list[ArToken], j: int, run: list[int], lex: Lexicon) -> bool:
    """Whether the definite word `j` continues a name: a surname (فايز السراج) ends it,
    or a middle name (محمد المهدي بنسعيد) is followed by another name word; an object
    after the name is neither (ميشيل أوسلو الصور الأولى)."""
    word = toks[j].norm
    if not run or word.endswith(_AR_PLURAL) or _ar_common(toks[j].surface, lex):
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or not nxt.joined or _ar_stops(nxt.norm, lex) or nxt.norm[0] in "وف":
        return True
    return not _ar_is_definite(nxt.norm) and _ar_name(nxt, lex, allow_stop=True)


def _ar_name(tok: ArToken, lex: Lexicon, allow_stop: bool = False) -> bool:
    word = tok.norm
    return (
        len(word) > 2
        and not _ar_is_definite(word)
        and not word.endswith(("ة", "ات"))
        and (allow_stop or tok.surface not in lex.stop)
        and not _ar_stops(word, lex)
    )


# -- Chinese --------------------------------------------------------------------------------


def chinese_mentions(text: str) -> list[Mention]:
    found: dict[str, str] = {}  # surname or short name -> the full name first seen
    taken: list[tuple[int, int]] = []
    for match in _ZH_DOTTED.finditer(text):
        full = match.group().lstrip(_ZH_PARTICLES)  # 会见了弗拉基米尔·普京
        found.setdefault(full.split("·")[-1], full)
        taken.append(match.span())
    for match in _ZH_TITLED.finditer(text):
        if not any(a <= match.start(1) < b for a, b in taken):
            found.setdefault(match.group(1).split("·")[-1], match.group(1))
    out: list[Mention] = []
    for short, full in found.items():
        key = person_key([full], "zh")
        out.extend((key, "person", full) for _ in range(max(1, text.count(short))))
    for match in _ZH_ORG.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 6 and text[start - 1] not in _ZH_BOUNDARY:
            start -= 1
        if match.end() - start >= 3:
            out.append((text[start : match.end()], "org", text[start : match.end()]))
    return out
