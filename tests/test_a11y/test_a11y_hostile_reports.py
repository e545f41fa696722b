"""Reports never trust what was crawled: a site made of injection payloads, scanned for
real, its HTML report opened in real headless Chromium (no script may run), its JSON
parsed back and its CSV read back with the csv module.
"""

from __future__ import annotations

import csv
import json

import pytest
from axe_check import chromium, script_evidence, to_url
from hostile_sites import RawSite, send
from selenium.webdriver.common.by import By

from a11y.cli import main
from a11y.report.csv import ENCODING

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

#: Page titles: each would run a script or break out of its context if not escaped.
TITLES = [
    "<script>window.__pwned='title'</script>",
    '"><img src=x onerror="window.__pwned=\'attr\'">',
    "</textarea><svg onload=\"window.__pwned='svg'\">",
    "=cmd|' /C calc'!A0, \"quoted\", +1, -1, @SUM(1)",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _payload_page(title: str, n: int) -> str:
    # Each element below fails an axe rule, so its markup lands in the report.
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{_esc(title)}'
        f"</title></head><body><main><h1>Pagina {n}</h1>"
        f'<img id="a&quot;b\'c{n}" src="x{n}" onerror="window.__pwned=\'img\'"'
        f' data-x="&lt;/textarea&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;">'
        f'<input class="=cmd|\' /C calc\'!A0" value="+1,-1,@x,&quot;q&quot;\nregel">'
        f'<a href="/p{n + 1}?q=\'&quot;&gt;&lt;svg onload=x&gt;"></a>'
        "</main></body></html>"
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    routes = {"/": send(_payload_page(TITLES[0], 0))}
    for n, title in enumerate(TITLES[1:], start=1):
        routes[f"/p{n}"] = send(_payload_page(title, n))
    site = RawSite(routes=routes).start()
    folder = tmp_path_factory.mktemp("payloads")
    files = {k: folder / f"r.{k}" for k in ("html", "json", "csv")}
    try:
        code = main(
            ["scan", site.url + "/", "--db", str(folder / "a.db"), "--workers", "1"]
            + ["--timeout", "8", "--fail-on", "none"]
            + [arg for k, f in files.items() for arg in (f"--{k}", str(f))]
        )
    finally:
        site.stop()
    assert code == 0
    return files


def test_html_report_runs_no_crawled_script_and_shows_the_payloads(outputs: dict) -> None:
    with chromium() as driver:
        driver.get(to_url(outputs["html"]))
        evidence = script_evidence(driver, ("__pwned",))
        assert not evidence.script_ran, evidence
        assert driver.find_elements(By.CSS_SELECTOR, "script, img, svg, iframe, textarea") == []
        body = driver.find_element(By.TAG_NAME, "body").text
        all_text = driver.execute_script("return document.body.textContent")
    for title in TITLES:
        assert title in body, title
    assert "onerror=\"window.__pwned='img'\"" in all_text
    assert "=cmd|' /C calc'!A0" in all_text


def test_json_report_round_trips(outputs: dict) -> None:
    text = outputs["json"].read_text(encoding="utf-8")
    data = json.loads(text)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    titles = sorted(p["title"] for p in data["pages"] if p["title"])
    assert titles == sorted(TITLES)
    snippets = [
        n["html"] for p in data["pages"] for v in p["violations"] for n in v["node_details"]
    ]
    assert any("onerror=\"window.__pwned='img'\"" in s for s in snippets)


def test_csv_has_one_row_per_node_and_no_live_formula(outputs: dict) -> None:
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    with outputs["csv"].open(encoding=ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    nodes = [n for p in data["pages"] for v in p["violations"] for n in v["node_details"]]
    assert len(rows) == len(nodes) > len(TITLES)
    # Quotes, commas and newlines inside snippets come back unchanged.
    assert sorted(r["html"] for r in rows) == sorted(
        ("'" + n["html"]) if n["html"].startswith(FORMULA_START) else n["html"] for n in nodes
    )
    assert any("\n" in r["html"] and '"+1,-1,@x,&quot;q' in r["html"] for r in rows)
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_START), row
