"""``helpdesk guides ...`` in-process: exit codes, stdout and one-line errors on stderr."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from helpdesk import settings
from helpdesk.guides import cli as guides_cli
from helpdesk.guides.cli import register
from inclusiedesk import paths

FIXTURES = Path(__file__).parent.parent / "fixtures" / "guides"
SAMPLE = FIXTURES / "sample"


@pytest.fixture(autouse=True)
def sample_guides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve the sample guides as 'bundled' and clear the local folder variable."""
    monkeypatch.setattr(paths, "bundled_guides_dir", lambda: SAMPLE)
    monkeypatch.delenv(paths.ENV_GUIDES, raising=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=settings.LANGUAGES, default="nl")
    sub = parser.add_subparsers()
    register(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["guides", "list"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:2] == ["digid-aanvragen", "nl"]
    assert lines[-1].split()[:2] == ["digid-aanvragen", "en"]

    code, out, _ = run(["guides", "list", "--subject", "allowance", "--json"], capsys)
    assert [(g["id"], g["lang"]) for g in json.loads(out)] == [("toeslag-aanvragen", "nl")]
    code, out, _ = run(["guides", "list", "--org", "digid", "--lang", "en", "--json"], capsys)
    assert [(g["id"], g["lang"]) for g in json.loads(out)] == [("digid-aanvragen", "en")]
    code, out, _ = run(["guides", "list", "--subject", "fine"], capsys)
    assert out.strip() == "Geen handleidingen gevonden."


def test_list_unknown_code_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["guides", "list", "--subject", "toeslag"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "onbekende code voor onderwerp; geldig: " in err and "toeslag" not in err
    code, _, err = run(["--lang", "en", "guides", "list", "--org", "nope"], capsys)
    assert code == 2 and "unknown organisation code; valid: " in err and "nope" not in err


def test_show_prints_steps_in_guide_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["guides", "show", "toeslag-aanvragen"], capsys)
    assert code == 0
    assert "Stap 1 van 3: Open Mijn toeslagen" in out
    assert "LET OP: Geef uw DigiD-code nooit aan een ander." in out
    assert "Mijn toeslagen (https://www.belastingdienst.nl/mijntoeslagen)" in out
    assert "**" not in out and "[ ] Uw huurcontract" in out
    code, out, _ = run(["guides", "show", "digid-aanvragen", "--lang", "en"], capsys)
    assert "Step 2 of 3: Fill in your details" in out and "WARNING: Never share" in out
    code, out, _ = run(["--lang", "en", "guides", "show", "digid-aanvragen"], capsys)
    assert out.startswith("Apply for DigiD")


def test_show_unknown_guide(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["guides", "show", "bestaat-niet"], capsys)
    assert (code, out) == (2, "")
    assert err == "helpdesk guides: onbekende handleiding; zie 'helpdesk guides list'\n"


def test_search_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["guides", "search", "toesl"], capsys)
    assert code == 0 and out.startswith("toeslag-aanvragen (nl)  Toeslag aanvragen of wijzigen")
    code, out, _ = run(["guides", "search", "digi", "--json"], capsys)
    hits = json.loads(out)
    assert {h["id"] for h in hits[:2]} == {"digid-aanvragen"}
    assert set(hits[0]) == {"id", "lang", "title", "snippet", "rank"}
    code, out, _ = run(["guides", "search", '"(*'], capsys)
    assert code == 0 and out.startswith("Niets gevonden")


def test_guides_dir_overrides_env_and_bundled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def local(folder: Path, title: str) -> Path:
        (folder / "nl").mkdir(parents=True)
        text = (SAMPLE / "nl" / "digid-aanvragen.md").read_text()
        (folder / "nl" / "digid-aanvragen.md").write_text(
            text.replace("title: DigiD aanvragen", f"title: {title}"), encoding="utf-8"
        )
        return folder

    monkeypatch.setenv(paths.ENV_GUIDES, str(local(tmp_path / "env", "Uit de omgeving")))
    _, out, _ = run(["guides", "show", "digid-aanvragen"], capsys)
    assert out.startswith("Uit de omgeving")
    flag = str(local(tmp_path / "flag", "Uit de vlag"))
    _, out, _ = run(["guides", "--guides-dir", flag, "show", "digid-aanvragen"], capsys)
    assert out.startswith("Uit de vlag")
    code, _, err = run(["guides", "--guides-dir", str(tmp_path / "nope"), "list"], capsys)
    assert code == 2 and "map met handleidingen bestaat niet" in err


