"""Parsing and loading guide files: real files in tmp_path, line numbers in every error."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpdesk.guides import library as guides_mod
from helpdesk.guides.library import (
    GuideError,
    GuideNotFound,
    get_guide,
    load_guides,
    parse_guide,
    read_guide,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "guides"
SAMPLE = FIXTURES / "sample"

GUIDE = """---
id: {id}
title: {title}
lang: {lang}
subjects: [digid-apply]
organisations: [digid]
summary: U vraagt een DigiD aan.
bring:
  - Uw paspoort
audience: Voor inwoners van 18 jaar en ouder.
sources:
  - https://www.digid.nl/aanvragen
last_reviewed: 2026-10-01
---

## Stap 1: Open de website

Ga naar de website.
Klik op Aanvragen.

> Tip: Typ het adres zelf in.

> Let op: Deel uw wachtwoord met niemand.
> Ook niet met ons.

> Controle: U ziet het formulier.

## Stap 2: Vul het formulier in

Vul uw naam in.

Vul daarna uw adres in.
"""


def write_guide(
    folder: Path, guide_id: str = "digid-aanvragen", lang: str = "nl", **kw: str
) -> Path:
    path = folder / lang / f"{guide_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    title = kw.get("title", "DigiD aanvragen")
    path.write_text(GUIDE.format(id=guide_id, lang=lang, title=title), encoding="utf-8")
    return path


def test_parse_guide_reads_front_matter_and_steps(tmp_path: Path) -> None:
    guide = parse_guide(write_guide(tmp_path))
    assert guide.key == ("digid-aanvragen", "nl")
    assert guide.subjects == ("digid-apply",)
    assert guide.bring == ("Uw paspoort",)
    assert guide.last_reviewed == dt.date(2026, 10, 1)
    first, second = guide.steps
    assert (first.number, first.title, first.line) == (1, "Open de website", 16)
    assert first.text == "Ga naar de website.\nKlik op Aanvragen."
    assert first.tip == "Typ het adres zelf in."
    assert first.warning == "Deel uw wachtwoord met niemand.\nOok niet met ons."
    assert first.check == "U ziet het formulier."
    assert second.text == "Vul uw naam in.\n\nVul daarna uw adres in."
    assert second.tip is second.warning is second.check is None


def test_english_labels_are_read(tmp_path: Path) -> None:
    guide = parse_guide(SAMPLE / "en" / "digid-aanvragen.md")
    assert guide.lang == "en"
    assert guide.steps[0].check == "You see the form."
    assert guide.steps[1].warning == "Never share your password with anyone."


@pytest.mark.parametrize(
    ("name", "rule", "marker"),
    [
        ("bad-yaml", "bad-yaml", "subjects: [digid-apply"),
        ("missing-step", "missing-step", "## Stap 3"),
        ("unlabelled-quote", "unlabelled-quote", "> Dit blok"),
        ("bad-date", "bad-date", "last_reviewed:"),
    ],
)
def test_parse_guide_raises_with_line(name: str, rule: str, marker: str) -> None:
    path = FIXTURES / "broken" / "nl" / f"{name}.md"
    with pytest.raises(GuideError) as info:
        parse_guide(path)
    assert info.value.rule == rule
    assert info.value.path == path
    assert info.value.line == line_of(path, marker)
    assert f"{path}:{info.value.line}:" in str(info.value)


def test_missing_key_points_at_front_matter_start() -> None:
    with pytest.raises(GuideError) as info:
        parse_guide(FIXTURES / "broken" / "nl" / "missing-key.md")
    assert (info.value.rule, info.value.line) == ("missing-key", 1)
    assert "summary" in info.value.text("nl")
    assert info.value.text("nl") == "verplicht veld 'summary' ontbreekt"
    assert info.value.text("en") == "required key 'summary' is missing"


def test_duplicate_step_names_both_lines(tmp_path: Path) -> None:
    path = FIXTURES / "broken" / "nl" / "duplicate-step.md"
    errors = read_guide(path).errors
    assert [e.rule for e in errors] == ["duplicate-step"]
    lines = [n for n, text in enumerate(path.read_text().splitlines(), 1) if "## Stap 2" in text]
    assert errors[0].line == lines[1]
    assert errors[0].params["first"] == lines[0]


def test_read_guide_collects_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "---\nid: x\ntitle: 5\nlang: fr\nsubjects: digid-apply\n---\nIntro\n"
        "## Stap een: A\n\ntekst\n## Stap 2:\n\n### Sub\n",
        encoding="utf-8",
    )
    source = read_guide(path)
    found = {(e.rule, e.line) for e in source.errors}
    assert ("not-text", 3) in found
    assert ("bad-lang", 4) in found
    assert ("not-list", 5) in found
    assert ("missing-key", 1) in found
    assert ("text-before-steps", 7) in found
    assert ("bad-step-number", 8) in found
    assert ("empty-step-title", 11) in found
    assert ("empty-step", 11) in found
    assert ("bad-heading", 13) in found
    assert source.guide is None


def test_no_steps_and_unreadable(tmp_path: Path) -> None:
    path = write_guide(tmp_path)
    path.write_text(path.read_text().split("## Stap 1")[0], encoding="utf-8")
    assert [e.rule for e in read_guide(path).errors] == ["no-steps"]
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert read_guide(binary).errors[0].rule == "unreadable"
    assert read_guide(tmp_path / "missing.md").errors[0].rule == "unreadable"


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    path = write_guide(tmp_path)
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(parse_guide(path).steps) == 2


def test_load_guides_local_overrides_bundled(tmp_path: Path) -> None:
    bundled, local = tmp_path / "bundled", tmp_path / "local"
    write_guide(bundled, "digid-aanvragen", "nl", title="Gebundeld")
    write_guide(bundled, "digid-aanvragen", "en", title="Bundled")
    write_guide(local, "digid-aanvragen", "nl", title="Eigen versie")
    write_guide(local, "eigen-handleiding", "nl", title="Alleen lokaal")
    (bundled / "README.md").write_text("# not a guide\n", encoding="utf-8")

    guides = load_guides(local, bundled_dir=bundled)
    titles = {g.key: g.title for g in guides}
    assert titles == {
        ("digid-aanvragen", "nl"): "Eigen versie",
        ("digid-aanvragen", "en"): "Bundled",
        ("eigen-handleiding", "nl"): "Alleen lokaal",
    }
    assert [g.lang for g in guides] == ["nl", "nl", "en"]  # Dutch first


def test_load_guides_reads_env_and_default_bundled_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = tmp_path / "local"
    write_guide(local, "digid-aanvragen", "nl", title="Via de omgeving")
    monkeypatch.setattr(guides_mod.paths, "bundled_guides_dir", lambda: SAMPLE)
    monkeypatch.setenv("HELPDESK_GUIDES_DIR", str(local))
    guide = get_guide("digid-aanvragen", "nl")
    assert guide.title == "Via de omgeving"
    other = tmp_path / "other"
    write_guide(other, "digid-aanvragen", "nl", title="Via --guides-dir")
    assert get_guide("digid-aanvragen", "nl", local_dir=other).title == "Via --guides-dir"


def test_broken_guide_raises_or_is_collected(tmp_path: Path) -> None:
    write_guide(tmp_path, "goed")
    shutil.copy(FIXTURES / "broken" / "nl" / "missing-step.md", tmp_path / "nl")
    with pytest.raises(GuideError):
        load_guides(bundled_dir=tmp_path)
    errors: list[GuideError] = []
    guides = load_guides(bundled_dir=tmp_path, errors=errors)
    assert [g.id for g in guides] == ["goed"]
    assert [e.rule for e in errors] == ["missing-step"]


def test_get_guide_falls_back_to_other_language() -> None:
    pool = load_guides(bundled_dir=SAMPLE)
    assert get_guide("digid-aanvragen", "en", pool).lang == "en"
    assert get_guide("toeslag-aanvragen", "en", pool).lang == "nl"  # no English version
    with pytest.raises(GuideNotFound):
        get_guide("bestaat-niet", "nl", pool)


@settings(
    max_examples=150,
    deadline=None,  # no wall-clock limits in tests
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(alphabet=st.sampled_from(list("-:#>[]{}*\n abc12\t'\"Stap")), max_size=200))
def test_read_guide_never_crashes(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.md"
    path.write_text("---\n" + text, encoding="utf-8")
    source = read_guide(path)
    assert source.guide is not None or source.errors
    for error in source.errors:
        assert error.line >= 1
        assert error.text("nl") and error.text("en")


def line_of(path: Path, marker: str) -> int:
    """The line holding a unique marker: how tests know the line a message must name."""
    hits = [n for n, text in enumerate(path.read_text().splitlines(), 1) if marker in text]
    assert len(hits) == 1, (path, marker, hits)
    return hits[0]


def test_steps_out_of_order(tmp_path: Path) -> None:
    path = write_guide(tmp_path)
    text = path.read_text(encoding="utf-8")
    first, second = text.split("## Stap 2")
    head, step1 = first.split("## Stap 1")
    path.write_text(head + "## Stap 2" + second + "\n## Stap 1" + step1, encoding="utf-8")
    errors = read_guide(path).errors
    assert [(e.rule, e.line) for e in errors] == [("step-order", line_of(path, "## Stap 2"))]
    assert errors[0].text("en") == "step 2 stands where step 1 should be; put the steps in order"


def test_line_numbers_count_only_real_line_breaks(tmp_path: Path) -> None:
    path = write_guide(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Ga naar de website.", "Ga naar\u2028de\x0cwebsite."), "utf-8")
    path.write_text(path.read_text("utf-8").replace("## Stap 2", "## Stap 3"), "utf-8")
    heading = path.read_text("utf-8").split("\n").index("## Stap 3: Vul het formulier in") + 1
    assert heading == 28
    assert [(e.rule, e.line) for e in read_guide(path).errors] == [("missing-step", heading)]
