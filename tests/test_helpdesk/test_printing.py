"""Printing a written page: real subprocess calls to stand-in ``lpstat``, ``lp``, Chromium
and browser scripts on PATH, each recording how it was called, as CUPS would be called."""

from __future__ import annotations

import os
import stat
import webbrowser
from pathlib import Path

import pytest

from helpdesk import printing
from helpdesk.printing import BROWSER, PRINTER, SAVED, describe, print_file
from inclusiedesk import paths

DEFAULT = "system default destination: Balie_Printer"
NO_DEFAULT = "no system default destination"


def script(folder: Path, name: str, body: str) -> Path:
    """A small shell script that records its arguments in ``<name>.args``, then runs ``body``."""
    path = folder / name
    log = folder / f"{name}.args"
    path.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\n{body}\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def calls(folder: Path, name: str) -> list[str]:
    log = folder / f"{name}.args"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder in front of PATH holding the stand-ins; printing in 'auto' mode."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("INCLUSIEDESK_PRINT", "auto")
    monkeypatch.setenv("BROWSER", str(script(folder, "browser", "exit 0")))
    # webbrowser reads $BROWSER once per process; let it read this test's stand-in.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return folder


def cups(
    folder: Path, lpstat_says: str = DEFAULT, lp_body: str = "echo 'request id is X-1'"
) -> None:
    script(folder, "lpstat", f"echo '{lpstat_says}'")
    script(folder, "lp", lp_body)
    # Chromium's --print-to-pdf=FILE: write a small PDF there, as the real one does.
    body = 'for a in "$@"; do case "$a" in --print-to-pdf=*) printf "%%PDF-1.4 x" > "${a#--print-to-pdf=}";; esac; done'
    script(folder, "chromium", body)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "print" / "afspraak.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<!DOCTYPE html><html lang='nl'><title>x</title><p>x</p></html>", "utf-8")
    return path


def test_default_printer_gets_a_pdf_through_lp(fake_bin: Path, page: Path) -> None:
    cups(fake_bin)
    result = print_file(page)
    assert (result.how, result.printer, result.path) == (PRINTER, "Balie_Printer", page)
    assert calls(fake_bin, "lpstat") == ["-d"]
    # CUPS has no HTML filter: the PDF made by Chromium goes to the printer, not the HTML.
    assert calls(fake_bin, "lp") == ["-d", "Balie_Printer", "--", str(page.with_suffix(".pdf"))]
    assert page.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert f"--print-to-pdf={page.with_suffix('.pdf')}" in calls(fake_bin, "chromium")
    assert calls(fake_bin, "browser") == []
    message = describe(result, "slip", "nl")
    assert "Balie_Printer" in message and str(page) in message


def test_no_default_printer_opens_the_browser(fake_bin: Path, page: Path) -> None:
    cups(fake_bin, lpstat_says=NO_DEFAULT)
    result = print_file(page)
    assert result.how == BROWSER
    assert calls(fake_bin, "lp") == []
    assert calls(fake_bin, "browser") == [page.resolve().as_uri()]
    message = describe(result, "slip", "nl")
    assert "browser" in message and "Ctrl+P" in message and str(page) in message


def test_without_cups_the_browser_opens(fake_bin: Path, page: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(fake_bin))  # no lpstat, no lp anywhere
    assert print_file(page).how == BROWSER
    assert calls(fake_bin, "browser") == [page.resolve().as_uri()]


def test_a_refused_print_job_falls_back_to_the_browser_and_says_why(
    fake_bin: Path, page: Path
) -> None:
    cups(fake_bin, lp_body="echo 'lp: The printer or class does not exist.' >&2; exit 1")
    result = print_file(page)
    assert result.how == BROWSER
    assert calls(fake_bin, "browser") == [page.resolve().as_uri()]
    message = describe(result, "slip", "en")
    assert "printer did not work" in message and "does not exist" in message
    assert str(page) in message


def test_without_chromium_the_printer_is_skipped_for_the_browser(
    fake_bin: Path, page: Path, monkeypatch
) -> None:
    cups(fake_bin)
    (fake_bin / "chromium").unlink()
    monkeypatch.setattr(printing, "CHROMIUMS", ("no-such-chromium",))
    result = print_file(page)
    assert result.how == BROWSER and calls(fake_bin, "lp") == []


def test_save_mode_only_keeps_the_file(fake_bin: Path, page: Path, monkeypatch) -> None:
    cups(fake_bin)
    monkeypatch.setenv("INCLUSIEDESK_PRINT", "save")
    result = print_file(page)
    assert result.how == SAVED
    assert calls(fake_bin, "lpstat") == calls(fake_bin, "browser") == []
    assert describe(result, "handout", "nl") == f"Het uitdeelblad is opgeslagen in {page}"


def test_no_browser_on_a_text_console(fake_bin: Path, page: Path, monkeypatch) -> None:
    """Without a graphical session webbrowser would start lynx inside the desk's terminal."""
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(printing.sys, "platform", "linux")
    cups(fake_bin, lpstat_says=NO_DEFAULT)
    assert print_file(page).how == SAVED


def test_pages_go_to_the_visible_documents_folder(tmp_path: Path, monkeypatch) -> None:
    """~/Documenten/Inclusiedesk on a Dutch desktop (XDG user dirs), not the data folder."""
    monkeypatch.delenv("INCLUSIEDESK_PRINT_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/Documenten"\n', encoding="utf-8"
    )
    assert paths.print_dir() == tmp_path / "Documenten" / "Inclusiedesk"
    monkeypatch.setenv("INCLUSIEDESK_PRINT_DIR", str(tmp_path / "elders"))
    assert paths.print_dir() == tmp_path / "elders"


@pytest.mark.browser
def test_real_chromium_turns_the_page_into_a_pdf(page: Path) -> None:
    if printing.chromium() is None:
        pytest.skip("no Chromium on PATH")
    pdf = page.with_suffix(".pdf")
    assert printing.html_to_pdf(page, pdf) is None
    assert pdf.read_bytes().startswith(b"%PDF")
