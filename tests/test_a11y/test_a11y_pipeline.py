"""The README's pipeline, run as documented against a local site in real Chromium.

The ``a11y.toml`` and every ``a11y …`` command are taken from the README's section "In
a pipeline" (only the site's address is swapped for the local one), so the documented
examples cannot drift from what the command does. One module-wide run, four scans:
the baseline scan, the pipeline on the unchanged site (green), with a new barrier (red,
naming it), and with a page that cannot be loaded (exit 2).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe, to_url
from sites import Site, page, sitemap

from a11y import ci, settings
from a11y.analysis.schema import shipped_schema
from a11y.cli import main

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"
DOCUMENTED_HOST = "https://www.voorbeeldrecht.nl"
#: The acceptance in the README runs until 2027-06-30; the test judges it on a fixed day.
TODAY = date(2027, 1, 15)

HOME_BODY = (
    '<img src="/logo.png"><a href="/tweede">Tweede</a> <a href="/archief/oud">Archief</a>'
    ' <a href="/zoeken">Zoeken</a>'
)
HOME = page("Home", HOME_BODY)
#: Two links to pages that cannot be loaded (404): 2 of 5 pages, more than 10%.
BROKEN_HOME = page("Home", HOME_BODY + '<a href="/weg">Weg</a> <a href="/kapot">Kapot</a>')
OLD = page("Archief", '<p style="color:#cccccc;background:#ffffff">Vage tekst</p>')
CLEAN = page("Tweede", "<p>Alles in orde</p>")


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### In a pipeline")
    return text[start : text.index("\n## ", start)]


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", section(), flags=re.S)


def commands(block: str) -> list[str]:
    """The ``a11y …`` lines of a shell block or a CI file (``run:`` steps, ``-`` items)."""
    found = []
    for line in block.splitlines():
        line = re.sub(r"^\s*(-\s+)?(run:\s+)?", "", line)
        if line.startswith("a11y "):
            found.append(line)
    return found


@dataclass
class Run:
    code: int
    err: str


@dataclass
class Pipeline:
    folder: Path
    site: Site
    once: list[Run] = field(default_factory=list)
    green: Run | None = None
    red: Run | None = None
    unreachable: Run | None = None
    expired: Run | None = None


def run(line: str, host: str) -> Run:
    argv = shlex.split(line.replace(DOCUMENTED_HOST, host))
    assert argv[0] == "a11y"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv[1:])
    return Run(code, err.getvalue())


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    folder = tmp_path_factory.mktemp("repo")
    site = Site(routes={"/": HOME, "/tweede": CLEAN, "/archief/oud": OLD}).start()
    site.routes["/sitemap.xml"] = sitemap([site.url + "/", site.url + "/tweede"])
    result = Pipeline(folder, site)
    toml = blocks("toml")[0].replace(DOCUMENTED_HOST, site.url)
    (folder / "a11y.toml").write_text(toml, encoding="utf-8")
    ci_line = commands(blocks("yaml")[0])[0]
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.setenv("A11Y_DB", str(folder / "ci.db"))  # the pipeline's own, not the baseline's
        mp.setattr(settings, "PROGRESS_EVERY", 0.2)
        mp.setattr(ci, "today", lambda: TODAY)
        try:
            result.once = [run(line, site.url) for line in commands(blocks("sh")[-1])]
            result.green = run(ci_line, site.url)
            (folder / "green.html").write_bytes((folder / "a11y-rapport.html").read_bytes())
            (folder / "green.json").write_bytes((folder / "a11y-rapport.json").read_bytes())
            (folder / "green.xml").write_bytes((folder / "a11y-junit.xml").read_bytes())
            site.routes["/tweede"] = page("Tweede", '<p>Nieuw</p><button type="button"></button>')
            result.red = run(ci_line, site.url)
            site.routes["/tweede"] = CLEAN
            site.routes["/"] = BROKEN_HOME
            result.unreachable = run(ci_line, site.url)
            late = (folder / "a11y.toml").read_text().replace("2027-06-30", "2027-01-01")
            (folder / "late.toml").write_text(late, encoding="utf-8")
            mp.setenv("A11Y_DB", str(folder / "a11y.db"))
            result.expired = run(
                "a11y report 1 --config late.toml --html late.html --json late.json", site.url
            )
        finally:
            site.stop()
    return result


def test_the_documented_files_are_valid() -> None:
    yml = blocks("yaml")
    assert len(yml) == 2
    github, gitlab = (yaml.safe_load(b) for b in yml)
    assert github["jobs"]["a11y"]["steps"]
    assert gitlab["a11y"]["artifacts"]["reports"]["junit"] == "a11y-junit.xml"
    # both pipelines run the same command, so running one of them tests both
    assert commands(yml[0]) == commands(yml[1]) and len(commands(yml[0])) == 1
    assert "--baseline a11y-baseline.json" in commands(yml[0])[0]
    assert "--junit a11y-junit.xml" in commands(yml[0])[0]


def test_baseline_is_taken_once_and_written(pipeline: Pipeline) -> None:
    assert [r.code for r in pipeline.once] == [0, 0]
    data = json.loads((pipeline.folder / "a11y-baseline.json").read_text(encoding="utf-8"))
    rules = {i["rule"] for i in data["issues"]}
    assert {"image-alt", "color-contrast"} <= rules
    assert all(len(i["fingerprint"]) == 16 for i in data["issues"])
    assert "/zoeken" not in pipeline.site.paths()  # the README's exclude held


def test_pipeline_is_green_when_nothing_is_new(pipeline: Pipeline) -> None:
    green = pipeline.green
    assert green.code == 0, green.err
    assert "0 problemen niet in de baseline (a11y-baseline.json)" in green.err  # Dutch default
    assert "1 geaccepteerd probleem niet meegeteld" in green.err


def test_progress_lines_in_a_ci_log(pipeline: Pipeline) -> None:
    lines = [x for x in pipeline.green.err.splitlines() if "gecontroleerd, " in x]
    assert lines, pipeline.green.err
    assert re.fullmatch(  # Dutch default
        r"a11y: \d+ pagina('s)? gecontroleerd, \d+ mislukt · wachtrij \d+"
        r" · \d+,\d\d pagina's/s · nog ongeveer .+",
        lines[0],
    )
    assert "\r" not in pipeline.green.err


def test_accepted_finding_is_shown_not_dropped(pipeline: Pipeline) -> None:
    folder = pipeline.folder
    report = json.loads((folder / "green.json").read_text(encoding="utf-8"))
    contrast = next(i for i in report["issues"] if i["rule"] == "color-contrast")
    assert contrast["accepted"]["reason"] == "Oud archief, wordt in juni 2027 vervangen"
    assert contrast["accepted"]["expired"] is False
    assert next(i for i in report["issues"] if i["rule"] == "image-alt")["accepted"] is None
    html = (folder / "green.html").read_text(encoding="utf-8")
    assert "geaccepteerd tot en met 2027-06-30: Oud archief, wordt in juni 2027 vervangen" in html
    junit = ET.parse(folder / "green.xml").getroot()
    cases = {c.get("name").removeprefix(pipeline.site.url): c for c in junit.iter("testcase")}
    assert cases["/archief/oud"].find("failure") is None  # only an accepted barrier there
    assert "accepted: color-contrast" in cases["/archief/oud"].find("system-out").text
    assert cases["/"].find("failure") is not None  # image-alt: known, but still a barrier


def test_expired_acceptance_fails_again(pipeline: Pipeline) -> None:
    assert pipeline.expired.code == 0
    late = json.loads((pipeline.folder / "late.json").read_text(encoding="utf-8"))
    contrast = next(i for i in late["issues"] if i["rule"] == "color-contrast")
    assert contrast["accepted"]["expired"] is True
    html = (pipeline.folder / "late.html").read_text(encoding="utf-8")
    assert "acceptatie verlopen op 2027-01-01, telt weer als fout" in html


def test_new_barrier_fails_the_pipeline_and_is_named(pipeline: Pipeline) -> None:
    red = pipeline.red
    assert red.code == 1, red.err
    assert re.search(r"nieuw: kritiek button-name http://127\.0\.0\.1:\d+/tweede", red.err)
    assert "1 probleem niet in de baseline" in red.err


def test_unreachable_pages_fail_the_pipeline(pipeline: Pipeline) -> None:
    bad = pipeline.unreachable
    assert bad.code == 2, bad.err
    assert re.search(
        r"2 van \d+ pagina's \(\d+%\) konden niet worden gecontroleerd, meer dan"
        r" --fail-on-unreachable 10%",
        bad.err,
    )


def test_report_matches_the_json_schema(pipeline: Pipeline) -> None:
    report = json.loads((pipeline.folder / "green.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1
    jsonschema.validate(report, shipped_schema())


def test_reports_with_accepted_findings_pass_axe(pipeline: Pipeline) -> None:
    for name in ("green.html", "late.html"):
        with chromium() as driver:
            driver.get(to_url(pipeline.folder / name))
            violations = run_axe(driver, (*WCAG_AA_TAGS, "best-practice"))["violations"]
            assert violations == [], describe(violations)


def test_baseline_to_stdout_and_of_a_missing_scan(pipeline: Pipeline, capsys) -> None:
    db = str(pipeline.folder / "a11y.db")
    assert main(["baseline", "1", "--db", db]) == 0
    printed = json.loads(capsys.readouterr().out)
    written = json.loads((pipeline.folder / "a11y-baseline.json").read_text(encoding="utf-8"))
    assert printed == written
    assert main(["baseline", "9", "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("a11y: ") and err.count("\n") == 1
    assert main(["baseline", "1", "--db", db, "-o", "/geen/map/b.json"]) == 2
    assert "map bestaat niet" in capsys.readouterr().err
