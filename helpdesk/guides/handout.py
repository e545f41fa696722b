"""The printable handout of a guide: one self-contained HTML page a resident takes home.

Self-contained (inline CSS, no scripts, no external files) so it can be saved, mailed
or printed on any desk computer, and accessible on its own: landmarks, one h1, a lang
attribute, sufficient contrast, all guide text escaped. Large type and room to write
under each step, because many residents who come to the desk read with difficulty and
take notes by hand. This module reads the guide's light Markdown into plain values
(paragraphs, lists, bold runs, links); ``html_templates/handout.html`` formats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpdesk.guides.library import Guide, Step
from helpdesk.i18n import CATALOG, t
from inclusiedesk.html import GUIDE_SCHEMES, render, safe_href
from inclusiedesk.i18n import LANGUAGES, format_date

NOTE_LINES = 3  # ruled lines to write on under each step

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


def _step(step: Step, total: int, lang: str) -> dict[str, object]:
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
    }


def render_handout(guide: Guide, lang: str | None = None) -> str:
    """The guide as a complete HTML document; labels in ``lang`` (default: the guide's)."""
    lang = lang if lang in LANGUAGES else guide.lang
    labels = CATALOG.words("handout", lang)
    total = len(guide.steps)
    return render(
        "helpdesk",
        "html_templates",
        "handout.html",
        lang=guide.lang,
        title=f"{guide.title} – {labels['title_suffix']}",
        # The page is in the guide's language; labels in another language are marked.
        label_lang=lang if lang != guide.lang else None,
        labels=labels,
        guide_title=guide.title,
        summary=inline(guide.summary),
        audience=inline(guide.audience),
        bring=tuple(inline(item) for item in guide.bring),
        steps=tuple(_step(step, total, lang) for step in guide.steps),
        note_lines=NOTE_LINES,
        sources=tuple((url, safe_href(url, GUIDE_SCHEMES)) for url in guide.sources),
        reviewed=format_date(guide.last_reviewed, lang),
    )
