"""Time `a11y scan` against @axe-core/cli, pa11y-ci and a floor on one generated site.

Usage (from the repository root; see bench/README.md):

    .venv/bin/python bench/crawl_vs_peers.py [--pages 200] [--skip-peers] [--workers N]

The site comes from ``tests/sites_generated.py`` (deterministic for a page count), is
served on 127.0.0.1 and every tool checks the same HTML pages at WCAG 2.1 AA tags.
Prints a table: tool, pages, seconds, pages/s, violations (page x rule pairs), peak memory
(PSS) of the tool and its browsers, and the ratio of our pages/s to the tool's. Speed is
printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "bench" / "peers"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from sites_generated import serve  # noqa: E402

from a11y import settings  # noqa: E402
from a11y.browser import axe  # noqa: E402

TAGS = list(axe.LEVEL_TAGS["AA"])


class PeakRss:
    """Samples the memory of a process and all its descendants while it runs.

    Two sums: RSS, which counts a page shared by Chromium's many processes once per
    process and so overstates, and PSS, which splits each shared page among its
    sharers and so adds up to what the tree really holds. The table shows PSS.
    RSS is cheap to read and sampled twice a second; PSS makes the kernel walk every
    mapping (~130 ms of CPU for a scan's tree), so it is sampled after 1 s and then
    every 5 s, lest the sampler slow down the tool it measures.
    With ``status`` it also prints a line every minute (now and peak, plus what
    ``status()`` says), so a long run shows whether memory stays flat as it goes.
    """

    def __init__(self, pid: int, status: Callable[[], str] | None = None) -> None:
        self.pid, self.peak, self.peak_rss, self._stop = pid, 0, 0, threading.Event()
        self._status = status
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        start = last = time.monotonic()
        next_pss, pss = start + 1, 0
        while not self._stop.wait(0.5):
            pids = tree_pids(self.pid)
            rss = sum(_memory(pid, "statm") for pid in pids)
            self.peak_rss = max(self.peak_rss, rss)
            if time.monotonic() >= next_pss:
                pss = sum(_memory(pid, "smaps_rollup") for pid in pids)
                self.peak, next_pss = max(self.peak, pss), time.monotonic() + 5
            if self._status and time.monotonic() - last >= 60:
                last = time.monotonic()
                print(
                    f"  {last - start:5.0f} s: PSS {pss / 2**20:.0f} MB (peak"
                    f" {self.peak / 2**20:.0f} MB; summed RSS {rss / 2**20:.0f} MB, peak"
                    f" {self.peak_rss / 2**20:.0f} MB), {self._status()}",
                    file=sys.stderr,
                    flush=True,
                )

    def stop(self) -> int:
        """Stop sampling; the peak PSS in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, []))
    return pids


def _memory(pid: int, source: str) -> int:
    """Bytes of one process: RSS from ``statm`` or PSS from ``smaps_rollup``; 0 if gone."""
    try:
        text = Path(f"/proc/{pid}/{source}").read_text()
    except OSError:
        return 0
    if source == "statm":
        return int(text.split()[1]) * PAGE_SIZE
    pss = next((line for line in text.splitlines() if line.startswith("Pss:")), "Pss: 0")
    return int(pss.split()[1]) * 1024


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def timed(
    cmd: list[str],
    env: dict | None = None,
    limit: float = 7200,
    status: Callable[[], str] | None = None,
) -> tuple[float, int, str]:
    """Run a command (killed after ``limit`` s): seconds, peak PSS of its tree, stdout."""
    start = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, start_new_session=True
        )
        rss = PeakRss(proc.pid, status)
        try:
            proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
            print(f"{cmd[0]}: killed after {limit:g} s", file=sys.stderr)
        peak = rss.stop()
        out.seek(0)
        text = out.read()
    return time.monotonic() - start, peak, text


