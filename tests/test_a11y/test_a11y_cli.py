"""The ``a11y`` command in-process: exit codes, outputs, stored scans, report, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sites import Site, page

from a11y.cli import main

BARRIERS = page(
    "Barrières",
    '<img src="/foto.png"><p style="color:#cccccc;background:#ffffff">Vage tekst</p>'
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="/tweede">Tweede</a>',
)
CLEAN = page("Schoon", "<p>Alles in orde</p>")


@pytest.fixture(scope="module")
def site() -> Site:
    s = Site(routes={"/": BARRIERS, "/tweede": CLEAN, "/schoon": CLEAN}).start()
    yield s
    s.stop()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["scan"],
        ["scan", "ftp://example.nl/"],
        ["scan", "http://127.0.0.1/", "--max-pages", "nul"],
        ["scan", "http://127.0.0.1/", "--workers", "0"],
        ["scan", "http://127.0.0.1/", "--level", "AAA"],
        ["scan", "http://127.0.0.1/", "--fail-on", "everything"],
        ["scan", "http://127.0.0.1/", "--exclude", "[a-"],
        ["scan", "http://127.0.0.1/", "--timeout", "-1"],
        ["scan", "http://127.0.0.1/", "--timeout", "0"],
        ["scan", "http://127.0.0.1/", "--json", "/no/such/folder/r.json"],
        ["report", "1"],
        ["report", "abc", "--json", "x.json"],
        ["report", "99", "--json", "x.json"],
        ["diff", "1"],
        ["frobnicate"],
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("a11y: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.browser
def test_site_that_cannot_be_reached_exits_2(capsys) -> None:
    assert main(["scan", "http://127.0.0.1:9/", "--workers", "1"]) == 2
    assert "scan kan niet starten" in capsys.readouterr().err  # Dutch by default


@pytest.mark.browser
def test_fail_on_exit_codes(site: Site, tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.json"
    args = ["scan", site.url + "/", "--workers", "1", "--json", str(out)]
    assert main([*args, "--fail-on", "critical"]) == 1  # image-alt is critical
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {i["rule"] for i in report["issues"]} >= {"image-alt", "color-contrast"}
    assert report["scan"]["pages_checked"] == 2
    assert main([*args, "--fail-on", "none"]) == 0
    clean = ["scan", site.url + "/schoon", "--workers", "1", "--fail-on", "minor"]
    assert main(clean) == 0
    err = capsys.readouterr().err
    assert "pagina's gecontroleerd" in err and "\r" not in err  # not a tty: summary lines only


@pytest.mark.browser
def test_outputs_scans_report_and_diff(site: Site, tmp_path: Path, capsys) -> None:
    db = tmp_path / "own.db"
    files = {k: tmp_path / f"r.{k}" for k in ("json", "html", "csv", "junit")}
    outputs = [x for k, f in files.items() for x in (f"--{k}", str(f))]
    first = ["scan", site.url + "/", "--workers", "1", "--db", str(db), "--fail-on", "none"]
    assert main([*first, *outputs]) == 0
    assert all(f.stat().st_size > 0 for f in files.values())
    html = files["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "image-alt" in html
    assert "image-alt" in files["csv"].read_text(encoding="utf-8-sig")
    assert "<testsuite" in files["junit"].read_text(encoding="utf-8")

    site.routes["/"] = page("Gerepareerd", '<img src="/foto.png" alt="Foto van het gemeentehuis">')
    try:
        assert main([*first]) == 0
    finally:
        site.routes["/"] = BARRIERS
    capsys.readouterr()

    assert main(["scans", "--json", "--db", str(db)]) == 0
    scans = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in scans] == [2, 1]
    assert scans[1]["start_urls"] == [site.url + "/"] and scans[1]["violations"] >= 2

    again = tmp_path / "again.json"
    assert main(["report", "1", "--json", str(again), "--db", str(db)]) == 0
    assert json.loads(again.read_text()) == json.loads(files["json"].read_text())

    assert main(["diff", "1", "2", "--json", "--db", str(db)]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert {i["rule"] for i in diff["fixed"]} == {"image-alt", "color-contrast"}
    assert diff["new"] == []
    assert main(["diff", "1", "2", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "opgelost (2)" in text and "nieuw (0)" in text and "kritiek" in text
    assert main(["diff", "1", "2", "--db", str(db), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "fixed (2)" in text and "new (0)" in text and "critical" in text


@pytest.mark.browser
def test_default_database_honours_a11y_db(site: Site, tmp_path: Path, capsys) -> None:
    assert main(["scan", site.url + "/schoon", "--workers", "1"]) == 0
    assert (tmp_path / "a11y.db").exists()  # conftest points A11Y_DB here
    assert main(["scans"]) == 0
    assert site.url + "/schoon" in capsys.readouterr().out


@pytest.mark.browser
def test_json_to_stdout_and_level_a(site: Site, capsys) -> None:
    args = ["scan", site.url + "/", "--workers", "1", "--level", "A", "--json", "-"]
    assert main([*args, "--fail-on", "none"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scan"]["level"] == "A"
    rules = {i["rule"] for i in report["issues"]}
    assert "image-alt" in rules and "color-contrast" not in rules  # 1.4.3 is AA
    crit = {c["number"]: c["result"] for c in report["criteria"]}
    assert crit["1.4.3"] == "not-tested-automatically"


@pytest.mark.browser
def test_demo_serves_scans_and_writes_the_html_report(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "demo.json"
    assert main(["demo", "--json", str(out)]) == 0
    stdout = capsys.readouterr().out
    html = tmp_path / "demo-report.html"  # in the current folder, as the README says
    assert f"HTML-rapport: {html}" in stdout and "pagina's gecontroleerd" in stdout
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["scan"]["pages_checked"] >= 5 and report["issues"]
    assert report["statement"]["found"]


def test_every_command_and_option_is_documented() -> None:
    from a11y.cli import COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert set(helps) == set(COMMANDS) and all(helps.values())
    scan_help = sub.choices["scan"].format_help()
    for flag in (
        "--sitemap",
        "--max-pages",
        "--max-depth",
        "--workers",
        "--include",
        "--exclude",
        "--no-robots",
        "--level",
        "--delay",
        "--timeout",
        "--db",
        "--json",
        "--html",
        "--csv",
        "--junit",
        "--fail-on",
    ):
        assert flag in scan_help


def test_help_exits_zero(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["scan", "--help"])
    assert exit_.value.code == 0
    assert "--fail-on" in capsys.readouterr().out


@pytest.mark.browser
def test_unreadable_sitemap_means_the_scan_did_not_start(site: Site, capsys) -> None:
    assert main(["scan", "--sitemap", site.url + "/geen-sitemap.xml", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "scan kan niet starten" in err and "geen-sitemap.xml" in err and err.count("\n") == 1
    assert main(["scans", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing half-made is stored
