"""Print a written HTML page: to the printer when there is one, else in the browser.

The desk writes its printable pages (the follow-up slip, a guide's handout) as HTML files
in a folder staff can find (:func:`inclusiedesk.paths.print_dir`). This module only decides
how the page reaches paper and says what it did, so the screen can tell staff where the
file is when the printer is out of paper:

1. CUPS has a default printer (``lpstat -d`` names one and ``lp`` exists): CUPS prints
   PDF but has no filter for HTML (it would refuse the job or print the source code),
   so headless Chromium turns the page into a PDF first and ``lp`` sends that.
2. Otherwise, or when that fails, the default browser opens the page (``webbrowser``,
   which honours ``$BROWSER``); staff print it there with Ctrl+P.
3. Without a screen to show a browser on, the file is only kept.

``INCLUSIEDESK_PRINT`` forces a way: ``auto`` (the default), ``browser`` or ``save``
(only keep the file: a desk without a printer, and the test suite).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import webbrowser
from dataclasses import dataclass
from pathlib import Path

ENV_PRINT_MODE = "INCLUSIEDESK_PRINT"
MODES = ("auto", "browser", "save")
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 60  # seconds for one CUPS or Chromium call: a hung print service must not hang the desk

PRINTER, BROWSER, SAVED = "printer", "browser", "saved"


@dataclass(frozen=True)
class PrintResult:
    """What happened to one page, and where its file is."""

    how: str  # PRINTER, BROWSER or SAVED
    path: Path  # the HTML file, in a folder staff can open
    printer: str | None = None  # the CUPS destination, when it went to the printer
    pdf: Path | None = None  # the PDF sent to the printer, beside the HTML file
    problem: str | None = None  # why the printer was not used although there is one

    @property
    def folder(self) -> Path:
        return self.path.parent


def _mode() -> str:
    mode = os.environ.get(ENV_PRINT_MODE, "auto").strip().lower()
    return mode if mode in MODES else "auto"


def default_printer() -> str | None:
    """The CUPS default destination, or None when there is no printer (or no CUPS)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None or shutil.which("lp") is None:
        return None
    try:
        done = subprocess.run(
            [lpstat, "-d"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "LC_ALL": "C"},  # the English wording is the one parsed
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"system default destination:\s*(\S+)", done.stdout)
    return match.group(1) if done.returncode == 0 and match else None


def chromium() -> str | None:
    """A Chromium (or Chrome) on PATH, to turn HTML into PDF."""
    return next((found for name in CHROMIUMS if (found := shutil.which(name))), None)


def html_to_pdf(html: Path, pdf: Path) -> str | None:
    """Print ``html`` to ``pdf`` with headless Chromium; returns a problem, or None."""
    browser = chromium()
    if browser is None:
        return "no Chromium to turn the page into PDF"
    with tempfile.TemporaryDirectory(prefix="inclusiedesk-print-") as profile:
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            return f"Chromium failed: {exc}"
    if not pdf.is_file() or pdf.stat().st_size == 0:
        return f"Chromium made no PDF (exit code {done.returncode})"
    return None


def send_to_printer(pdf: Path, printer: str) -> str | None:
    """``lp -d PRINTER FILE``; returns a problem, or None when CUPS took the job."""
    lp = shutil.which("lp")
    if lp is None:
        return "no lp command"
    try:
        done = subprocess.run(
            [lp, "-d", printer, "--", str(pdf)], capture_output=True, text=True, timeout=TIMEOUT
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"lp failed: {exc}"
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip() or f"lp exit code {done.returncode}"
    return None


def can_show_browser() -> bool:
    """A browser can open here: Windows, macOS, a graphical session, or ``$BROWSER`` set.

    On a text console Python's ``webbrowser`` would start lynx or w3m in the very terminal
    the desk runs in; then the file is only kept and staff are told where it is.
    """
    if sys.platform in ("win32", "darwin") or os.environ.get("BROWSER"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(path: Path) -> bool:
    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except webbrowser.Error:
        return False


def print_file(path: Path) -> PrintResult:
    """Print the written HTML page ``path`` the best way this computer offers."""
    mode = _mode()
    problem = None
    if mode == "auto":
        printer = default_printer()
        if printer is not None:
            pdf = path.with_suffix(".pdf")
            problem = html_to_pdf(path, pdf) or send_to_printer(pdf, printer)
            if problem is None:
                return PrintResult(PRINTER, path, printer=printer, pdf=pdf)
    if mode != "save" and can_show_browser() and open_in_browser(path):
        return PrintResult(BROWSER, path, problem=problem)
    return PrintResult(SAVED, path, problem=problem)


def describe(result: PrintResult, what: str, lang: str) -> str:
    """The toast for staff: what happened and, always, where the file is.

    ``what`` names the page: 'slip' or 'handout' (keys under ``printing.`` in the catalog).
    """
    from helpdesk.i18n import t

    name = t(f"printing.{what}", lang)
    fields = {"what": name, "path": result.path, "printer": result.printer or ""}
    text = t(f"printing.{result.how}", lang, **fields)
    if result.problem and result.how != PRINTER:
        text = t("printing.problem", lang, problem=result.problem) + text
    return text
