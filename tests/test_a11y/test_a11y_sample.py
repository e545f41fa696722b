"""--sample: every template of a site with known templates gets at least one checked page.

The generated municipal site (tests/sites_generated.py) is built from known templates;
the sampled scan must check a page of each of them, fewer pages in all than a full
scan, and say in the report which checked pages stand for which template.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sites_generated import serve

from a11y import build_report, report_from_dict
from a11y.crawl.engine import CrawlConfig, scan
from a11y.crawl.page_templates import Sampler
from a11y.report.html import render_html


@pytest.mark.browser
def test_sample_checks_every_template(tmp_path: Path) -> None:
    site, gen = serve(60)
    try:
        db = tmp_path / "a11y.db"
        config = CrawlConfig(start_urls=(f"{site.url}/",), sample=True)
        report = build_report(db, scan(config, db))
    finally:
        site.stop()
    pages = {urlsplit(p["url"]).path: p for p in report["pages"]}
    assert set(gen.pages) <= set(pages), "sampling must still crawl every page"
    checked_by_template: dict[str, set[str]] = defaultdict(set)
    fingerprints_by_template: dict[str, set[str]] = defaultdict(set)
    for path, known in gen.templates.items():
        page = pages[path]
        fingerprints_by_template[known].add(page["template"])
        if page["sample"] in ("template", "random"):
            checked_by_template[known].add(path)
    assert set(checked_by_template) == set(gen.templates.values())
    # The fingerprint recognises the generator's templates: one fingerprint per template.
    assert all(len(f) == 1 for f in fingerprints_by_template.values()), fingerprints_by_template
    checked = [p for p in report["pages"] if p["sample"] in ("template", "random")]
    assert report["scan"]["pages_checked"] == len(checked) < len(gen.pages)
    sampling = report["sampling"]
    assert sampling["mode"] == "sample"
    assert sum(t["pages"] for t in sampling["templates"]) >= len(gen.pages)
    assert all(t["checked"] for t in sampling["templates"])
    # Template barriers are still found: the header logo without alt text.
    assert any(i["rule"] == "image-alt" and i["pages"] > 1 for i in report["issues"])
    # The totals a reader needs: templates, structured and random checks, pages skipped.
    structured = sum(p["sample"] == "template" for p in report["pages"])
    random = sum(p["sample"] == "random" for p in report["pages"])
    skipped = sum(p["sample"] == "not-checked" for p in report["pages"])
    assert (
        sampling["template_count"] == len(sampling["templates"]) >= len(set(gen.templates.values()))
    )
    assert (sampling["checked_template"], sampling["checked_random"]) == (structured, random)
    assert sampling["not_checked"] == skipped > 0
    assert report["coverage"]["mode"] == "sample"
    assert report["coverage"]["pages_not_checked_sample"] == skipped
    # The HTML report states the sample and which checked pages stand for each template.
    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "coverage"})
    text = " ".join(section.get_text(" ").split())
    assert f"Gevonden: {sampling['template_count']} sjablonen" in text
    assert f"Gecontroleerd: {structured} pagina's in de gestructureerde steekproef" in text
    assert f"{skipped} gevonden pagina" in text and "niet gecontroleerd" in text
    rows = section.find("table").find("tbody").find_all("tr")
    assert len(rows) == sampling["template_count"]
    listed = {a["href"] for a in section.find("details").find_all("a")}
    assert listed == {c["url"] for t in sampling["templates"] for c in t["checked"]}


def test_sampler_checks_first_pages_per_template_then_a_fixed_random_share() -> None:
    sampler = Sampler(per_template=2, random_share=0.5)
    decisions = [sampler.decide(f"https://g.nl/nieuws/{i}", "news") for i in range(200)]
    assert decisions[:2] == ["template", "template"]
    rest = decisions[2:]
    assert set(rest) <= {"random", None}
    assert 60 < rest.count("random") < 140
    again = Sampler(per_template=2, random_share=0.5)
    assert [again.decide(f"https://g.nl/nieuws/{i}", "news") for i in range(200)] == decisions
    assert sampler.decide("https://g.nl/", "home") == "template"
