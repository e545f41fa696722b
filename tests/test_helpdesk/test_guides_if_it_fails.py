"""The 'Als het niet lukt' section: parsed apart from the steps, required by ``guides
check`` per language, a warning for a checked step without a way out, shown by ``guides
show`` and on the desk screen. Real guide files in tmp_path, the real checker."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from helpdesk import settings
from helpdesk.guides.check import ERROR, WARNING, check_guides, guide_readability
from helpdesk.guides.cli import register
from helpdesk.guides.library import (
    IF_IT_FAILS_HEADINGS,
    if_it_fails_for,
    load_guides,
    parse_guide,
    read_guide,
    steps_named,
)
from inclusiedesk import paths
from inclusiedesk.paths import bundled_guides_dir

TODAY = dt.date(2026, 12, 3)

FRONT = """---
id: proef
title: Proef
lang: {lang}
subjects: [digid-apply]
organisations: [digid]
summary: U doet een proef.
bring: []
audience: Voor iedereen.
sources:
  - https://www.digid.nl
last_reviewed: 2026-12-01
---
"""

NL_STEPS = """
## Stap 1: Open de website

Typ zelf het adres in.

> Controle: U ziet de website.

## Stap 2: Vul uw naam in

Vul uw naam in.

## Stap 3: Verstuur

Klik op de knop.

> Controle: U ziet een bevestiging.
"""

EN_STEPS = """
## Step 1: Open the website

Type the address yourself.

> Check: You see the website.

## Step 2: Fill in your name

Fill in your name.

## Step 3: Send

Click the button.

> Check: You see a confirmation.
"""

NL_SECTION = """
## Als het niet lukt

Ziet u bij stap 1 iets anders? Stop dan. Typ het adres opnieuw.

- Geen bevestiging bij stap 3? Verstuur niet opnieuw.
  Bel eerst de gemeente.

Lukt het nog steeds niet? Kom terug naar de balie.
"""

EN_SECTION = """
## If it does not work

Something else at step 1? Then stop. Type the address again.

No confirmation at step 3? Do not send again.

Still not working? Come back to the desk.
"""


def write(folder: Path, lang: str, body: str) -> Path:
    (folder / lang).mkdir(parents=True, exist_ok=True)
    path = folder / lang / "proef.md"
    path.write_text(FRONT.format(lang=lang) + body, encoding="utf-8")
    return path


def rules(folder: Path) -> list[tuple[str, str, int]]:
    return [(p.rule, p.severity, p.line) for p in check_guides([folder], today=TODAY, lang="en")]


def line_of(path: Path, marker: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if marker in text)


# --- parsing --------------------------------------------------------------------------------


def test_section_is_parsed_apart_from_the_steps(tmp_path: Path) -> None:
    guide = parse_guide(write(tmp_path, "nl", NL_STEPS + NL_SECTION))
    assert len(guide.steps) == 3  # the section is not a step: 'Stap 3 van 3' stays right
    assert guide.steps[-1].text == "Klik op de knop."
    assert guide.if_it_fails == (
        "Ziet u bij stap 1 iets anders? Stop dan. Typ het adres opnieuw.",
        "Geen bevestiging bij stap 3? Verstuur niet opnieuw.\nBel eerst de gemeente.",
        "Lukt het nog steeds niet? Kom terug naar de balie.",
    )


def test_guide_without_section_still_loads(tmp_path: Path) -> None:
    """A library's older local guide must keep working at the desk; only check refuses it."""
    guide = parse_guide(write(tmp_path, "nl", NL_STEPS))
    assert guide.if_it_fails == () and len(guide.steps) == 3


