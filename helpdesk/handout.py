"""The printable handout of a guide: one self-contained HTML page a resident takes home.

Self-contained (inline CSS, no scripts, no external files) so it can be saved, mailed
or printed on any desk computer, and accessible on its own: landmarks, one h1, a lang
attribute, sufficient contrast, all guide text escaped. Large type and room to write
under each step, because many residents who come to the desk read with difficulty and
take notes by hand.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from helpdesk.guides import Guide, Step
from helpdesk.html_page import format_date, page

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "kind": "Stappenplan",
        "audience": "Voor wie",
        "bring": "Wat neemt u mee?",
        "steps": "De stappen",
        "step": "Stap {n} van {total}",
        "tip": "Tip",
        "warning": "Let op",
        "check": "Controle",
        "notes": "Ruimte voor aantekeningen bij stap {n}",
        "sources": "Bronnen",
        "sources_intro": "Deze stappen zijn gecontroleerd op:",
        "reviewed": "Laatst gecontroleerd op",
        "title_suffix": "stappenplan",
    },
    "en": {
        "kind": "Step-by-step guide",
        "audience": "Who this is for",
        "bring": "What to bring",
        "steps": "The steps",
        "step": "Step {n} of {total}",
        "tip": "Tip",
        "warning": "Warning",
        "check": "Check",
        "notes": "Space for notes on step {n}",
        "sources": "Sources",
        "sources_intro": "These steps were checked against:",
        "reviewed": "Last reviewed on",
        "title_suffix": "step-by-step guide",
    },
}

NOTE_LINES = 3  # ruled lines to write on under each step

# Colours chosen for contrast of at least 7:1 (text) on their backgrounds, and borders
# that stay visible in black-and-white print.
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; font-family: Verdana, "DejaVu Sans",
  Arial, sans-serif; font-size: 1.25rem; line-height: 1.6; color: #111; background: #fff; }
h1 { font-size: 2.1rem; line-height: 1.25; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.6rem; margin: 2rem 0 0.8rem; border-bottom: 3px solid #111; }
h3 { font-size: 1.4rem; margin: 0 0 0.6rem; }
a { color: #0b3d91; text-decoration: underline; overflow-wrap: anywhere; }
.kind { font-weight: bold; margin: 0; color: #333; }
.summary { font-size: 1.35rem; }
.checklist { list-style: none; padding: 0; }
.checklist li { position: relative; padding-left: 2.6rem; margin: 0.6rem 0; }
.checklist li::before { content: ""; position: absolute; left: 0; top: 0.2rem;
  width: 1.5rem; height: 1.5rem; border: 3px solid #111; background: #fff; }
.steps { list-style: none; padding: 0; margin: 0; }
.step { border: 2px solid #555; border-radius: 6px; padding: 1rem 1.2rem; margin: 0 0 1.5rem;
  break-inside: avoid; page-break-inside: avoid; }
.note { margin: 0.8rem 0; padding: 0.6rem 0.9rem; border-left: 8px solid #444;
  background: #f2f2f2; }
.note p { margin: 0.3rem 0; }
.note-label { font-weight: bold; }
.tip { border-left-color: #1f5f2b; background: #eef6ee; }
.warning { border: 3px solid #8a1010; border-left-width: 12px; background: #fdeeee; }
.warning .note-label { color: #8a1010; text-transform: uppercase; letter-spacing: 0.03em; }
.check { border-left-color: #0b3d91; background: #eef2fa; }
.notes-label { margin: 1rem 0 0; font-size: 1rem; color: #333; }
.write-line { height: 2.2rem; border-bottom: 1px solid #555; }
footer { margin-top: 2rem; font-size: 1.1rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 14pt; }
  h1 { font-size: 22pt; }
  h2 { font-size: 17pt; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 15pt; }
  a { color: #000; }
  .note, .checklist li::before { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .write-line { height: 1.1cm; }
  @page { margin: 1.6cm; }
}
"""

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+(.*)$")
_SAFE_SCHEMES = ("https", "http", "mailto", "tel")


