"""Template or content: a real scan says per grouped issue where the fix goes.

A web team fixes a barrier in the shared header, menu or footer once, in the template;
a barrier in one article is fixed on that page. The local site below has both kinds,
and the JSON, HTML and CSV must tell them apart the same way.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sites import Response, Site

from a11y import build_report, report_from_dict
from a11y.crawl.engine import CrawlConfig, scan
from a11y.report.csv import ENCODING, write_csv
from a11y.report.html import render_html

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

LOGO = '<a href="/" class="logo"><img src="/logo.png" width="120" height="40"></a>'
# A BEM-named button without a name, on one page only: the class says it is in the header.
MENU_BUTTON = (
    '<button class="site-header__menu" type="button"><svg width="9" height="9"></svg></button>'  # noqa: E501
)
NAV = '<nav aria-label="Hoofdmenu"><a href="/afval">Afval</a> <a href="/paspoort">Paspoort</a> <a href="/nieuws/1">Nieuws</a></nav>'  # noqa: E501
TIP = (
    '<div class="tip" style="color:#aaaaaa;background:#ffffff">Tip: maak online een afspraak.</div>'  # noqa: E501
)
FOOTER = '<footer><a href="/toegankelijkheid">Toegankelijkheidsverklaring</a></footer>'


def _page(title: str, body: str, header_extra: str = "") -> Response:
    return Response(
        body=f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><header class="site-header">{LOGO}{header_extra}</header>{NAV}'
        f"<main><h1>{title}</h1>{body}</main>{FOOTER}</body></html>"
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    site = Site(
        routes={
            "/": _page("Gemeente Voorbeeld", "<p>Welkom.</p>"),
            "/afval": _page("Afval", f"<p>Afval ophalen.</p>{TIP}"),
            "/paspoort": _page("Paspoort", f"<p>Paspoort.</p>{TIP}", header_extra=MENU_BUTTON),
            "/nieuws/1": _page(
                "Nieuws",
                f'<p>Nieuw park.</p><img src="/park-2026.jpg" width="90" height="60">{TIP}',
            ),
            "/toegankelijkheid": _page("Toegankelijkheidsverklaring", "<p>Verklaring.</p>"),
        }
    ).start()
    try:
        db = tmp_path_factory.mktemp("region") / "a11y.db"
        config = CrawlConfig(start_urls=(site.url + "/",), workers=1, delay=0, max_pages=20)
        yield build_report(db, scan(config, db))
    finally:
        site.stop()


def _issue(report: dict, rule: str, snippet: str) -> dict:
    return next(i for i in report["issues"] if i["rule"] == rule and snippet in i["html"])


def test_each_grouped_issue_says_template_or_content(report: dict) -> None:
    logo = _issue(report, "image-alt", "logo.png")
    assert (logo["pages"], logo["region"]) == (5, "template")
    menu = _issue(report, "button-name", "site-header__menu")
    assert menu["pages"] == 1 and menu["region"] == "template"
    assert (menu["region_reason"], menu["landmark"]) == ("landmark", "header")
    tip = _issue(report, "color-contrast", "Tip:")
    assert tip["pages"] == 3 and tip["region"] == "template"
    assert tip["region_reason"] == "repeated"  # inside main, but the same box on 3 pages
    photo = _issue(report, "image-alt", "park-2026.jpg")
    assert photo["pages"] == 1 and photo["region"] == "content"
    assert photo["region_reason"] == "page-content"
    assert all(i["region"] in ("template", "content") for i in report["issues"])


def test_html_and_csv_show_the_region(report: dict, tmp_path: Path) -> None:
    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    where = {}
    for article in soup.find("section", attrs={"aria-labelledby": "issues"}).find_all("article"):
        pre = article.find("pre")
        facts = dict(
            zip(
                [dt.get_text() for dt in article.find_all("dt")],
                [dd.get_text() for dd in article.find_all("dd")],
                strict=True,
            )
        )
        where[pre.get_text() if pre else article.h3.get_text()] = facts["Waar oplossen"]
    photo = next(v for k, v in where.items() if "park-2026.jpg" in k)
    menu = next(v for k, v in where.items() if "site-header__menu" in k)
    tip = next(v for k, v in where.items() if "Tip:" in k)
    assert photo == "In de inhoud van de pagina: per pagina oplossen."
    assert menu.startswith("In het sjabloon (kop van de pagina)")
    assert tip.startswith("In het sjabloon: hetzelfde element staat op 3 pagina's")

    path = tmp_path / "elementen.csv"
    write_csv(report_from_dict(report), path)
    with path.open(encoding=ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    regions = {
        (r["rule"], "park" in r["html"]): r["region"] for r in rows if r["rule"] == "image-alt"
    }
    assert regions == {("image-alt", True): "content", ("image-alt", False): "template"}
    assert {r["region"] for r in rows if "Tip:" in r["html"]} == {"template"}


def test_full_scan_says_every_found_page_was_checked(report: dict) -> None:
    coverage = report["coverage"]
    assert coverage["mode"] == "all" and report["sampling"] is None
    assert coverage["pages_found"] == coverage["pages_checked"] == 5
    assert coverage["pages_not_visited"] == 0 and coverage["max_pages"] == 20
    assert coverage["limit_reached"] is False
    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    text = soup.find("section", attrs={"aria-labelledby": "coverage"}).get_text(" ")
    assert "Elke gevonden pagina is gecontroleerd" in " ".join(text.split())
    assert "maximaal 20 pagina's" in text
