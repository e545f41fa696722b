"""Are keys typed at staff speed saved as meant? The desk app in a real terminal (tmux).

Run: ``.venv/bin/python bench/desk_typing.py [--tries 50] [--gaps 0,20,50,100]``.

For each gap between keys it starts ``helpdesk`` in a detached tmux session (120x40, or
``--size 80x24``) on a fresh database, then types whole requests the way counter staff
do, one resident after another: ``ctrl+n``, the picker letters and Enters, ``ctrl+s``,
with GAP milliseconds between keys (0: the whole request in one burst, as a fast typist
or a barcode scanner delivers it), and a one-second pause between residents. Three cases
take turns: the common case (DigiD / DigiD activeringscode / meehelpen / opgelost), a
referral (Belastingdienst / Belastingaangifte / informatie / doorverwezen / naar de
schuldhulp), which opens one more field on the way, and the common case typed right
after a look at today's list (ctrl+r), where e and d are the list's own keys. Afterwards it reads the database and
prints, per gap and case, the share of requests saved exactly as typed, and how many
were missing or wrong. It prints figures and asserts nothing: the share depends on the
machine's load, which it prints beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SESSION = "desk-typing-bench"

COMMON_KEYS = ["d", "Enter", *"act", "Enter", *"mee", "Enter", *"opg", "Enter"]
COMMON_FIELDS = {
    "organisations": ["digid"],
    "subjects": ["digid-activation"],
    "help_type": "help-along",
    "outcome": "solved",
    "referred_to": None,
}
# (name, keys before ctrl+n, keys after it, the coded fields that must be saved)
CASES = (
    ("common", [], COMMON_KEYS, COMMON_FIELDS),
    (
        "referral",
        [],
        [*"bel", "Enter", *"bel", "Enter", *"inf", "Enter", *"doorv", "Enter", *"schuld", "Enter"],
        {
            "organisations": ["belastingdienst"],
            "subjects": ["tax-return"],
            "help_type": "information",
            "outcome": "referred",
            "referred_to": "schuldhulp",
        },
    ),
    # staff looked something up in today's list first: ctrl+n comes with focus in the list,
    # whose own keys (e: edit, d: delete) must not swallow the letters meant for the form
    ("from-list", ["C-r"], COMMON_KEYS, COMMON_FIELDS),
)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def wait_for(text: str, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in tmux("capture-pane", "-p", "-t", SESSION):
            return True
        time.sleep(0.1)
    return False


def send(keys: list[str], gap_ms: int) -> None:
    if gap_ms == 0:
        tmux("send-keys", "-t", SESSION, *keys)
        return
    for key in keys:
        tmux("send-keys", "-t", SESSION, key)
        time.sleep(gap_ms / 1000)


def run_gap(gap_ms: int, tries: int, size: str, folder: Path) -> list[tuple[str, bool, str]]:
    """Type ``tries`` requests with this gap; return (case, right, what was saved) each."""
    db, conf = folder / f"desk-{gap_ms}.db", folder / f"settings-{gap_ms}.json"
    env = {**os.environ, "HELPDESK_DB": str(db), "HELPDESK_CONFIG": str(conf)}
    subprocess.run(
        [BIN / "helpdesk", "settings", "--location", "bieb-centrum", "--staff", "m01"],
        env=env,
        check=True,
        capture_output=True,
    )
    width, height = size.split("x")
    tmux("kill-session", "-t", SESSION)
    # PYTHONPATH passes through, to measure a work tree against the installed package.
    pythonpath = f"PYTHONPATH={os.environ['PYTHONPATH']} " if os.environ.get("PYTHONPATH") else ""
    command = f"{pythonpath}HELPDESK_DB={db} HELPDESK_CONFIG={conf} {BIN / 'helpdesk'}"
    tmux("new-session", "-d", "-s", SESSION, "-x", width, "-y", height, command)
    if not wait_for("Organisatie"):
        raise SystemExit("the desk app did not start in tmux")
    typed = []
    for n in range(tries):
        name, before, keys, _ = CASES[n % len(CASES)]
        send([*before, "C-n", *keys, "C-s"], gap_ms)
        typed.append(name)
        time.sleep(1.0)  # the next resident steps up
    time.sleep(1.0)
    tmux("kill-session", "-t", SESSION)
    listed = subprocess.run(
        [BIN / "helpdesk", "list", "--json"], env=env, check=True, capture_output=True, text=True
    ).stdout
    saved = list(reversed(json.loads(listed)))  # oldest first, as typed
    expected = {name: fields for name, _, _, fields in CASES}

    def matches(row: dict, name: str) -> bool:
        return all(row.get(k) == v for k, v in expected[name].items())

    # Pair typed and saved requests in order; a request that was never saved must not
    # make every later one look wrong.
    results, j = [], 0
    for i, name in enumerate(typed):
        if j < len(saved) and matches(saved[j], name):
            results.append((name, True, ""))
            j += 1
        elif j >= len(saved) or (i + 1 < len(typed) and matches(saved[j], typed[i + 1])):
            results.append((name, False, "missing"))
        else:
            got = {k: saved[j].get(k) for k in expected[name]}
            results.append((name, False, json.dumps(got)))
            j += 1
    if j < len(saved):
        results.append(("extra", False, f"{len(saved) - j} saved that were not typed"))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=50)
    parser.add_argument("--gaps", default="0,20,50,100", help="ms between keys, comma-separated")
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        raise SystemExit("needs tmux (apt-get install tmux)")
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, cores {os.cpu_count()}"
    )
    print(f"{'gap ms':>6}  {'case':9} {'right':>7} {'share':>7}  first wrong")
    with tempfile.TemporaryDirectory(prefix="desk-typing-") as tmp:
        for gap in (int(g) for g in args.gaps.split(",")):
            results = run_gap(gap, args.tries, args.size, Path(tmp))
            for name, *_ in CASES:
                mine = [r for r in results if r[0] == name]
                right = sum(1 for r in mine if r[1])
                wrong = next((r[2] for r in mine if not r[1]), "")
                print(
                    f"{gap:>6}  {name:9} {right:>3}/{len(mine):<3} {right / max(1, len(mine)):>7.0%}  {wrong[:70]}"
                )
            extra = [r for r in results if r[0] == "extra"]
            if extra:
                print(f"{gap:>6}  {'extra':9} {extra[0][2]}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