def _safe_href(url: str) -> str | None:
    """Only web, mail and phone links become links; anything else stays text."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return url if scheme in _SAFE_SCHEMES else None


def inline(text: str) -> str:
    """Escape guide text, then turn [text](url) and **bold** into HTML."""
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append(_BOLD.sub(r"<strong>\1</strong>", escape(text[pos : match.start()])))
        label, url = match.group(1), match.group(2)
        href = _safe_href(url)
        if href is None:
            out.append(escape(label))
        else:
            # The address is printed too: a link cannot be clicked on paper.
            out.append(
                f'<a href="{escape(href)}">{escape(label)}</a> ({escape(url)})'
                if label.strip() != url
                else f'<a href="{escape(href)}">{escape(url)}</a>'
            )
        pos = match.end()
    out.append(_BOLD.sub(r"<strong>\1</strong>", escape(text[pos:])))
    return "".join(out)


def blocks(text: str) -> str:
    """Paragraphs and simple lists of a step's Markdown text as HTML."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        items = [_LIST_ITEM.match(line) for line in lines]
        if all(items):
            tag = "ol" if items[0] and items[0].group(1)[0].isdigit() else "ul"
            li = "".join(f"<li>{inline(m.group(2))}</li>" for m in items if m)
            html.append(f"<{tag}>{li}</{tag}>")
        else:
            html.append("<p>" + "<br>\n".join(inline(line) for line in lines) + "</p>")
    return "\n".join(html)


def _note(kind: str, text: str | None, labels: dict[str, str], label_lang: str) -> str:
    if not text:
        return ""
    body = blocks(text)
    label = f'<span class="note-label"{label_lang}>{escape(labels[kind])}:</span> '
    # Put the label inside the first paragraph so it reads as one sentence.
    body = body.replace("<p>", f"<p>{label}", 1) if body.startswith("<p>") else label + body
    return f'<div class="note {kind}">{body}</div>'


def _step(step: Step, total: int, labels: dict[str, str], label_lang: str) -> str:
    heading_id = f"stap-{step.number}"
    counter = escape(labels["step"].format(n=step.number, total=total))
    counter = f"<span{label_lang}>{counter}</span>" if label_lang else counter
    lines = "".join('<div class="write-line"></div>' for _ in range(NOTE_LINES))
    return (
        '<li class="step">'
        f'<h3 id="{heading_id}">{counter}: {escape(step.title)}</h3>\n'
        f"{blocks(step.text)}\n"
        f"{_note('warning', step.warning, labels, label_lang)}"
        f"{_note('tip', step.tip, labels, label_lang)}"
        f"{_note('check', step.check, labels, label_lang)}"
        f'<p class="notes-label"{label_lang}>{escape(labels["notes"].format(n=step.number))}</p>'
        f'<div class="write-lines" aria-hidden="true">{lines}</div>'
        "</li>"
    )


def render_handout(guide: Guide, lang: str | None = None) -> str:
    """The guide as a complete HTML document; labels in ``lang`` (default: the guide's)."""
    lang = lang if lang in LABELS else guide.lang
    labels = LABELS[lang]
    total = len(guide.steps)
    # The page is in the guide's language; labels in another language are marked as such.
    label_lang = f' lang="{lang}"' if lang != guide.lang else ""

    bring = ""
    if guide.bring:
        items = "".join(f"<li>{inline(item)}</li>" for item in guide.bring)
        bring = (
            '<section aria-labelledby="bring">'
            f'<h2 id="bring"{label_lang}>{escape(labels["bring"])}</h2>'
            f'<ul class="checklist">{items}</ul></section>'
        )
    steps = "\n".join(_step(step, total, labels, label_lang) for step in guide.steps)
    sources = "".join(
        f'<li><a href="{escape(url)}">{escape(url)}</a></li>'
        if _safe_href(url)
        else f"<li>{escape(url)}</li>"
        for url in guide.sources
    )
    reviewed = format_date(guide.last_reviewed, lang)
    body = f"""<header>
<p class="kind"{label_lang}>{escape(labels["kind"])}</p>
<h1>{escape(guide.title)}</h1>
<p class="summary">{inline(guide.summary)}</p>
<p><strong{label_lang}>{escape(labels["audience"])}:</strong> {inline(guide.audience)}</p>
</header>
<main>
{bring}
<section aria-labelledby="steps">
<h2 id="steps"{label_lang}>{escape(labels["steps"])}</h2>
<ol class="steps">
{steps}
</ol>
</section>
</main>
<footer>
<h2 id="sources"{label_lang}>{escape(labels["sources"])}</h2>
<p{label_lang}>{escape(labels["sources_intro"])}</p>
<ul>{sources}</ul>
<p><span{label_lang}>{escape(labels["reviewed"])}</span> {escape(reviewed)}.</p>
</footer>"""
    title = f"{guide.title} – {labels['title_suffix']}"
    return page(lang=guide.lang, title=title, css=STYLE, body=body)
