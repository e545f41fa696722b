"""a11y.toml: where it is found, what wins over what, and one clear line for a bad key."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from a11y import ci, cli
from a11y.cli import main

TOML = """\
max-pages = 300
exclude = ["/zoeken"]
no-robots = true
fail-on = "critical"
delay = 0.5

[sites.www]
urls = ["http://127.0.0.1:8000/"]
max-depth = 2
max-pages = 40

[sites.intranet]
urls = ["http://127.0.0.1:8001/", "http://127.0.0.1:8001/b"]

[[accepted]]
rule = "color-contrast"
reason = "huisstijl, nieuw ontwerp in Q3"
until = 2027-06-30
"""


def prepared(*argv: str) -> argparse.Namespace:
    """``a11y ARGV`` parsed and merged with the configuration, as cmd_scan sees it."""
    args = cli.build_parser().parse_args(list(argv))
    args._argv = list(argv)
    ci.prepare(args, cli.build_parser)
    return args


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a11y.toml").write_text(TOML, encoding="utf-8")
    return tmp_path


def test_defaults_then_file_then_site_then_flags(folder: Path) -> None:
    args = prepared("scan", "--site", "www")
    assert args.urls == ["http://127.0.0.1:8000/"]
    assert args.max_pages == 40  # the site's own value over the top level
    assert args.max_depth == 2 and args.exclude == ["/zoeken"] and args.no_robots
    assert args.fail_on == "critical" and args.delay == 0.5
    assert args.timeout == cli.settings.TIMEOUT  # not in the file: the built-in default
    assert [a.reason for a in args.accepted_entries] == ["huisstijl, nieuw ontwerp in Q3"]
    assert args.accepted_entries[0].until == date(2027, 6, 30)

    args = prepared("scan", "--site", "www", "--max-pages", "7", "--exclude", "/x", "--delay", "0")
    assert args.max_pages == 7 and args.exclude == ["/x"] and args.delay == 0
    # a flag equal to the built-in default still wins over the file
    assert prepared("scan", "--site", "www", "--fail-on", "serious").fail_on == "serious"
    # URLs on the command line: no site needed, the top level still applies
    args = prepared("scan", "http://127.0.0.1:9/")
    assert args.urls == ["http://127.0.0.1:9/"] and args.max_pages == 300


def test_the_only_site_is_used_and_several_need_site(folder: Path, capsys) -> None:
    assert main(["scan"]) == 2
    err = capsys.readouterr().err
    assert "--site" in err and "intranet, www" in err and err.count("\n") == 1
    assert main(["scan", "--site", "nergens"]) == 2
    assert capsys.readouterr().err == (
        "a11y: --site: geen site 'nergens' in a11y.toml (sites: intranet, www)\n"
    )
    (folder / "a11y.toml").write_text('[sites.een]\nurls = ["http://127.0.0.1:8000/"]\n')
    assert prepared("scan").urls == ["http://127.0.0.1:8000/"]


def test_pyproject_and_explicit_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert prepared("scan", "http://127.0.0.1:9/").max_pages == cli.settings.MAX_PAGES
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n[tool.a11y]\nmax-pages = 12\n', encoding="utf-8"
    )
    assert prepared("scan", "http://127.0.0.1:9/").max_pages == 12
    (tmp_path / "a11y.toml").write_text("max-pages = 13\n", encoding="utf-8")
    assert prepared("scan", "http://127.0.0.1:9/").max_pages == 13  # a11y.toml first
    other = tmp_path / "elders.toml"
    other.write_text("max-pages = 14\n", encoding="utf-8")
    assert prepared("scan", "http://127.0.0.1:9/", "--config", str(other)).max_pages == 14


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("max_pages = 3\n", "unknown key 'max_pages' (did you mean 'max-pages'?)"),
        ("maxpages = 3\n", "unknown key 'maxpages'"),
        ("[sites.www]\nurls = []\nstart = 1\n", "[sites.www]: unknown key 'start'"),
        ('[[accepted]]\nrule = "x"\nreason = "r"\nwhy = 1\n', "unknown key 'why'"),
        ('[[accepted]]\nrule = "x"\n', "reason is required"),
        ('[[accepted]]\nreason = "r"\n', "at least one of rule, url, selector"),
        ('[[accepted]]\nrule = "x"\nreason = "r"\nuntil = "morgen"\n', "until must be a date"),
        ('[[accepted]]\nurl = "[a-"\nreason = "r"\n', "url is no regular expression"),
        ('max-pages = "drie"\n', "--max-pages: not a whole number"),
        ("max-pages = [1, 2]\n", "max-pages: expected a single text"),
        ('no-robots = "ja"\n', "no-robots: expected true or false"),
        ('level = "AAA"\n', "--level: invalid choice"),
        ('exclude = ["[a-"]\n', "--exclude: bad regular expression"),
        ("sites = 3\n", "expected [sites.NAME] tables"),
        ("max-pages = \n", "not valid TOML"),
    ],
)
def test_bad_file_is_one_line_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, text: str, named: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a11y.toml").write_text(text, encoding="utf-8")
    assert main(["scan", "http://127.0.0.1:9/", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("a11y: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "a11y.toml" in err and named in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--config", "geen.toml"], "--config: no such file"),
        (["--fail-on-new", "serious"], "--fail-on-new: give --baseline"),
        (["--baseline", "geen-baseline.json"], "--baseline: no such file or scan id"),
        (["--baseline", "7"], "no scan with id 7"),  # none stored
        (["--fail-on-unreachable", "120"], "between 0 and 100"),
        (["--site", "www"], "no a11y.toml here"),
    ],
)
def test_bad_pipeline_flags_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, argv: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "http://127.0.0.1:9/", *argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err


def test_a_bad_baseline_file_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.json").write_text('{"issues": []}', encoding="utf-8")
    assert main(["scan", "http://127.0.0.1:9/", "--baseline", "b.json"]) == 2
    assert "b.json is geen a11y-baseline" in capsys.readouterr().err
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    assert main(["scan", "http://127.0.0.1:9/", "--baseline", "b.json"]) == 2
    assert "b.json is geen geldige JSON (regel 1, kolom 2)" in capsys.readouterr().err


def test_resume_keeps_its_own_start_urls(folder: Path) -> None:
    args = prepared("scan", "--site", "www", "--resume", "3")
    assert args.urls == [] and args.resume == 3 and args.max_depth == 2
