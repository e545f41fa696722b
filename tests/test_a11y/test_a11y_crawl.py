"""End-to-end crawl of a hostile local site in real headless Chromium with real axe-core.

One scan is shared by the whole module (starting browsers is the slow part); each
test asserts one behaviour a web team would notice in the report or server logs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sites import Response, Site, page, redirect, sitemap

from a11y import build_report
from a11y.crawl.engine import CrawlConfig, scan

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

PDF = b"%PDF-1.4\n" + b"0" * 1000

HEADER = '<header><a href="/"><img src="/logo.png"></a></header>'
FOOTER = '<footer><a href="/toegankelijkheid">Toegankelijkheidsverklaring</a></footer>'


def municipal(title: str, body: str, head: str = "") -> Response:
    """Every page shares the template: a logo without alt text and a statement link."""
    return Response(
        body=f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body>{HEADER}<main><h1>{title}</h1>{body}</main>{FOOTER}</body></html>"
    )


def calendar(path: str) -> Response:
    month = int(path.split("month=")[1]) if "month=" in path else 0
    return municipal(f"Agenda {month}", f'<a href="/cal?month={month + 1}">Volgende maand</a>')


ADDS_LATER = """<script>
window.addEventListener('load', () => setTimeout(() => {
  const img = document.createElement('img'); img.src = '/added-by-script.png';
  const a = document.createElement('a'); a.href = '/from-script'; a.textContent = 'Van script';
  document.querySelector('main').append(img, a);
}, 100));
</script>"""


@pytest.fixture(scope="module")
def other() -> Site:
    """The out-of-scope host: any request it logs is a failure."""
    site = Site(
        routes={"/": page("Elders", "<p>buiten scope</p>"), "/doc.pdf": Response(body=PDF)}
    ).start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def site(other: Site) -> Site:
    s = Site().start()
    o = other.url
    home_links = [
        "/contrast",
        "/ok",
        "/ok?utm_source=nieuwsbrief#top",
        "/script",
        "/iframe",
        "/cal?month=1",
        "/docs/jaarverslag.pdf",
        "/download?id=7",
        "/private/secret",
        f"{o}/",
        f"{o}/doc.pdf",
        "/away",
        "/old",
        "/missing",
        "/broken",
        "/hang",
        "/slowimg",
        "mailto:info@example.nl",
        "/review",
        "/also-old",
        "/shadow",
    ]
    s.routes.update(
        {
            "/": municipal(
                "Home", "".join(f'<a href="{h}">link {i}</a> ' for i, h in enumerate(home_links))
            ),
            "/contrast": municipal(
                "Contrast", '<p style="color:#bbbbbb;background:#ffffff">Lage contrast tekst</p>'
            ),
            "/review": municipal(
                "Nakijken",
                '<p style="color:#767676;background:#fff url(/bg.png)">Tekst op een plaatje</p>',
            ),
            "/ok": municipal("Goed", "<p>Niets aan de hand</p>"),
            "/script": municipal("Script", "<p>Later meer</p>", head=ADDS_LATER),
            "/from-script": municipal("Van script", "<p>Gevonden via script</p>"),
            "/iframe": municipal("Frame", '<iframe src="/inner" title="Ingesloten"></iframe>'),
            "/inner": page("Binnen", '<img src="/inner-chart.png">'),
            "/cal": calendar,
            "/private/secret": municipal("Geheim", "<p>nooit</p>"),
            "/away": redirect(f"{o}/"),
            "/old": redirect("/moved-here", 301),
            "/also-old": redirect("/ok"),
            "/shadow": municipal(
                "Schaduw",
                '<div id="kaart"></div><script>document.getElementById("kaart")'
                '.attachShadow({mode: "open"}).innerHTML = \'<img src="/in-shadow.png">\';</script>',
            ),
            "/moved-sitemap.xml": redirect(f"{o}/sitemap.xml"),
            "/moved-here": municipal("Verhuisd", "<p>nieuw adres</p>"),
            "/broken": Response(500, "<!doctype html><title>Fout</title>"),
            "/hang": Response(hang=60),
            "/slowimg": municipal("Traag", '<img src="/hang-img" alt="traag plaatje">'),
            "/hang-img": Response(hang=60, content_type="image/png"),
            "/docs/jaarverslag.pdf": Response(body=PDF, content_type="application/pdf"),
            "/download": Response(body=PDF, content_type="application/pdf"),
            "/toegankelijkheid": municipal(
                "Toegankelijkheidsverklaring", "<p>Nalevingsstatus: B</p>"
            ),
            "/robots.txt": Response(
                body=f"User-agent: *\nDisallow: /private/\nSitemap: {s.url}/robots-sitemap.xml\n"
                f"Sitemap: {s.url}/moved-sitemap.xml\n",
                content_type="text/plain",
            ),
            "/robots-sitemap.xml": sitemap([f"{s.url}/only-in-robots-sitemap"]),
            "/sitemap.xml": sitemap([f"{s.url}/sitemap-pages.xml.gz"], index=True),
            "/sitemap-pages.xml.gz": sitemap([f"{s.url}/only-in-gz-sitemap"], gz=True),
            "/only-in-robots-sitemap": municipal("Robots sitemap", "<p>alleen in sitemap</p>"),
            "/only-in-gz-sitemap": municipal("Gz sitemap", "<p>alleen in gz</p>"),
        }
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def report(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("crawl") / "a11y.db"
    config = CrawlConfig(
        start_urls=(site.url + "/",),
        sitemaps=(site.url + "/sitemap.xml",),
        workers=2,
        timeout=3,
    )
    scan_id = scan(config, db)
    return build_report(db, scan_id)


def by_path(report: dict, path: str) -> dict:
    matches = [
        p for p in report["pages"] if p["url"].split(":", 2)[2].split("/", 1)[1] == path.lstrip("/")
    ]
    assert len(matches) == 1, f"{path}: {[p['url'] for p in report['pages']]}"
    return matches[0]


def rules(page_: dict) -> dict[str, dict]:
    return {v["rule"]: v for v in page_["violations"]}


def test_known_barriers_have_rule_and_wcag_number(report: dict) -> None:
    contrast = rules(by_path(report, "/contrast"))["color-contrast"]
    assert contrast["wcag"] == ["1.4.3"]
    assert contrast["en301549"] == ["9.1.4.3"]
    assert contrast["impact"] == "serious"
    image = rules(by_path(report, "/"))["image-alt"]
    assert image["wcag"] == ["1.1.1"] and image["impact"] == "critical"
    assert any("logo.png" in n["html"] for n in image["node_details"])
    assert "color-contrast" not in rules(by_path(report, "/ok"))


def test_barrier_and_link_added_by_script_after_load(report: dict) -> None:
    image = rules(by_path(report, "/script"))["image-alt"]
    assert any("added-by-script.png" in n["html"] for n in image["node_details"])
    assert by_path(report, "/from-script")["error"] is None


def test_same_origin_iframe_is_checked(report: dict) -> None:
    image = rules(by_path(report, "/iframe"))["image-alt"]
    inner = [n for n in image["node_details"] if "inner-chart.png" in n["html"]]
    assert inner and inner[0]["target"].startswith("iframe") and " >>> " in inner[0]["target"]


def test_shadow_dom_target_is_joined(report: dict) -> None:
    image = rules(by_path(report, "/shadow"))["image-alt"]
    (node,) = [n for n in image["node_details"] if "in-shadow.png" in n["html"]]
    assert node["target"].startswith("#kaart >>> img")


def test_out_of_scope_host_receives_no_request(report: dict, other: Site) -> None:
    assert other.log == []
    assert "out-of-scope" in by_path(report, "/away")["error"]


def test_robots_disallowed_path_is_never_requested(report: dict, site: Site) -> None:
    assert "/robots.txt" in site.paths()
    assert not [p for p in site.paths() if p.startswith("/private")]


def test_calendar_trap_ends_within_the_query_cap(report: dict, site: Site) -> None:
    months = {p for p in site.paths() if p.startswith("/cal?")}
    assert 1 <= len(months) <= 10
    assert report["scan"]["finished_at"]


def test_hanging_pages_time_out_and_the_scan_goes_on(report: dict) -> None:
    hang = by_path(report, "/hang")
    assert hang["status"] is None and "timeout" in hang["error"]
    slow = by_path(report, "/slowimg")
    assert slow["status"] == 200 and "timeout" in slow["error"]
    assert report["scan"]["pages_checked"] >= 15


def test_http_errors_are_recorded_per_page(report: dict) -> None:
    assert by_path(report, "/missing")["status"] == 404
    assert by_path(report, "/missing")["error"] == "HTTP 404"
    assert by_path(report, "/broken")["status"] == 500
    failed = [p for p in report["pages"] if p["error"]]
    assert report["scan"]["pages_failed"] == len(failed)


def test_redirect_followed_in_scope_and_recorded(report: dict) -> None:
    old = by_path(report, "/old")
    assert old["redirects"] == [old["final_url"]]
    assert old["final_url"].endswith("/moved-here") and old["error"] is None
    assert not [p for p in report["pages"] if p["url"].endswith("/moved-here")]


def test_redirect_to_an_already_known_page_is_not_checked_twice(report: dict) -> None:
    also = by_path(report, "/also-old")
    assert also["final_url"].endswith("/ok") and also["redirects"] == [also["final_url"]]
    assert also["error"] is None and also["violations"] == []
    assert len([p for p in report["pages"] if p["final_url"] == also["final_url"]]) == 2
    assert len([p for p in report["pages"] if p["url"] == also["final_url"]]) == 1


def test_url_normalisation_visits_a_page_once(report: dict, site: Site) -> None:
    assert len([p for p in report["pages"] if p["url"].endswith("/ok")]) == 1
    assert not [p for p in site.paths() if "utm_" in p]


def test_sitemaps_gzip_index_and_robots_advertised(report: dict) -> None:
    assert by_path(report, "/only-in-gz-sitemap")["error"] is None
    assert by_path(report, "/only-in-robots-sitemap")["error"] is None


def test_documents_are_listed_not_checked(report: dict, site: Site) -> None:
    docs = {d["url"].rsplit("/", 1)[1]: d for d in report["documents"]}
    assert docs["jaarverslag.pdf"]["type"] == "application/pdf"
    assert docs["jaarverslag.pdf"]["bytes"] == len(PDF)
    assert docs["jaarverslag.pdf"]["found_on"] == site.url + "/"
    assert docs["download?id=7"]["type"] == "application/pdf"
    assert "doc.pdf" not in docs
    assert not [p for p in report["pages"] if p["url"].endswith(".pdf")]


def test_same_template_barrier_is_one_issue(report: dict) -> None:
    logo = [i for i in report["issues"] if i["rule"] == "image-alt" and "logo.png" in i["html"]]
    assert len(logo) == 1
    assert logo[0]["pages"] == report["scan"]["pages_checked"]
    assert logo[0]["nodes"] == logo[0]["pages"]
    assert len(logo[0]["example_urls"]) == 5
    impacts = [i["impact"] for i in report["issues"]]
    order = ["critical", "serious", "moderate", "minor"]
    assert impacts == sorted(impacts, key=order.index)


def test_statement_found_with_status(report: dict) -> None:
    assert report["statement"]["found"] is True
    assert report["statement"]["url"].endswith("/toegankelijkheid")
    assert report["statement"]["status"] == "B"


def test_criteria_results(report: dict) -> None:
    crit = {c["number"]: c for c in report["criteria"]}
    assert len(crit) == 50
    assert crit["1.1.1"]["result"] == "failed" and crit["1.1.1"]["rules"] == ["image-alt"]
    assert crit["1.4.3"]["result"] == "failed"
    assert crit["2.4.2"]["result"] == "no-violations-found"
    # focus visible is only tested by `--checks full`; the default scan must not claim it
    assert crit["2.4.7"]["result"] == "not-tested-automatically"
    assert crit["2.4.7"]["tested_by"] == "none"
    assert crit["3.3.4"]["result"] == "not-tested-automatically"
    assert crit["1.1.1"]["name_nl"] and crit["1.1.1"]["en301549"] == "9.1.1.1"


def test_json_contract_fields(report: dict) -> None:
    text = json.dumps(report, ensure_ascii=False)
    data = json.loads(text)
    assert {"scan", "pages", "issues", "criteria", "statement", "documents"} <= set(data)
    assert {
        "id",
        "started_at",
        "finished_at",
        "start_urls",
        "axe_version",
        "level",
        "pages_checked",
        "pages_failed",
    } <= set(data["scan"])
    assert data["scan"]["axe_version"] == "4.9.1" and data["scan"]["level"] == "AA"
    for p in data["pages"]:
        assert {
            "url",
            "final_url",
            "status",
            "title",
            "error",
            "violations",
            "needs_review",
        } <= set(p)
        for v in p["violations"] + p["needs_review"]:
            assert {"rule", "impact", "wcag", "en301549", "help", "targets", "nodes"} <= set(v)
            assert v["nodes"] == len(v["targets"])
    for i in data["issues"]:
        assert {
            "rule",
            "impact",
            "wcag",
            "en301549",
            "fingerprint",
            "pages",
            "nodes",
            "example_urls",
        } <= set(i)
    assert {"found", "url", "status"} == set(data["statement"])
    assert all({"url", "type", "bytes"} <= set(d) for d in data["documents"])


def test_raw_axe_json_is_kept(report: dict, tmp_path_factory: pytest.TempPathFactory) -> None:
    import sqlite_utils

    dbs = list(Path(tmp_path_factory.getbasetemp()).glob("crawl*/a11y.db"))
    db = sqlite_utils.Database(dbs[0])
    raw = [json.loads(r["raw_axe"]) for r in db.query("select raw_axe from pages where checked")]
    assert raw and all(r["testEngine"]["version"] == "4.9.1" for r in raw)


def test_needs_review_is_kept_apart_from_violations(report: dict) -> None:
    review = by_path(report, "/review")
    assert "color-contrast" in {v["rule"] for v in review["needs_review"]}
    assert "color-contrast" not in rules(review)
    assert all(
        i["rule"] != "color-contrast" or "/review" not in i["example_urls"][0]
        for i in report["issues"]
    )
