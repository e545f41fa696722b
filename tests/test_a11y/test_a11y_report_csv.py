"""CSV export: one row per element, survives hostile text, neutralises formulas."""

from __future__ import annotations

import csv
import os
import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sample_report import ATTR, HOSTILE_URL, SCRIPT, sample_report

from a11y import report_from_dict
from a11y.report.csv import COLUMNS, ENCODING, neutralise, write_csv


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=ENCODING, newline="") as fh:
        return list(csv.DictReader(fh))


def test_one_row_per_violation_node(tmp_path: Path) -> None:
    report = sample_report()
    path = tmp_path / "rapport.csv"
    count = write_csv(report_from_dict(report), path)
    rows = _read(path)
    expected = sum(len(v["node_details"]) for p in report["pages"] for v in p["violations"])
    assert count == len(rows) == expected
    assert list(rows[0]) == list(COLUMNS)
    logo = rows[0]
    assert logo["page_url"] == "https://www.voorbeeldrecht.nl/"
    assert (logo["rule"], logo["impact"], logo["wcag"], logo["en301549"]) == (
        "image-alt",
        "critical",
        "1.1.1",
        "9.1.1.1",
    )
    label = [r for r in rows if r["rule"] == "label"]
    assert label[0]["wcag"] == "4.1.2;1.3.1"
    assert label[0]["en301549"] == "9.4.1.2;9.1.3.1"
    assert label[0]["page_url"] == HOSTILE_URL


def test_hostile_text_round_trips_and_formulas_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "rapport.csv"
    write_csv(report_from_dict(sample_report()), path)
    rows = _read(path)
    label = [r for r in rows if r["rule"] == "label"]
    assert label[0]["target"] == f'input[name="{ATTR}"]'  # quotes survive
    assert label[0]["help"].endswith(SCRIPT)
    assert label[1]["target"] == "'=cmd|' /C calc'!A0"
    assert label[1]["html"] == "'=cmd|' /C calc'!A0"
    assert (label[2]["target"], label[2]["html"]) == ("'+1", "'-1")
    assert label[3]["target"] == "'\tinput.tab"
    assert label[3]["html"] == "'\rcarriage"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_streams_get_no_byte_order_mark(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_csv(report_from_dict(sample_report()), fifo)
    reader.join(timeout=30)
    assert received[0].startswith(b"page_url,rule,")
    assert (tmp_path / "x.csv").exists() is False
    write_csv(report_from_dict(sample_report()), tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfpage_url,")


def test_empty_report_writes_header_only(tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    assert write_csv(report_from_dict({"pages": []}), path) == 0
    assert path.read_text(encoding=ENCODING).strip() == ",".join(COLUMNS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_text_survives_a_round_trip(tmp_path_factory, text: str) -> None:
    report = {
        "pages": [
            {
                "url": text,
                "violations": [
                    {
                        "rule": "r",
                        "impact": "minor",
                        "wcag": [text, "1.1.1"],
                        "en301549": [],
                        "help": text,
                        "help_url": None,
                        "node_details": [{"target": text, "html": f'"{text},\n'}],
                    }
                ],
            }
        ]
    }
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    write_csv(report_from_dict(report), path)
    (row,) = _read(path)
    assert row["help"] == neutralise(text)
    assert row["html"] == f'"{text},\n'
    assert row["wcag"] == neutralise(f"{text};1.1.1")


def test_region_column_says_template_or_content(tmp_path: Path) -> None:
    path = tmp_path / "rapport.csv"
    write_csv(report_from_dict(sample_report()), path)
    rows = _read(path)
    assert {r["region"] for r in rows if r["rule"] == "image-alt"} == {"template"}  # header logo
    assert {r["region"] for r in rows if r["rule"] == "color-contrast"} == {"template"}  # footer
    assert {r["region"] for r in rows if r["rule"] == "button-name"} == {""}  # not known here
