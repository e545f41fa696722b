"""The printable handout of a guide: one self-contained HTML page a resident takes home.

Self-contained (inline CSS, no scripts, no external files) so it can be saved, mailed
or printed on any desk computer, and accessible on its own: landmarks, one h1, a lang
attribute, sufficient contrast, all guide text escaped. Large type and room to write
under each step, because many residents who come to the desk read with difficulty and
take notes by hand. This module reads the guide's light Markdown into plain values
(paragraphs, lists, bold runs, links); ``html_templates/handout.html`` formats them.

Two layouts. The compact one (the default) fits a standard guide on two A4 pages: a
handout of seven pages costs paper and frightens the reader off. The full one keeps
room to write under every step. Both carry the desk's details from the settings (so the
resident knows where to come back), the date in words, the steps done at the desk
with where to continue, and the sources by name rather than by address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from helpdesk.checklist import date_in_words, desk_details
from helpdesk.clock import local_today
from helpdesk.guides.library import Guide, Step
from helpdesk.guides.sources import sources
from helpdesk.i18n import CATALOG, t
from helpdesk.settings import Settings
from inclusiedesk.html import GUIDE_SCHEMES, render, safe_href
from inclusiedesk.i18n import LANGUAGES, format_date

COMPACT = "compact"
FULL = "full"
LAYOUTS = (COMPACT, FULL)
NOTE_LINES = 3  # ruled lines to write on under each step (full layout)
COMPACT_NOTE_LINES = 3  # ruled lines at the end of the compact layout
MAX_STEP_DIGITS = 3  # '--done 99999999999999999999' is out of range, not a huge int

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+(.*)$")


@dataclass(frozen=True)
class Span:
    """A run of guide text: ``kind`` is 'text', 'strong' or 'link'.

    A link shows ``text`` and, when it differs from the address, ``url`` after it: a
    link cannot be clicked on paper.
    """

    kind: str
    text: str
    href: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph ('p': one span list per line) or a list ('ul'/'ol': one per item)."""

    kind: str
    lines: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class Note:
    """A warning, tip or check under a step; ``kind`` is also its CSS class."""

    kind: str
    label: str
    blocks: tuple[Block, ...]


def _plain(text: str) -> list[Span]:
    """Text outside links: **bold** runs and plain runs."""
    spans: list[Span] = []
    pos = 0
    for match in _BOLD.finditer(text):
        spans.append(Span("text", text[pos : match.start()]))
        spans.append(Span("strong", match.group(1)))
        pos = match.end()
    spans.append(Span("text", text[pos:]))
    return [s for s in spans if s.text]


def inline(text: str) -> tuple[Span, ...]:
    """One line of guide text as runs: [text](url) links (safe schemes only) and **bold**."""
    out: list[Span] = []
    pos = 0
    for match in _LINK.finditer(text):
        out += _plain(text[pos : match.start()])
        label, url = match.group(1), match.group(2)
        href = safe_href(url, GUIDE_SCHEMES)
        if href is None:
            out.append(Span("text", label))
        elif label.strip() != url:
            out.append(Span("link", label, href, url))
        else:
            out.append(Span("link", url, href))
        pos = match.end()
    out += _plain(text[pos:])
    return tuple(out)


def blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs and simple lists of a step's Markdown text."""
    out: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        items = [_LIST_ITEM.match(line) for line in lines]
        if all(items):
            kind = "ol" if items[0] and items[0].group(1)[0].isdigit() else "ul"
            out.append(Block(kind, tuple(inline(m.group(2)) for m in items if m)))
        else:
            out.append(Block("p", tuple(inline(line) for line in lines)))
    return tuple(out)


class DoneStepsError(ValueError):
    """Raised by `parse_done` for anything but step numbers of the guide."""


def parse_done(text: str, total: int) -> frozenset[int]:
    """'1,2' -> {1, 2}: the steps done at the desk, each from 1 to ``total``.

    An empty text means none. The error names no value: the caller words the valid range.
    """
    if not text.strip():
        return frozenset()
    done: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not (part.isascii() and part.isdigit() and len(part) <= MAX_STEP_DIGITS):
            raise DoneStepsError("not a step number")
        if not 1 <= int(part) <= total:
            raise DoneStepsError("step number out of range")
        done.add(int(part))
    return frozenset(done)