def ours(base: str, workers: int | None, tmp: Path, axe_only: bool = False) -> dict:
    report = tmp / f"ours{'-axe' if axe_only else ''}.json"
    db = tmp / f"a11y{'-axe' if axe_only else ''}.db"
    cmd = [str(ROOT / ".venv/bin/python"), "-m", "a11y.cli", "scan", base + "/", "--db", str(db)]
    if axe_only:  # what axe alone costs next to the peers, which run axe only too
        cmd += ["--checks", "axe"]
    cmd += ["--json", str(report), "--fail-on", "none", "--max-pages", "100000"]
    if workers:
        cmd += ["--workers", str(workers)]
    seconds, peak, _ = timed(cmd, status=lambda: f"{_stored(db)} pages stored")
    data = json.loads(report.read_text())
    pairs = {
        (urlsplit(p["final_url"] or p["url"]).path, v["rule"])
        for p in data["pages"]
        for v in p["violations"]
    }
    checked = data["scan"]["pages_checked"]
    tool = "a11y scan, axe only (no own checks)" if axe_only else "a11y scan (ours, default)"
    return {"tool": tool, "pages": checked, "s": seconds, "rss": peak, "v": pairs}


def _stored(db: Path) -> int | str:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as c:
            return c.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    except sqlite3.Error:
        return "?"