def test_broken_local_guide_is_skipped_with_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nl").mkdir()
    shutil.copy(FIXTURES / "broken" / "nl" / "missing-step.md", tmp_path / "nl")
    code, out, err = run(["guides", "--guides-dir", str(tmp_path), "list"], capsys)
    assert code == 0 and len(out.splitlines()) == 3
    assert "missing-step.md:20: stap 2 ontbreekt" in err and "overgeslagen" in err


def test_check_passes_with_warnings_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["guides", "check"], capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("3 handleidingen gecontroleerd: 0 fouten")
    (tmp_path / "nl").mkdir()
    shutil.copy(FIXTURES / "broken" / "nl" / "stale.md", tmp_path / "nl")
    code, out, _ = run(["guides", "--guides-dir", str(tmp_path), "check"], capsys)
    assert code == 0
    assert "stale.md:13: waarschuwing: verouderd" in out
    assert out.splitlines()[-1].startswith("4 handleidingen gecontroleerd: 0 fouten")


def test_check_errors_name_file_and_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    broken = FIXTURES / "broken" / "nl"
    code, out, _ = run(
        ["--lang", "en", "guides", "check", str(broken / "unknown-subject.md")], capsys
    )
    assert code == 2
    assert f"{broken / 'unknown-subject.md'}:7: error: unknown subject code 'digid-aply'" in out
    code, _, _ = run(["guides", "check", str(FIXTURES / "broken")], capsys)
    assert code == 2
    code, _, err = run(["guides", "check", "/no/such/guides"], capsys)
    assert code == 2 and err.count("\n") == 1


def test_export_writes_handout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "digid.html"
    code, out, _ = run(["guides", "export", "digid-aanvragen", "-o", str(target)], capsys)
    assert code == 0 and str(target) in out
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    code, _, _ = run(
        ["guides", "export", "digid-aanvragen", "--lang", "en", "-o", str(target)], capsys
    )
    assert '<html lang="en">' in target.read_text(encoding="utf-8")
    code, _, err = run(
        ["guides", "export", "digid-aanvragen", "-o", str(tmp_path / "no" / "x.html")], capsys
    )
    assert code == 2 and err.startswith("helpdesk guides: kan ") and err.count("\n") == 1


def test_export_is_compact_by_default_and_full_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18: two A4 pages by default, the desk from the settings, --done, --full."""
    settings.save_settings(
        settings.Settings(desk_name="Bibliotheek Centrum", desk_phone="010 123 45 67")
    )
    target = tmp_path / "toeslag.html"
    argv = ["guides", "export", "toeslag-aanvragen", "-o", str(target)]
    code, _, _ = run([*argv, "--done", "1,2"], capsys)
    compact = target.read_text(encoding="utf-8")
    assert code == 0 and compact.count('class="write-lines"') == 1
    assert "Bibliotheek Centrum" in compact and "010 123 45 67" in compact
    assert "Ga verder bij stap 3." in compact and compact.count("Gedaan aan de balie") == 2
    code, _, _ = run([*argv, "--full"], capsys)
    full = target.read_text(encoding="utf-8")
    assert code == 0 and full.count('class="write-lines"') == 3
    assert "Ga verder" not in full and "Bibliotheek Centrum" in full


@pytest.mark.parametrize("bad", ["0", "4", "1,,2", "twee", "1;2", "-1", "9" * 30])
def test_export_refuses_steps_outside_the_guide(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.html"
    argv = ["guides", "export", "toeslag-aanvragen", "-o", str(target), "--done", bad]
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and not target.exists()
    assert err == (
        "helpdesk guides: --done: gebruik stapnummers van 1 tot en met 3, "
        "met komma's ertussen (zoals 1,2)\n"
    )
    code, _, err = run(["--lang", "en", *argv], capsys)
    assert (
        err
        == "helpdesk guides: --done: use step numbers from 1 to 3, separated by commas (like 1,2)\n"
    )


def test_missing_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["guides"], capsys)
    assert info.value.code == 2


def test_every_subcommand_has_help() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    register(sub)
    guides = sub.choices["guides"]
    commands = next(a for a in guides._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == {"list", "show", "search", "check", "export"}
    helps = {a.dest: a.help for a in commands._choices_actions}
    assert all(helps.values())
    assert guides_cli.cmd_check.__doc__


def test_check_summary_counts_in_singular_and_plural(capsys: pytest.CaptureFixture[str]) -> None:
    stale = FIXTURES / "broken" / "nl" / "stale.md"
    code, out, _ = run(["--lang", "en", "guides", "check", str(stale)], capsys)
    assert (code, out.splitlines()[-1]) == (0, "1 guide checked: 0 errors, 1 warning.")
    code, out, _ = run(["guides", "check", str(FIXTURES / "broken")], capsys)
    assert code == 2
    assert out.splitlines()[-1].startswith("14 handleidingen gecontroleerd: 13 fouten, ")
