"""Smoke test of an installed inclusiedesk, run the way an IT department runs it.

``.ci/run`` installs the built wheel (not editable) into a fresh virtual environment and
runs this script with that environment's Python, from an empty folder with an empty
HOME. Every check is something a new user would do first; a failure prints the command,
its exit code and its output, and the script exits 1. It uses only the standard
library, so it proves nothing by importing the repository by accident: it even refuses
to run when the packages would be imported from a source checkout.

    python smoke_installed.py [--quick] REPO_ROOT
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FAILURES: list[str] = []


def run(*args: str, ok: tuple[int, ...] = (0,)) -> str:
    """Run an installed command; record a failure when its exit code is not expected."""
    bin_dir = Path(sys.executable).parent
    command = (
        [str(bin_dir / args[0]), *args[1:]] if args[0] != "python" else [sys.executable, *args[1:]]
    )
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    shown = " ".join(args)
    print(f"$ {shown}  -> exit {result.returncode}")
    if result.returncode not in ok:
        FAILURES.append(f"{shown}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def check(condition: bool, what: str) -> None:
    print(f"  {'ok ' if condition else 'FAIL'} {what}")
    if not condition:
        FAILURES.append(what)


def installed_not_checkout() -> None:
    import importlib.util

    for name in ("inclusiedesk", "helpdesk", "a11y"):
        spec = importlib.util.find_spec(name)
        origin = str(spec.origin if spec else "")
        check("site-packages" in origin, f"{name} is imported from the installation ({origin})")


def main() -> int:
    quick = "--quick" in sys.argv
    repo = Path([a for a in sys.argv[1:] if not a.startswith("--")][0])
    check(not any(Path.cwd().iterdir()), f"runs in an empty folder ({Path.cwd()})")
    installed_not_checkout()
    expected_guides = len(list((repo / "guides").glob("*/*.md")))

    guides = json.loads(run("helpdesk", "guides", "list", "--json") or "[]")
    check(
        len(guides) == expected_guides,
        f"all {expected_guides} bundled guides listed ({len(guides)})",
    )
    check("0.1" in run("helpdesk", "--version"), "helpdesk --version")
    if quick:
        return report_result()

    check("helpdesk" in run("python", "-m", "helpdesk", "--version"), "python -m helpdesk")
    check("a11y" in run("python", "-m", "a11y", "--version"), "python -m a11y")
    check("a11y" in run("a11y", "--version"), "a11y --version")
    taxonomy = json.loads(run("helpdesk", "taxonomy", "--json") or "{}")
    check(bool(taxonomy), "helpdesk taxonomy --json gives the code lists")
    request = run(
        "helpdesk",
        "log",
        "--org",
        "digid",
        "--subject",
        "digid-apply",
        "--help-type",
        "help-along",
        "--outcome",
        "solved",
        "--location",
        "bieb-centrum",
        "--staff",
        "m12",
    ).strip()
    check(len(request) > 10, f"helpdesk log saves a request ({request!r})")
    stats = json.loads(run("helpdesk", "stats", "--json") or "{}")
    check(bool(stats), "helpdesk stats --json answers")
    settings = run("helpdesk", "settings")
    home = os.environ["HOME"]
    check(f"database = {home}" in settings, "helpdesk settings names the database under HOME")
    run("a11y", "demo")
    report = Path("demo-report.html")
    check(report.is_file(), "a11y demo writes demo-report.html in the current folder")
    check("database:" in run("a11y", "scans"), "a11y scans names its database")
    return report_result()


def report_result() -> int:
    for failure in FAILURES:
        print(f"\nFAILED: {failure}", file=sys.stderr)
    print(f"smoke: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
