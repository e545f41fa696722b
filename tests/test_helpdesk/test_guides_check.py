"""``guides check``: each broken fixture is reported with its file and the right line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpdesk.guides.check import (
    ERROR,
    WARNING,
    Counts,
    check_guides,
    counts,
    has_errors,
    is_https_url,
    reading_ease,
    syllables,
)
from inclusiedesk.paths import bundled_guides_dir

FIXTURES = Path(__file__).parent.parent / "fixtures" / "guides"
BROKEN = FIXTURES / "broken" / "nl"
TODAY = dt.date(2026, 11, 28)


def line_of(path: Path, marker: str) -> int:
    hits = [n for n, text in enumerate(path.read_text().splitlines(), 1) if marker in text]
    assert len(hits) == 1, (path, marker, hits)
    return hits[0]


@pytest.fixture(scope="module")
def broken_problems() -> list:
    return check_guides([FIXTURES / "broken"], lang="en", today=TODAY)


@pytest.mark.parametrize(
    ("name", "rule", "severity", "marker"),
    [
        ("bad-yaml", "bad-yaml", ERROR, "subjects: [digid-apply"),
        ("missing-key", "missing-key", ERROR, "---"),
        ("unknown-subject", "unknown-subject", ERROR, "- digid-aply"),
        ("unknown-organisation", "unknown-organisation", ERROR, "organisations:"),
        ("missing-step", "missing-step", ERROR, "## Stap 3"),
        ("bad-source", "bad-source", ERROR, "http://www.digid.nl/onveilig"),
        ("bad-source", "bad-source", ERROR, "  - www.digid.nl"),
        ("bad-link", "bad-link", ERROR, "[de website](www.digid.nl/hulp)"),
        ("stale", "stale", WARNING, "last_reviewed:"),
        ("bad-date", "bad-date", ERROR, "last_reviewed:"),
        ("wrong-id", "id-filename", ERROR, "id: iets-anders"),
        ("unlabelled-quote", "unlabelled-quote", ERROR, "> Dit blok"),
        ("no-front-matter", "no-front-matter", ERROR, "## Stap 1"),
        ("hard-to-read", "hard-to-read", WARNING, "## Stap 1"),
        ("hard-to-read", "long-sentence", WARNING, "Alvorens"),
    ],
)
def test_broken_guide_reported_with_file_and_line(
    broken_problems: list, name: str, rule: str, severity: str, marker: str
) -> None:
    path = BROKEN / f"{name}.md"
    expected_line = 1 if marker == "---" else line_of(path, marker)
    mine = [p for p in broken_problems if p.path == path and p.rule == rule]
    assert (expected_line, severity) in [(p.line, p.severity) for p in mine]
    problem = next(p for p in mine if p.line == expected_line)
    assert problem.format("en").startswith(f"{path}:{expected_line}: {severity}: ")


def test_duplicate_step_reported(broken_problems: list) -> None:
    path = BROKEN / "duplicate-step.md"
    lines = [n for n, t in enumerate(path.read_text().splitlines(), 1) if "## Stap 2" in t]
    problems = [p for p in broken_problems if p.path == path]
    assert [(p.rule, p.line) for p in problems] == [("duplicate-step", lines[1])]
    assert f"first at line {lines[0]}" in problems[0].message


def test_every_broken_fixture_has_a_problem(broken_problems: list) -> None:
    reported = {p.path for p in broken_problems}
    assert reported == set(BROKEN.glob("*.md"))
    assert has_errors(broken_problems)


def test_messages_are_dutch_by_default() -> None:
    problems = check_guides([BROKEN / "unknown-subject.md"], today=TODAY)
    assert problems[0].message.startswith("onbekende onderwerpcode 'digid-aply'; geldig: ")
    assert ": fout: " in problems[0].format()


def test_sample_guides_are_clean() -> None:
    assert check_guides([FIXTURES / "sample"], today=TODAY) == []


def test_bundled_guides_pass_check() -> None:
    """The acceptance criterion: no errors in the guides we ship (warnings are allowed)."""
    assert len(list(bundled_guides_dir().rglob("*.md"))) >= 18  # 14 Dutch + 4 English at least
    problems = check_guides([bundled_guides_dir()], lang="en")
    errors = [p.format("en") for p in problems if p.severity == ERROR]
    assert errors == []


def test_stale_boundary_and_future_dates(tmp_path: Path) -> None:
    folder = tmp_path / "nl"
    folder.mkdir()
    source = (FIXTURES / "sample" / "nl" / "digid-aanvragen.md").read_text()
    path = folder / "digid-aanvragen.md"

    def rules_for(reviewed: str) -> list[str]:
        text = source.replace("last_reviewed: 2026-10-15", f"last_reviewed: {reviewed}")
        path.write_text(text, encoding="utf-8")
        return [p.rule for p in check_guides([tmp_path], today=TODAY)]

    assert rules_for("2025-11-28") == []  # exactly 12 months: still current
    assert rules_for("2025-11-27") == ["stale"]
    assert rules_for("2026-12-01") == ["future-review"]


def test_duplicate_in_one_folder_but_override_across_folders(tmp_path: Path) -> None:
    sample = FIXTURES / "sample" / "nl" / "digid-aanvragen.md"
    (tmp_path / "a" / "nl").mkdir(parents=True)
    (tmp_path / "a" / "extra").mkdir()
    (tmp_path / "b" / "nl").mkdir(parents=True)
    shutil.copy(sample, tmp_path / "a" / "nl")
    shutil.copy(sample, tmp_path / "a" / "extra")
    shutil.copy(sample, tmp_path / "b" / "nl")
    problems = check_guides([tmp_path / "a", tmp_path / "b"], today=TODAY, lang="en")
    assert [(p.rule, p.path) for p in problems] == [
        ("duplicate-guide", tmp_path / "a" / "nl" / "digid-aanvragen.md")
    ]


def test_language_must_match_folder(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    shutil.copy(FIXTURES / "sample" / "nl" / "digid-aanvragen.md", tmp_path / "en")
    problems = check_guides([tmp_path], today=TODAY)
    assert [(p.rule, p.line) for p in problems] == [("lang-folder", 4)]


def test_unknown_key_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    text = (FIXTURES / "sample" / "nl" / "digid-aanvragen.md").read_text()
    path = tmp_path / "nl" / "digid-aanvragen.md"
    path.write_text(text.replace("lang: nl\n", "lang: nl\nauthor: Jan\n"), encoding="utf-8")
    problems = check_guides([tmp_path], today=TODAY)
    assert [(p.rule, p.severity, p.line) for p in problems] == [("unknown-key", WARNING, 5)]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.digid.nl/aanvragen", True),
        ("https://mijn.toeslagen.nl", True),
        ("https://www.svb.nl/nl/aow?x=1#y", True),
        ("http://www.digid.nl", False),
        ("www.digid.nl", False),
        ("https://", False),
        ("https://localhost/x", False),
        ("https://www.digid .nl", False),
        ("https://www.digid.nl:99999/", False),
        ("javascript:alert(1)", False),
        ("", False),
    ],
)
def test_is_https_url(url: str, ok: bool) -> None:
    assert is_https_url(url) is ok


def test_markdown_link_forms(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    text = (FIXTURES / "sample" / "nl" / "digid-aanvragen.md").read_text()
    text += (
        "\nMail [ons](mailto:balie@example.org) of bel [ons](tel:0201234567).\n"
        "Zie [DigiD] (https://www.digid.nl).\n"
        "Zie [DigiD](https://www.digid.nl\n"
    )
    path = tmp_path / "nl" / "digid-aanvragen.md"
    path.write_text(text, encoding="utf-8")
    problems = check_guides([tmp_path], today=TODAY)
    n = len(text.splitlines())
    assert [(p.rule, p.line) for p in problems] == [("broken-link", n - 1), ("broken-link", n)]


def test_flesch_douma_formula() -> None:
    # 10 words, 2 sentences, 15 syllables: 206.84 - 0.77*150 - 0.93*5
    assert reading_ease(Counts(10, 2, 15), "nl") == pytest.approx(86.69)
    # Flesch reading ease: 206.835 - 1.015*5 - 84.6*1.5
    assert reading_ease(Counts(10, 2, 15), "en") == pytest.approx(74.86)
    assert reading_ease(Counts(), "nl") == 100.0


def test_syllables_and_counts() -> None:
    assert syllables("zorgverzekering", "nl") == 5
    assert syllables("aanvragen", "nl") == 3
    assert syllables("de", "nl") == 1
    assert syllables("fill", "en") == 1
    assert syllables("apply", "en") == 2
    assert syllables("website", "en") == 2
    c = counts("Klik op [Verder](https://x.nl). Lees de **brief**!\n- Uw paspoort", "nl")
    assert (c.words, c.sentences) == (8, 3)


def test_translations_must_line_up(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "sample", tmp_path / "g")
    english = tmp_path / "g" / "en" / "digid-aanvragen.md"
    text = english.read_text()
    text = text.replace("organisations: [digid]", "organisations: [digid, gemeente]")
    # steps 1 and 2 only; the section after the steps stays
    before, after = text.split("## Step 3")
    english.write_text(before + after[after.index("## If it does not work") :], encoding="utf-8")
    problems = check_guides([tmp_path / "g"], today=TODAY, lang="en")
    assert [(p.rule, p.path, p.line) for p in problems] == [
        ("translation-codes", english, line_of(english, "organisations:")),
        ("translation-steps", english, line_of(english, "## Step 2")),
    ]
    assert problems[1].message.startswith("this translation has 2 steps, ")