def next_step(done: Collection[int], total: int) -> int | None:
    """The first step not done: where the resident goes on at home (None: all done)."""
    return next((n for n in range(1, total + 1) if n not in done), None)


def _in_words(numbers: list[int], lang: str) -> str:
    """[1, 2, 4] -> '1, 2 en 4' / '1, 2 and 4'."""
    words = [str(n) for n in numbers]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('handout_print.and', lang)} {words[-1]}"


def _progress(done: frozenset[int], total: int, lang: str) -> tuple[str, str] | None:
    """('Aan de balie gedaan: stap 1 en 2.', 'Ga verder bij stap 3.'), or None if none done."""
    if not done:
        return None
    numbers = sorted(done)
    said = t("handout_print.done_steps", lang, n=len(numbers), steps=_in_words(numbers, lang))
    after = next_step(done, total)
    if after is None:
        return said, t("handout_print.all_done", lang)
    return said, t("handout_print.continue_at", lang, n=after)


def _step(
    step: Step, total: int, lang: str, done: frozenset[int], after: int | None
) -> dict[str, object]:
    notes = (
        Note(kind, t(f"handout.{kind}", lang), blocks(text))
        for kind, text in (("warning", step.warning), ("tip", step.tip), ("check", step.check))
        if text
    )
    return {
        "id": f"stap-{step.number}",
        "counter": t("handout.step", lang, n=step.number, total=total),
        "title": step.title,
        "blocks": blocks(step.text),
        "notes": tuple(notes),
        "notes_label": t("handout.notes", lang, n=step.number),
        "done": step.number in done,
        # 'Hier gaat u verder' only when the desk did some steps: otherwise it is step 1
        "next": bool(done) and step.number == after,
    }


def if_it_fails(guide: Guide) -> tuple[tuple[Block, ...], ...]:
    """The guide's 'Als het niet lukt' items, when the guide has them (``if_it_fails``).

    Read with getattr: guides gained that section later, and a handout must print from
    any guide the library gives.
    """
    items = getattr(guide, "if_it_fails", ()) or ()
    return tuple(blocks(item) for item in items if item and item.strip())


def render_handout(
    guide: Guide,
    lang: str | None = None,
    *,
    layout: str = COMPACT,
    done: Collection[int] = (),
    desk: Settings | None = None,
    day: dt.date | None = None,
) -> str:
    """The guide as a complete HTML document; labels in ``lang`` (default: the guide's).

    ``done``: steps ticked at the desk (numbers outside the guide are ignored); ``desk``:
    the settings whose desk details are printed; ``day``: the date printed (today).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown handout layout; valid: {', '.join(LAYOUTS)}")
    lang = lang if lang in LANGUAGES else guide.lang
    labels = CATALOG.words("handout", lang) | CATALOG.words("handout_print", lang)
    total = len(guide.steps)
    finished = frozenset(n for n in done if 1 <= n <= total)
    after = next_step(finished, total)
    compact = layout == COMPACT
    return render(
        "helpdesk",
        "html_templates",
        "handout.html",
        lang=guide.lang,
        title=f"{guide.title} – {labels['title_suffix']}",
        compact=compact,
        # The page is in the guide's language; labels in another language are marked.
        label_lang=lang if lang != guide.lang else None,
        labels=labels,
        guide_title=guide.title,
        summary=inline(guide.summary),
        audience=inline(guide.audience),
        given_on=t("handout_print.given_on", lang, date=date_in_words(day or local_today(), lang)),
        desk=desk_details(desk or Settings(), lang),
        progress=_progress(finished, total, lang),
        bring=tuple(inline(item) for item in guide.bring),
        steps=tuple(_step(step, total, lang, finished, after) for step in guide.steps),
        if_it_fails=if_it_fails(guide),
        note_lines=COMPACT_NOTE_LINES if compact else NOTE_LINES,
        sources=sources(guide.sources, lang, unique=compact),
        reviewed=format_date(guide.last_reviewed, lang),
    )