def floor(urls: list[str]) -> tuple[dict, dict]:
    """One reused Chromium session: load, inject axe, axe.run; per-step medians."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = settings.chromium_path()
    profile = tempfile.mkdtemp(prefix="a11y-bench-")
    for arg in (*settings.CHROMIUM_ARGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    source = Path(settings.axe_script_path()).read_text(encoding="utf-8")
    start = time.monotonic()
    driver = webdriver.Chrome(options=options, service=Service(settings.chromedriver_path()))
    rss = PeakRss(os.getpid())
    steps: dict[str, list[float]] = {"load": [], "inject": [], "run": []}
    pairs = set()
    opts = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    try:
        for url in urls:
            t0 = time.monotonic()
            driver.get(url)
            t1 = time.monotonic()
            driver.execute_script(source)
            t2 = time.monotonic()
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, arguments[0]).then(r => done(r.violations.map(v => v.id)));",
                opts,
            )
            t3 = time.monotonic()
            steps["load"].append(t1 - t0)
            steps["inject"].append(t2 - t1)
            steps["run"].append(t3 - t2)
            pairs.update((urlsplit(url).path, rule) for rule in result)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    seconds = time.monotonic() - start
    medians = {k: statistics.median(v) for k, v in steps.items()}
    row = {"tool": "floor: 1 session, load+axe", "pages": len(urls), "s": seconds}
    return {**row, "rss": rss.stop(), "v": pairs}, medians


def axe_cli(urls: list[str]) -> dict:
    cmd = [str(PEERS / "node_modules/.bin/axe"), *urls, "--tags", ",".join(TAGS), "--stdout"]
    cmd += ["--chromedriver-path", settings.chromedriver_path()]
    cmd += ["--chrome-path", settings.chromium_path(), "--axe-source", settings.axe_script_path()]
    cmd += ["--chrome-options", ",".join(a.lstrip("-") for a in settings.CHROMIUM_ARGS)]
    seconds, peak, out = timed(cmd)
    results = json.loads(out[out.index("[") :]) if "[" in out else []
    pairs = {(urlsplit(r["url"]).path, v["id"]) for r in results for v in r["violations"]}
    return {"tool": "@axe-core/cli", "pages": len(results), "s": seconds, "rss": peak, "v": pairs}


def pa11y_ci(sitemap: str, runner: str, concurrency: int, tmp: Path) -> dict:
    config = tmp / f"pa11y-{runner}.json"
    config.write_text(
        json.dumps(
            {
                "defaults": {
                    "runners": [runner],
                    "standard": "WCAG2AA",
                    "concurrency": concurrency,
                    "timeout": 60000,
                    "chromeLaunchConfig": {
                        "executablePath": settings.chromium_path(),
                        "args": list(settings.CHROMIUM_ARGS),
                    },
                }
            }
        )
    )
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    cmd = [str(PEERS / "node_modules/.bin/pa11y-ci"), "--config", str(config), "--json"]
    cmd += ["--sitemap", sitemap, "--threshold", "1000000"]
    seconds, peak, out = timed(cmd, env)
    try:
        data = json.loads(out[out.index("{") :])
    except ValueError:
        data = {"results": {}}
    pairs = {
        (urlsplit(url).path, issue.get("code"))
        for url, issues in data.get("results", {}).items()
        for issue in issues
        if isinstance(issue, dict) and issue.get("type", "error") == "error"
    }
    tool = f"pa11y-ci ({runner}, concurrency {concurrency})"
    return {
        "tool": tool,
        "pages": len(data.get("results", {})),
        "s": seconds,
        "rss": peak,
        "v": pairs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="size of the generated site")
    parser.add_argument("--workers", type=int, default=None, help="our --workers (default ours)")
    parser.add_argument("--skip-peers", action="store_true", help="only ours and the floor")
    parser.add_argument(
        "--ours-only", action="store_true", help="only our default scan (long memory runs)"
    )
    args = parser.parse_args(argv)
    site, gen = serve(args.pages)
    urls = [site.url + p for p in gen.pages]
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="a11y-bench-") as tmpdir:
            tmp = Path(tmpdir)
            load_before = os.getloadavg()
            rows.append(ours(site.url, args.workers, tmp))
            medians = None
            if not args.ours_only:
                rows.append(ours(site.url, args.workers, tmp, axe_only=True))
                floor_row, medians = floor(urls)
                rows.append(floor_row)
            if not (args.skip_peers or args.ours_only):
                if (PEERS / "node_modules/.bin/axe").exists():
                    rows.append(axe_cli(urls))
                else:
                    print("@axe-core/cli not installed: see bench/README.md", file=sys.stderr)
                if (PEERS / "node_modules/.bin/pa11y-ci").exists():
                    rows.append(pa11y_ci(site.url + "/sitemap.xml", "axe", 2, tmp))
                    rows.append(pa11y_ci(site.url + "/sitemap.xml", "htmlcs", 2, tmp))
                else:
                    print("pa11y-ci not installed: see bench/README.md", file=sys.stderr)
            load_after = os.getloadavg()
    finally:
        site.stop()
    ours_rate = rows[0]["pages"] / rows[0]["s"]
    print(f"site: {len(urls)} HTML pages, {len(gen.documents)} PDFs, cores {os.cpu_count()}")
    head = f"{'tool':38} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'viol':>5}"
    print(head + f" {'peak PSS':>9} {'ours/tool':>9}")
    for r in rows:
        rate = r["pages"] / r["s"] if r["s"] else 0
        ratio = f"{ours_rate / rate:9.2f}" if rate else f"{'-':>9}"
        print(
            f"{r['tool']:38} {r['pages']:>5} {r['s']:8.1f} {rate:8.2f} {len(r['v']):>5}"
            f" {r['rss'] / 2**20:7.0f}MB {ratio}"
        )
    if medians:
        per_page = medians["load"] + medians["run"]
        print(
            f"floor medians per page: load {medians['load'] * 1000:.0f} ms, inject"
            f" {medians['inject'] * 1000:.0f} ms, axe.run {medians['run'] * 1000:.0f} ms;"
            f" ideal bound cores/median(load+axe.run) = {(os.cpu_count() or 1) / per_page:.1f}"
            " pages/s"
        )
    for r in rows[1:]:
        if r["tool"].startswith(("floor", "@axe", "a11y")):
            only_ours, only_theirs = rows[0]["v"] - r["v"], r["v"] - rows[0]["v"]
            print(
                f"violations vs {r['tool']}: {len(only_ours)} only ours,"
                f" {len(only_theirs)} only theirs"
                + (
                    f" e.g. {sorted(only_ours | only_theirs)[:3]}"
                    if only_ours or only_theirs
                    else ""
                )
            )
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*load_after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