@pytest.mark.parametrize(
    ("body", "rule", "marker"),
    [
        (
            NL_STEPS + NL_SECTION + "\n## Stap 4: Nog iets\n\nDoe iets.\n",
            "step-after-if-it-fails",
            "## Stap 4",
        ),
        (NL_STEPS + NL_SECTION + NL_SECTION, "if-it-fails-twice", "## Als het niet lukt"),
        (NL_STEPS + "\n## Als het niet lukt\n\n", "empty-if-it-fails", "## Als het niet lukt"),
        (NL_STEPS + NL_SECTION + "\n> Tip: iets\n", "note-in-if-it-fails", "> Tip: iets"),
        (NL_SECTION + NL_STEPS, "if-it-fails-before-steps", "## Als het niet lukt"),
    ],
)
def test_section_mistakes_are_errors_with_line(
    tmp_path: Path, body: str, rule: str, marker: str
) -> None:
    path = write(tmp_path, "nl", body)
    source = read_guide(path)
    found = [(e.rule, e.line) for e in source.errors]
    lines = [n for n, t in enumerate(path.read_text().splitlines(), 1) if marker in t]
    expected = lines[-1] if rule in {"if-it-fails-twice", "note-in-if-it-fails"} else lines[0]
    assert (rule, expected) in found
    assert rule in {p.rule for p in check_guides([tmp_path], today=TODAY)}


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Ziet u bij stap 2 iets anders?", {2}),
        ("Bij stap 2 of 3 gaat het mis.", {2, 3}),
        ("Bij stappen 2 en 4.", {2, 4}),
        ("Stap 2 tot en met 4 opnieuw.", {2, 3, 4}),
        ("At step 5-7 it fails.", {5, 6, 7}),
        ("No confirmation at step 3? Or steps 1 and 2?", {1, 2, 3}),
        ("Kom terug naar de balie.", set()),
        ("Bel 088 123 4567.", set()),
    ],
)
def test_steps_named(text: str, numbers: set[int]) -> None:
    assert steps_named(text) == numbers


# --- check: required, per language ------------------------------------------------------------


def test_missing_section_is_an_error_at_the_last_step(tmp_path: Path) -> None:
    path = write(tmp_path, "nl", NL_STEPS)
    assert rules(tmp_path) == [("no-if-it-fails", ERROR, line_of(path, "## Stap 3"))]
    message = check_guides([tmp_path], today=TODAY)[0].message
    assert "'## Als het niet lukt'" in message


@pytest.mark.parametrize(
    ("lang", "body"), [("nl", NL_STEPS + NL_SECTION), ("en", EN_STEPS + EN_SECTION)]
)
def test_section_in_the_guide_language_passes(tmp_path: Path, lang: str, body: str) -> None:
    write(tmp_path, lang, body)
    assert rules(tmp_path) == []


@pytest.mark.parametrize(
    ("lang", "body", "wrong"),
    [
        ("en", EN_STEPS + NL_SECTION, "## Als het niet lukt"),
        ("nl", NL_STEPS + EN_SECTION, "## If it does not work"),
    ],
)
def test_section_in_the_other_language_is_an_error(
    tmp_path: Path, lang: str, body: str, wrong: str
) -> None:
    path = write(tmp_path, lang, body)
    assert ("if-it-fails-language", ERROR, line_of(path, wrong)) in rules(tmp_path)
    expected = IF_IT_FAILS_HEADINGS[lang]
    problem = next(
        p for p in check_guides([tmp_path], today=TODAY) if p.rule == "if-it-fails-language"
    )
    assert f"'## {expected}'" in problem.message


# --- check: a checked step needs a way out -----------------------------------------------------


def test_checked_step_without_way_out_is_a_warning(tmp_path: Path) -> None:
    section = NL_SECTION.replace("Geen bevestiging bij stap 3?", "Geen bevestiging?")
    path = write(tmp_path, "nl", NL_STEPS + section)
    assert rules(tmp_path) == [("no-way-out", WARNING, line_of(path, "## Stap 3"))]


