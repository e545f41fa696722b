"""Step-by-step guides: the model, the file parser and the loader.

A guide is a Markdown file ``guides/<lang>/<id>.md`` with a YAML front-matter block and
a body of ``## Stap N: titel`` sections, closed by an ``## Als het niet lukt`` section
(``## If it does not work`` in English) of what commonly goes wrong and what to do then.
Writers edit these files by hand, so the parser
never stops at the first mistake: `read_guide` collects every structural problem with its
line number (for ``helpdesk guides check``), while `parse_guide` is the strict entry point
the app uses and raises the first one as a `GuideError`.

Messages are rules with parameters (``guide_rule.*`` in ``helpdesk/messages.toml``) so
that the same problem can be shown in Dutch at the desk and in English in logs and tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from helpdesk import settings
from helpdesk.i18n import t
from inclusiedesk import paths


def message(rule: str, lang: str = "en", **params: Any) -> str:
    """The text of a rule in Dutch (``nl``) or English (any other language)."""
    return t(f"guide_rule.{rule}", "nl" if lang == "nl" else "en", **params)


class GuideError(Exception):
    """Raised by `parse_guide` and `load_guides` when a file cannot be read as a guide."""

    def __init__(
        self,
        path: Path,
        line: int,
        message_text: str,
        rule: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message_text
        self.rule = rule
        self.params = dict(params or {})
        super().__init__(f"{self.path}:{line}: {message_text}")

    @classmethod
    def of(cls, path: Path, line: int, rule: str, **params: Any) -> GuideError:
        return cls(path, line, message(rule, "en", **params), rule, params)

    def text(self, lang: str = "nl") -> str:
        """The message in the desk's language (the exception text itself is English)."""
        return message(self.rule, lang, **self.params) if self.rule else self.message


class GuideNotFound(LookupError):
    """Raised by `get_guide` when no guide has the id in either language."""


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    text: str  # the instruction: Markdown paragraphs separated by blank lines
    tip: str | None = None
    warning: str | None = None
    check: str | None = None  # what the resident should see after this step
    line: int = 0  # line of the step heading, for messages


@dataclass(frozen=True)
class Guide:
    id: str
    lang: str
    title: str
    subjects: tuple[str, ...]
    organisations: tuple[str, ...]
    summary: str
    bring: tuple[str, ...]
    audience: str
    sources: tuple[str, ...]
    last_reviewed: dt.date
    steps: tuple[Step, ...]
    path: Path
    # 'Als het niet lukt': one paragraph per item, what goes wrong at which step and what
    # to do then. Kept out of `steps` so a step count, 'Stap 3 van 8' and the ticked
    # steps never include it; empty for a (local) guide written before the section existed.
    if_it_fails: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.lang)


@dataclass(frozen=True)
class GuideSource:
    """Everything `read_guide` learned from one file, for the checker's extra rules."""

    path: Path
    guide: Guide | None  # None when the front matter is unusable
    errors: tuple[GuideError, ...]
    front_matter: Mapping[str, Any]
    key_lines: Mapping[str, int]  # front-matter key -> line
    item_lines: Mapping[str, tuple[int, ...]]  # list key -> line of each item
    lines: tuple[str, ...]  # the whole file, for line-based checks
    body_start: int  # line number of the first body line
    front_start: int = 1  # line of the opening '---'
    if_it_fails_line: int = 0  # line of the '## Als het niet lukt' heading; 0 when absent
    if_it_fails_heading: str = ""  # that heading's text as written, for the language rule


