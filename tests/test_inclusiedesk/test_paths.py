"""Bundled content is found through the package, and a broken installation says so.

An IT department installs a wheel; if the build left out the guides or the reference
data, a desk must not quietly show "no guides" or store an empty scan that later
reads as a checked website. These tests take the content away the way a bad build
would (an empty bundled folder, an empty data folder) and expect one clear line and
exit code 2, with nothing saved. The installed-wheel case itself runs in .ci/run
(scripts/smoke_wheel.sh).
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from a11y.cli import main as a11y_main
from inclusiedesk import paths


def test_bundled_content_comes_from_the_package_and_matches_the_content_folders() -> None:
    package = Path(str(resources.files("inclusiedesk")))
    repo = Path(__file__).resolve().parents[2]
    assert paths.bundled_guides_dir() == package / "guides"
    assert paths.data_dir() == package / "data"
    shipped = sorted(
        p.relative_to(package / "guides") for p in paths.bundled_guides_dir().rglob("*.md")
    )
    edited = sorted(p.relative_to(repo / "guides") for p in (repo / "guides").rglob("*.md"))
    assert shipped == edited and len(shipped) >= 30


def test_a_missing_bundled_file_names_itself(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(paths.MissingResourceError, match="nothing-here.toml"):
        paths.bundled("nothing-here.toml")
    monkeypatch.setenv(paths.ENV_DATA, str(tmp_path / "gone"))
    with pytest.raises(paths.MissingResourceError, match=paths.ENV_DATA):
        paths.data_dir()


def test_no_bundled_guides_is_an_error_not_an_empty_list(run_cli, tmp_path, monkeypatch) -> None:
    empty = tmp_path / "guides"
    empty.mkdir()
    monkeypatch.setattr(paths, "bundled_guides_dir", lambda: empty)
    for argv in (["guides", "list"], ["guides", "list", "--json"]):
        code, out, err = run_cli(*argv)
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and "reinstall inclusiedesk" in err


def test_missing_reference_data_refuses_a_log_and_saves_nothing(run_cli, tmp_path, monkeypatch):
    from helpdesk.taxonomy import _cached

    empty = tmp_path / "data"
    empty.mkdir()
    monkeypatch.setenv(paths.ENV_DATA, str(empty))
    _cached.cache_clear()
    argv = ["log", "--org", "digid", "--subject", "digid-apply", "--location", "b", "--staff", "m1"]
    code, out, err = run_cli(*argv, "--help-type", "help-along", "--outcome", "solved")
    _cached.cache_clear()
    assert code == 2 and out == "" and "taxonomy" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    db = tmp_path / "helpdesk.db"
    if db.exists():
        assert sqlite3.connect(db).execute("select count(*) from requests").fetchone()[0] == 0


def test_a_demo_without_its_site_or_criteria_stores_no_scan(tmp_path, monkeypatch, capsys):
    from a11y.criteria import criteria

    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "data"
    empty.mkdir()
    monkeypatch.setenv(paths.ENV_DATA, str(empty))
    criteria.cache_clear()
    try:
        assert a11y_main(["demo"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "reinstall inclusiedesk" in err
        assert a11y_main(["scan", "http://127.0.0.1:9/", "--workers", "1"]) == 2
        assert "wcag21-aa-nl.csv" in capsys.readouterr().err
    finally:
        criteria.cache_clear()
    scans_db = tmp_path / "a11y.db"
    if scans_db.exists():
        assert sqlite3.connect(scans_db).execute("select count(*) from scans").fetchone()[0] == 0
    assert not (tmp_path / "demo-report.html").exists()