def test_unchecked_step_needs_no_way_out(tmp_path: Path) -> None:
    section = NL_SECTION.replace("Geen bevestiging bij stap 3?", "Geen bevestiging?")
    body = (NL_STEPS + section).replace("> Controle: U ziet een bevestiging.\n", "")
    write(tmp_path, "nl", body)
    assert rules(tmp_path) == []


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        (
            "nl",
            (NL_STEPS + NL_SECTION).replace(
                "> Controle: U ziet een bevestiging.",
                "> Tip: Lukt het niet? Bel de gemeente.\n\n> Controle: U ziet een bevestiging.",
            ),
        ),
        (
            "en",
            (EN_STEPS + EN_SECTION).replace(
                "> Check: You see a confirmation.",
                "> Tip: If it does not work, call the council.\n\n> Check: You see a confirmation.",
            ),
        ),
        ("nl", NL_STEPS + NL_SECTION.replace("bij stap 3", "bij stap 2 tot en met 3")),
    ],
)
def test_a_tip_or_a_range_is_a_way_out(tmp_path: Path, lang: str, body: str) -> None:
    if lang == "en":
        body = body.replace("No confirmation at step 3?", "No confirmation?")
    elif "Tip: Lukt" in body:
        body = body.replace("Geen bevestiging bij stap 3?", "Geen bevestiging?")
    write(tmp_path, lang, body)
    assert rules(tmp_path) == []


# --- every bundled guide ----------------------------------------------------------------------

TROUBLE_NL = {
    "digid-activeringscode-niet-ontvangen",
    "digid-wachtwoord-vergeten",
    "digid-sms-code-niet-ontvangen",
    "digid-app-nieuwe-telefoon",
    "digid-geblokkeerd",
    "brief-overheid-niet-ontvangen",
}
TROUBLE_EN = TROUBLE_NL - {"brief-overheid-niet-ontvangen"}


def test_every_bundled_guide_has_the_section_is_current_and_b1() -> None:
    guides = load_guides(bundled_dir=bundled_guides_dir())
    assert {g.id for g in guides if g.lang == "nl"} >= TROUBLE_NL
    assert {g.id for g in guides if g.lang == "en"} >= TROUBLE_EN
    for guide in guides:
        assert guide.if_it_fails, guide.path
        assert any("balie" in item or "desk" in item for item in guide.if_it_fails), guide.path
        assert guide_readability(guide)[0] >= 60, guide.path
    problems = check_guides([bundled_guides_dir()], today=TODAY, lang="en")
    assert [p.format("en") for p in problems] == []  # no errors, not stale, B1, ways out


def test_new_guides_name_sources_and_the_helpline() -> None:
    for guide in load_guides(bundled_dir=bundled_guides_dir()):
        if guide.id in TROUBLE_NL:
            assert guide.sources and guide.last_reviewed == TODAY
            text = " ".join(guide.if_it_fails)
            helpline = "MijnOverheid" if guide.id.startswith("brief") else "DigiD helpdesk"
            assert helpline in text or helpline in " ".join(s.text for s in guide.steps)


# --- shown: guides show, the desk screen ----------------------------------------------------


def test_show_prints_the_section_after_the_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "nl", NL_STEPS + NL_SECTION)
    monkeypatch.setattr(paths, "bundled_guides_dir", lambda: tmp_path)
    monkeypatch.delenv(paths.ENV_GUIDES, raising=False)
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=settings.LANGUAGES, default="nl")
    register(parser.add_subparsers())
    args = parser.parse_args(["guides", "show", "proef"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.index("Stap 3 van 3") < out.index("Als het niet lukt") < out.index("Bronnen")
    assert (
        "  - Geen bevestiging bij stap 3? Verstuur niet opnieuw.\n    Bel eerst de gemeente." in out
    )
    assert "Stap 4" not in out


def test_desk_screen_shows_the_items_for_the_step(tmp_path: Path) -> None:
    guide = parse_guide(write(tmp_path, "nl", NL_STEPS + NL_SECTION))
    first, general = guide.if_it_fails[0], guide.if_it_fails[2]
    assert if_it_fails_for(guide, 1) == (first,)
    assert if_it_fails_for(guide, 2) == ()
    # the last step: its own items and the general ones ('kom terug naar de balie')
    assert if_it_fails_for(guide, 3) == guide.if_it_fails[1:]
    assert general in if_it_fails_for(guide, 3)
