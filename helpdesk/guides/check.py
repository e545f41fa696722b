"""``helpdesk guides check``: every rule a guide must meet before staff rely on it.

Structural rules (front matter, step numbering) come from `helpdesk.guides.library.read_guide`;
this module adds the rules that need more than one file or outside data: the file name,
the taxonomy codes, links, review dates, duplicates and readability. Errors make the
guide unusable or wrong; warnings (stale, hard to read, long sentences) ask a writer to
look but never block the desk.

Readability and the B1 threshold
--------------------------------
Dutch text is scored with Flesch-Douma, Douma's 1960 adaptation of Flesch reading ease
to Dutch's longer words::

    206.84 - 0.77 * (syllables per 100 words) - 0.93 * (words per sentence)

English text uses Flesch reading ease::

    206.835 - 1.015 * (words per sentence) - 84.6 * (syllables per word)

Both run from about 0 (academic prose) to 100 (very easy). We warn below 60 in both
languages. On Douma's scale 60-70 is "normal" text, as read by an average adult; B1
("eenvoudig Nederlands", the level of about 80 % of Dutch adults and the level the
government's own plain-language guidance aims at) sits at or above that band, and text
in the 45-60 band ("vrij moeilijk") is what B1 readers start to drop out of. For English,
60-70 is "plain English" (readable by 13-15 year olds), the usual plain-language target.
The score is counted over the whole guide (summary, audience, instructions, tips,
warnings, checks) because two-sentence steps give noisy scores; the warning points at the
hardest step. Sentences over `LONG_SENTENCE_WORDS` words get their own warning, since B1
guidance asks for short sentences whatever the average.

Syllables are counted with pyphen's Dutch hyphenation dictionary (hyphenation points match
Dutch syllables closely) and with a vowel-group rule for English, where hyphenation points
do not (``fill`` has none, ``apply`` one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pyphen

from helpdesk.guides.library import (
    IF_IT_FAILS_HEADINGS,
    LANGS,
    REQUIRED_KEYS,
    Guide,
    GuideSource,
    guide_files,
    plain_text,
    read_guide,
    steps_named,
)
from helpdesk.i18n import t
from helpdesk.taxonomy import Taxonomy, taxonomy

ERROR = "error"
WARNING = "warning"

READABILITY_MIN = {"nl": 60.0, "en": 60.0}  # see the module docstring
LONG_SENTENCE_WORDS = 25
STALE_AFTER_YEARS = 1  # last_reviewed older than this is reported as stale


@dataclass(frozen=True)
class Problem:
    """One finding: where, how bad, what (in the asked language) and which rule."""

    path: Path
    line: int
    severity: str  # ERROR or WARNING
    message: str
    rule: str = ""

    def format(self, lang: str = "nl") -> str:
        label = t(f"guide_check.severity.{self.severity}", "nl" if lang == "nl" else "en")
        return f"{self.path}:{self.line}: {label}: {self.message}"


def _text(rule: str, lang: str, **params: object) -> str:
    """The message of a rule this module adds (``guide_check.*``); English unless nl."""
    return t(f"guide_check.{rule}", "nl" if lang == "nl" else "en", **params)


def check_guides(
    paths: Iterable[Path],
    *,
    lang: str = "nl",
    today: dt.date | None = None,
    codes: Taxonomy | None = None,
) -> list[Problem]:
    """Check every guide file under the given folders (or the given files), sorted by place.

    A guide with the same (id, lang) in two different folders is an override, not a
    duplicate; twice in one folder is an error.
    """
    today = today or dt.date.today()
    codes = codes or taxonomy()
    problems: list[Problem] = []
    effective: dict[tuple[str, str], GuideSource] = {}  # what the desk will serve
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else guide_files(root)
        seen: dict[tuple[str, str], Path] = {}
        for path in files:
            source = read_guide(path)
            problems.extend(
                Problem(e.path, e.line, ERROR, e.text(lang), e.rule) for e in source.errors
            )
            problems.extend(_check_source(source, lang, today, codes))
            guide = source.guide
            if guide is None:
                continue
            if guide.key in seen:
                line = source.key_lines.get("id", 1)
                msg = _text(
                    "duplicate-guide",
                    lang,
                    id=guide.id,
                    guide_lang=guide.lang,
                    other=seen[guide.key],
                )
                problems.append(Problem(path, line, ERROR, msg, "duplicate-guide"))
            else:
                seen[guide.key] = path
                effective[guide.key] = source
    problems.extend(_check_translations(effective, lang))
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.severity, p.rule))


def _check_translations(sources: dict[tuple[str, str], GuideSource], lang: str) -> list[Problem]:
    """Both language versions of a guide must line up: staff may switch language halfway
    ('Stap 3 van 8' must be the same step) and browsing by code must find both."""
    out: list[Problem] = []
    for (guide_id, guide_lang), source in sorted(sources.items()):
        other = sources.get((guide_id, LANGS[0]))
        if guide_lang == LANGS[0] or other is None:
            continue
        guide, base = source.guide, other.guide
        assert guide is not None and base is not None  # only parsed guides are collected
        if len(guide.steps) != len(base.steps):
            out.append(
                Problem(
                    source.path,
                    guide.steps[-1].line if guide.steps else 1,
                    WARNING,
                    _text(
                        "translation-steps",
                        lang,
                        steps=len(guide.steps),
                        other=len(base.steps),
                        path=base.path,
                    ),
                    "translation-steps",
                )
            )
        for key in ("subjects", "organisations"):
            if set(getattr(guide, key)) != set(getattr(base, key)):
                out.append(
                    Problem(
                        source.path,
                        source.key_lines.get(key, 1),
                        WARNING,
                        _text("translation-codes", lang, key=key, path=base.path),
                        "translation-codes",
                    )
                )
    return out


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def _check_source(source: GuideSource, lang: str, today: dt.date, codes: Taxonomy) -> list[Problem]:
    path, data, lines = source.path, source.front_matter, source.key_lines
    out: list[Problem] = []

    def add(severity: str, line: int, rule: str, **params: object) -> None:
        out.append(Problem(path, line, severity, _text(rule, lang, **params), rule))

    for key in data:
        if key not in REQUIRED_KEYS:
            add(WARNING, lines.get(str(key), source.front_start), "unknown-key", key=key)
    for key, kind, rule in (
        ("subjects", "subject", "unknown-subject"),
        ("organisations", "organisation", "unknown-organisation"),
    ):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        item_lines = source.item_lines.get(key, ())
        valid = codes.valid_codes(kind)
        for n, code in enumerate(items):
            if isinstance(code, str) and code.strip() not in valid:
                line = item_lines[n] if n < len(item_lines) else lines.get(key, 1)
                add(ERROR, line, rule, code=code, valid=", ".join(valid))
    sources = data.get("sources")
    if isinstance(sources, list):
        item_lines = source.item_lines.get("sources", ())
        for n, url in enumerate(sources):
            if isinstance(url, str) and not is_https_url(url.strip()):
                line = item_lines[n] if n < len(item_lines) else lines.get("sources", 1)
                add(ERROR, line, "bad-source", url=url)
    out.extend(_check_links(source, lang))

    guide = source.guide
    if guide is None:
        return out
    if guide.id != path.stem:
        add(ERROR, lines.get("id", 1), "id-filename", id=guide.id, expected=path.stem)
    folder = path.parent.name
    if folder in LANGS and folder != guide.lang:
        add(ERROR, lines.get("lang", 1), "lang-folder", guide_lang=guide.lang, folder=folder)
    review_line = lines.get("last_reviewed", 1)
    if guide.last_reviewed < _years_before(today, STALE_AFTER_YEARS):
        add(WARNING, review_line, "stale", date=guide.last_reviewed.isoformat())
    elif guide.last_reviewed > today:
        add(WARNING, review_line, "future-review", date=guide.last_reviewed.isoformat())
    out.extend(_check_if_it_fails(source, guide, lang))
    out.extend(_check_readability(source, guide, lang))
    return out


# --- 'Als het niet lukt' -------------------------------------------------------------------

# A step's own tip that says what to do when the step fails.
WAY_OUT_TIP = {
    "nl": re.compile(r"\blukt\s+(?:het|dit|dat)\s+niet\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:does|did|do)\s+not\s+work\b|\bdoesn't\s+work\b", re.IGNORECASE),
}
WAY_OUT_TIP_EXAMPLE = {"nl": "Lukt het niet?", "en": "If it does not work"}


def has_way_out(guide: Guide, number: int) -> bool:
    """A step has a way out when an 'Als het niet lukt' item names it, or its own tip
    says what to do when it fails ('Lukt het niet? ...')."""
    if any(number in steps_named(item) for item in guide.if_it_fails):
        return True
    step = next((s for s in guide.steps if s.number == number), None)
    pattern = WAY_OUT_TIP.get(guide.lang, WAY_OUT_TIP["en"])
    return bool(step and step.tip and pattern.search(step.tip))


def _check_if_it_fails(source: GuideSource, guide: Guide, lang: str) -> list[Problem]:
    """Every guide says what to do when it goes wrong, under its own language's heading;
    a step with a check ('Controle') is where residents get stuck, so it needs a way out."""
    out: list[Problem] = []
    heading = IF_IT_FAILS_HEADINGS.get(guide.lang, IF_IT_FAILS_HEADINGS["en"])

    def add(severity: str, line: int, rule: str, **params: object) -> None:
        out.append(Problem(source.path, line, severity, _text(rule, lang, **params), rule))

    if not source.if_it_fails_line:
        last = guide.steps[-1].line if guide.steps else source.body_start
        add(ERROR, last, "no-if-it-fails", heading=heading)
        return out
    if source.if_it_fails_heading.casefold() != heading.casefold():
        add(
            ERROR,
            source.if_it_fails_line,
            "if-it-fails-language",
            found=source.if_it_fails_heading,
            guide_lang=guide.lang,
            heading=heading,
        )
    example = WAY_OUT_TIP_EXAMPLE.get(guide.lang, WAY_OUT_TIP_EXAMPLE["en"])
    for step in guide.steps:
        if step.check and not has_way_out(guide, step.number):
            add(WARNING, step.line, "no-way-out", number=step.number, heading=heading, tip=example)
    return out


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def is_https_url(url: str) -> bool:
    """An absolute https URL with a dotted host and no spaces: what a source must be."""
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    host = parts.hostname or ""
    labels = host.split(".")
    return (
        parts.scheme == "https"
        and port_ok
        and len(labels) >= 2
        and all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", label) for label in labels)
    )


MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
BROKEN_LINK = re.compile(r"\]\s+\(\s*https?:|\]\([^)]*$|\[[^\]]*\]\(\s*\)")


def _check_links(source: GuideSource, lang: str) -> list[Problem]:
    """Markdown links in the body: https only (mailto: and tel: allowed), properly closed."""
    out: list[Problem] = []
    for n, line in enumerate(source.lines[source.body_start - 1 :], source.body_start):
        for match in MD_LINK.finditer(line):
            url = match.group(2).strip()
            if url.startswith(("mailto:", "tel:")) and len(url) > len("mailto:"):
                continue
            if not is_https_url(url):
                msg = _text("bad-link", lang, url=url)
                out.append(Problem(source.path, n, ERROR, msg, "bad-link"))
        if BROKEN_LINK.search(MD_LINK.sub("", line)):
            msg = _text("broken-link", lang)
            out.append(Problem(source.path, n, ERROR, msg, "broken-link"))
    return out


# --- readability -------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|[.!?]+$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )


def sentences(text: str) -> list[str]:
    """Sentences of a text; each line of a list and each paragraph ends a sentence too."""
    out: list[str] = []
    for line in plain_text(text).splitlines():
        line = LIST_MARKER.sub("", line).strip()
        out.extend(s.strip() for s in SENTENCE_END.split(line) if s and s.strip())
    return [s for s in out if WORD.search(s)]


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def syllables(word: str, lang: str) -> int:
    """Syllables of one word: Dutch hyphenation points, English vowel groups."""
    word = word.lower()
    if lang == "nl":
        return max(1, len(_hyphenator().positions(word)) + 1)
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    silent_e = word.endswith("e") and not word.endswith(("le", "ee"))
    silent_ending = word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses"))
    if count > 1 and (silent_e or silent_ending):
        count -= 1
    return max(1, count)


def counts(text: str, lang: str) -> Counts:
    total = Counts()
    for sentence in sentences(text):
        words = WORD.findall(sentence)
        total += Counts(len(words), 1, sum(syllables(w, lang) for w in words))
    return total


def reading_ease(c: Counts, lang: str) -> float:
    """Flesch-Douma for Dutch, Flesch reading ease for English (higher is easier)."""
    if not c.words or not c.sentences:
        return 100.0
    per_sentence = c.words / c.sentences
    if lang == "nl":
        return 206.84 - 0.77 * (100 * c.syllables / c.words) - 0.93 * per_sentence
    return 206.835 - 1.015 * per_sentence - 84.6 * (c.syllables / c.words)


def guide_readability(guide: Guide) -> tuple[float, dict[int, float]]:
    """The whole guide's score and each step's score, by step number."""
    lang = guide.lang
    total = counts(guide.summary, lang) + counts(guide.audience, lang)
    per_step: dict[int, float] = {}
    for step in guide.steps:
        parts = [step.text, step.tip or "", step.warning or "", step.check or ""]
        c = Counts()
        for part in parts:
            c += counts(part, lang)
        per_step[step.number] = reading_ease(c, lang)
        total += c
    for item in guide.if_it_fails:  # read at home on paper: as easy as the steps
        total += counts(item, lang)
    return reading_ease(total, lang), per_step


def _check_readability(source: GuideSource, guide: Guide, lang: str) -> list[Problem]:
    out: list[Problem] = []
    score, per_step = guide_readability(guide)
    minimum = READABILITY_MIN[guide.lang]
    if score < minimum and per_step:
        hardest = min(guide.steps, key=lambda s: per_step[s.number])
        formula = "Flesch-Douma" if guide.lang == "nl" else "Flesch reading ease"
        msg = _text(
            "hard-to-read",
            lang,
            formula=formula,
            score=score,
            minimum=minimum,
            step=hardest.number,
            step_score=per_step[hardest.number],
        )
        out.append(Problem(source.path, hardest.line, WARNING, msg, "hard-to-read"))
    summary_line = source.key_lines.get("summary")
    body = enumerate(source.lines[source.body_start - 1 :], source.body_start)
    numbered = [(summary_line, guide.summary)] if summary_line else []
    numbered += [(n, line.lstrip("> ")) for n, line in body if not line.startswith("#")]
    for n, line in numbered:
        for sentence in sentences(line):
            words = len(WORD.findall(sentence))
            if words > LONG_SENTENCE_WORDS:
                msg = _text("long-sentence", lang, words=words, limit=LONG_SENTENCE_WORDS)
                out.append(Problem(source.path, n, WARNING, msg, "long-sentence"))
    return out