LANGS = settings.LANGUAGES
REQUIRED_KEYS = (
    "id",
    "title",
    "lang",
    "subjects",
    "organisations",
    "summary",
    "bring",
    "audience",
    "sources",
    "last_reviewed",
)
TEXT_KEYS = ("id", "title", "lang", "summary", "audience")
# Lists that may be empty: not every guide needs an organisation or things to bring.
LIST_KEYS = {"subjects": False, "organisations": True, "bring": True, "sources": False}
LIST_EXAMPLES = {
    "subjects": "digid-apply",
    "organisations": "digid",
    "bring": "Uw paspoort",
    "sources": "https://www.digid.nl",
}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The section after the steps, in either language; `helpdesk guides check` asks each guide
# for the heading of its own language (IF_IT_FAILS_HEADINGS).
IF_IT_FAILS_HEADINGS = {"nl": "Als het niet lukt", "en": "If it does not work"}
IF_IT_FAILS_HEADING = re.compile(
    r"^##\s+(" + "|".join(IF_IT_FAILS_HEADINGS.values()) + r")\s*:?\s*$", re.IGNORECASE
)
# An item may be written as a Markdown list item; the marker is dropped.
ITEM_MARKER = re.compile(r"^[-*+]\s+")
STEP_HEADING = re.compile(r"^##\s+(?:Stap|Step)\s+(\S+?)\s*:\s*(.*)$", re.IGNORECASE)
ANY_HEADING = re.compile(r"^#{1,6}(\s|$)")
# Labels of '>' blocks in both languages; a guide may use either.
NOTE_LABEL = re.compile(
    r"^(tip|let op|waarschuwing|warning|controle|check)\s*:\s*(.*)$", re.IGNORECASE
)
NOTE_KINDS = {
    "tip": "tip",
    "let op": "warning",
    "waarschuwing": "warning",
    "warning": "warning",
    "controle": "check",
    "check": "check",
}


def read_guide(path: Path) -> GuideSource:
    """Read one guide file, collecting every structural problem instead of stopping."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        err = GuideError.of(path, 1, "unreadable", reason=reason)
        return GuideSource(path, None, (err,), {}, {}, {}, (), 1)
    # Only \n, \r\n and \r end a line, as in editors; str.splitlines() would also split
    # on form feeds and Unicode separators and shift every line number after them.
    lines = tuple(re.split(r"\r\n|\n|\r", raw))
    errors: list[GuideError] = []

    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        err = GuideError.of(path, (start or 0) + 1, "no-front-matter")
        return GuideSource(path, None, (err,), {}, {}, {}, lines, 1)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        err = GuideError.of(path, start + 1, "unclosed-front-matter")
        return GuideSource(path, None, (err,), {}, {}, {}, lines, len(lines) + 1, start + 1)

    offset = start + 2  # file line number of the first front-matter line
    front_text = "\n".join(lines[start + 1 : end])
    data, key_lines, item_lines = _load_front_matter(path, front_text, offset, errors)
    body_start = end + 2
    section = _Section()
    steps = _parse_body(path, lines[end + 1 :], body_start, errors, section)
    if data is not None and not steps and not any(e.rule == "text-before-steps" for e in errors):
        errors.append(GuideError.of(path, end + 1, "no-steps"))

    guide = None
    if data is not None:
        guide = _build_guide(path, data, key_lines, start + 1, steps, errors)
    if guide is not None and section.items:
        guide = replace(guide, if_it_fails=tuple(section.items))
    return GuideSource(
        path,
        guide,
        tuple(errors),
        data or {},
        key_lines,
        item_lines,
        lines,
        body_start,
        start + 1,
        section.line,
        section.heading,
    )


def parse_guide(path: Path) -> Guide:
    """Parse one guide file; raise `GuideError` (with the line) for the first problem."""
    source = read_guide(path)
    if source.errors:
        raise source.errors[0]
    assert source.guide is not None  # no errors means the front matter was usable
    return source.guide


def _load_front_matter(
    path: Path, text: str, offset: int, errors: list[GuideError]
) -> tuple[dict[str, Any] | None, dict[str, int], dict[str, tuple[int, ...]]]:
    """YAML through the safe loader; the node tree gives the line of every key and item."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context", None) or ""
        if "flow" in context and getattr(exc, "context_mark", None) is not None:
            # An unclosed [ or { is noticed lines later; point at where it was opened.
            mark = exc.context_mark
        line = offset + mark.line if mark is not None else offset
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        errors.append(GuideError.of(path, line, "bad-yaml", problem=problem))
        return None, {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        errors.append(GuideError.of(path, offset - 1, "front-matter-not-mapping"))
        return None, {}, {}
    key_lines: dict[str, int] = {}
    item_lines: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = offset + key_node.start_mark.line
        if key in key_lines:
            errors.append(GuideError.of(path, line, "duplicate-key", key=key, first=key_lines[key]))
            continue
        key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = tuple(offset + item.start_mark.line for item in value_node.value)
    return data, key_lines, item_lines


def _build_guide(
    path: Path,
    data: dict[str, Any],
    key_lines: Mapping[str, int],
    front_line: int,
    steps: tuple[Step, ...],
    errors: list[GuideError],
) -> Guide | None:
    """Check the schema; return a Guide only when every required key has the right type."""
    before = len(errors)

    def line_of(key: str) -> int:
        return key_lines.get(key, front_line)

    for key in REQUIRED_KEYS:
        if key not in data or data[key] is None:
            errors.append(GuideError.of(path, line_of(key), "missing-key", key=key))
    for key in TEXT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            errors.append(GuideError.of(path, line_of(key), "not-text", key=key))
        elif not value.strip():
            errors.append(GuideError.of(path, line_of(key), "empty-text", key=key))
    for key, may_be_empty in LIST_KEYS.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            errors.append(
                GuideError.of(path, line_of(key), "not-list", key=key, example=LIST_EXAMPLES[key])
            )
        elif not value and not may_be_empty:
            errors.append(GuideError.of(path, line_of(key), "empty-list", key=key))
        elif not all(isinstance(item, str) and item.strip() for item in value):
            errors.append(GuideError.of(path, line_of(key), "not-text-item", key=key))
    guide_id, lang = data.get("id"), data.get("lang")
    if isinstance(guide_id, str) and guide_id and not ID_PATTERN.match(guide_id):
        errors.append(GuideError.of(path, line_of("id"), "bad-id", value=guide_id))
    if isinstance(lang, str) and lang and lang not in LANGS:
        errors.append(GuideError.of(path, line_of("lang"), "bad-lang", value=lang))
    reviewed = _as_date(data.get("last_reviewed"))
    if data.get("last_reviewed") is not None and reviewed is None:
        errors.append(
            GuideError.of(path, line_of("last_reviewed"), "bad-date", key="last_reviewed")
        )
    if len(errors) > before or reviewed is None:
        return None
    return Guide(
        id=data["id"],
        lang=data["lang"],
        title=data["title"].strip(),
        subjects=tuple(s.strip() for s in data["subjects"]),
        organisations=tuple(s.strip() for s in data["organisations"]),
        summary=data["summary"].strip(),
        bring=tuple(s.strip() for s in data["bring"]),
        audience=data["audience"].strip(),
        sources=tuple(s.strip() for s in data["sources"]),
        last_reviewed=reviewed,
        steps=steps,
        path=path,
    )


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass
class _StepDraft:
    number: int
    title: str
    line: int
    text: list[str] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Section:
    """The 'Als het niet lukt' section while the body is read: its heading and items."""

    line: int = 0
    heading: str = ""
    items: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the item being read

    def end_item(self) -> None:
        if self.lines:
            self.items.append("\n".join(self.lines))
            self.lines = []


def _parse_body(
    path: Path,
    body: Iterable[str],
    first_line: int,
    errors: list[GuideError],
    section: _Section | None = None,
) -> tuple[Step, ...]:
    """Split the body into steps; a note ('> Tip: ...') runs until a blank line.

    After the steps may come the 'Als het niet lukt' section (into ``section``): one item
    per paragraph or list item. No step may follow it, so the steps stay one block.
    """
    section = section if section is not None else _Section()
    drafts: list[_StepDraft] = []
    current: _StepDraft | None = None
    note: list[str] | None = None  # the note being continued by further '>' lines
    reported_intro = False
    in_section = False
    for n, line in enumerate(body, first_line):
        stripped = line.strip()
        if in_section and not ANY_HEADING.match(stripped):
            if not stripped:
                section.end_item()
            elif stripped.startswith(">"):
                errors.append(GuideError.of(path, n, "note-in-if-it-fails"))
            elif ITEM_MARKER.match(stripped):
                section.end_item()
                section.lines.append(ITEM_MARKER.sub("", stripped))
            else:
                section.lines.append(stripped)
            continue
        if not stripped:
            note = None
            if current is not None:
                current.text.append("")
            continue
        if ANY_HEADING.match(stripped):
            note = None
            if IF_IT_FAILS_HEADING.match(stripped):
                section.end_item()
                if section.line:
                    errors.append(GuideError.of(path, n, "if-it-fails-twice", first=section.line))
                elif current is None:
                    errors.append(GuideError.of(path, n, "if-it-fails-before-steps"))
                else:
                    section.line = n
                    section.heading = IF_IT_FAILS_HEADING.match(stripped).group(1)
                in_section = True
                current = None
                continue
            if in_section:
                section.end_item()
                in_section = False
                if STEP_HEADING.match(stripped):  # still read as a step: one message only
                    errors.append(GuideError.of(path, n, "step-after-if-it-fails"))
            match = STEP_HEADING.match(stripped)
            if not match:
                errors.append(GuideError.of(path, n, "bad-heading"))
                continue
            raw_number, title = match.groups()
            if not raw_number.isdigit():
                errors.append(GuideError.of(path, n, "bad-step-number", value=raw_number))
                continue
            current = _StepDraft(int(raw_number), title.strip(), n)
            if not current.title:
                errors.append(GuideError.of(path, n, "empty-step-title", number=current.number))
            drafts.append(current)
            continue
        if current is None:
            if not reported_intro:
                errors.append(GuideError.of(path, n, "text-before-steps"))
                reported_intro = True
            continue
        if stripped.startswith(">"):
            content = stripped[1:].strip()
            label = NOTE_LABEL.match(content)
            if label:
                kind = NOTE_KINDS[label.group(1).lower()]
                parts = current.notes.setdefault(kind, [])
                if parts:
                    parts.append("")  # a second note of the same kind: a new paragraph
                parts.append(label.group(2).strip())
                note = parts
            elif note is not None:
                note.append(content)
            else:
                errors.append(GuideError.of(path, n, "unlabelled-quote"))
            continue
        note = None
        current.text.append(stripped)

    section.end_item()
    if section.line and not section.items:
        errors.append(GuideError.of(path, section.line, "empty-if-it-fails"))
    steps = []
    for draft in drafts:
        text = _join_paragraphs(draft.text)
        if not text:
            errors.append(GuideError.of(path, draft.line, "empty-step", number=draft.number))
        notes = {kind: _join_paragraphs(parts) or None for kind, parts in draft.notes.items()}
        steps.append(
            Step(
                number=draft.number,
                title=draft.title,
                text=text,
                tip=notes.get("tip"),
                warning=notes.get("warning"),
                check=notes.get("check"),
                line=draft.line,
            )
        )
    _check_numbering(path, steps, errors)
    return tuple(steps)


def _join_paragraphs(lines: list[str]) -> str:
    """Lines of one paragraph stay on separate lines; paragraphs get one blank line."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _check_numbering(path: Path, steps: list[Step], errors: list[GuideError]) -> None:
    """Steps run 1..n in order; report duplicates at the repeat and gaps at the next step."""
    seen: dict[int, int] = {}
    for step in steps:
        if step.number in seen:
            errors.append(
                GuideError.of(
                    path, step.line, "duplicate-step", number=step.number, first=seen[step.number]
                )
            )
        else:
            seen[step.number] = step.line
    if not seen:
        return
    last = max(seen)
    missing = [number for number in range(1, last + 1) if number not in seen]
    for number in missing:
        later = [s for s in steps if s.number > number]
        line = later[0].line if later else steps[-1].line
        errors.append(GuideError.of(path, line, "missing-step", number=number, last=last))
    if missing or len(seen) < len(steps):
        return
    for position, step in enumerate(steps, 1):
        if step.number != position:
            errors.append(
                GuideError.of(path, step.line, "step-order", number=step.number, position=position)
            )
            return


_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")


def plain_text(markdown: str) -> str:
    """Guide Markdown as prose (link text only, no emphasis, bare URLs dropped): what
    readability counts and what search snippets show."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = re.sub(r"https?://\S+", "", text)
    return text.replace("**", "").replace("__", "")


# A step named in an item: 'stap 3', 'stappen 2 en 3', 'stap 2 tot en met 4', 'step 3',
# 'steps 2 and 3'. Ranges ('tot en met', 't/m', 'to', '-') count every step in between.
STEP_REF = re.compile(
    r"\b(?:stap|stappen|step|steps)\s+"
    r"(\d+(?:\s*(?:,|en|of|tot en met|t/m|and|or|to|-|–)\s*\d+)*)",
    re.IGNORECASE,
)
RANGE_WORD = re.compile(r"^\s*(?:tot en met|t/m|to|-|–)\s*$", re.IGNORECASE)


def steps_named(text: str) -> set[int]:
    """The step numbers an 'Als het niet lukt' item names ('bij stap 2 of 3' -> {2, 3})."""
    found: set[int] = set()
    for match in STEP_REF.finditer(text):
        group = match.group(1)
        numbers = [int(n) for n in re.findall(r"\d+", group)]
        separators = re.split(r"\d+", group)[1:-1]
        found.update(numbers)
        for i, sep in enumerate(separators):  # the text between number i and i + 1
            low, high = numbers[i], numbers[i + 1]
            if RANGE_WORD.match(sep) and low < high:
                found.update(range(low, high + 1))
    return found


def if_it_fails_for(guide: Guide, number: int) -> tuple[str, ...]:
    """The 'Als het niet lukt' items to show at step ``number`` on the desk screen: those
    naming that step, and on the last step also those naming no step ('kom terug naar de
    balie'), so staff see the way out where the resident is stuck, not the whole list."""
    last = bool(guide.steps) and number == guide.steps[-1].number
    return tuple(
        item
        for item in guide.if_it_fails
        if number in (named := steps_named(item)) or (last and not named)
    )


def guide_files(folder: Path) -> list[Path]:
    """The guide files under a folder: every ``*.md`` except READMEs and hidden paths."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*.md")
        if p.name.lower() != "readme.md"
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def sort_key(guide: Guide) -> tuple[int, str, str]:
    """Dutch first (the desk's language), then by title."""
    rank = LANGS.index(guide.lang) if guide.lang in LANGS else len(LANGS)
    return (rank, guide.title.casefold(), guide.id)


def load_guides(
    local_dir: Path | None = None,
    *,
    bundled_dir: Path | None = None,
    errors: list[GuideError] | None = None,
) -> list[Guide]:
    """Bundled guides, then the library's own; a local (id, lang) replaces the bundled one.

    ``local_dir`` defaults to the ``HELPDESK_GUIDES_DIR`` environment variable. Without an
    ``errors`` list a broken file raises `GuideError`; with one, broken files are appended
    there and skipped, so one bad local guide cannot take the whole guide screen down.
    """
    bundled = Path(bundled_dir) if bundled_dir else paths.bundled_guides_dir()
    files = guide_files(bundled)
    if not files:
        # A broken installation must say so, not show an empty guide list.
        raise paths.MissingResourceError(f"no guides in {bundled}; reinstall inclusiedesk")
    local = paths.local_guides_dir(local_dir)
    if local is not None:
        files = [*files, *guide_files(local)]
    found: dict[tuple[str, str], Guide] = {}
    for path in files:  # bundled first, so a local (id, lang) replaces the bundled one
        try:
            guide = parse_guide(path)
        except GuideError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        found[guide.key] = guide
    return sorted(found.values(), key=sort_key)


def get_guide(
    guide_id: str,
    lang: str = "nl",
    guides: Iterable[Guide] | None = None,
    local_dir: Path | None = None,
) -> Guide:
    """The guide in the asked language, else in the other one; `GuideNotFound` if neither."""
    pool = {g.key: g for g in (guides if guides is not None else load_guides(local_dir))}
    for candidate in (lang, *[other for other in LANGS if other != lang]):
        if (guide_id, candidate) in pool:
            return pool[(guide_id, candidate)]
    raise GuideNotFound(guide_id)
