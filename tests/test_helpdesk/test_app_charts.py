"""The statistics screen's charts against ``helpdesk stats --json`` (issue 13).

With more categories than a chart has lines, bars were dropped and labels shifted (the
bar labelled Belastingdienst showed Gemeente's count). These tests fill a database with
more organisations and subjects than fit, open the screen with Pilot at 120x40 and at
80x24, read every chart as drawn and compare it with what the real CLI prints for the
same period: every label, every count, the order, the 'other' bar as the sum of the rest
and suppressed cells never revealed.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from conftest import RunCli
from desk_pilot import run
from screen_text import screen_text
from test_app_stats import open_stats, settle, type_period
from textual.pilot import Pilot
from textual.widgets import Static

from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.records import DeskRequest
from helpdesk.screens.stats import StatsScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.stats.council_report import label
from helpdesk.stats.figures import BAR_CHARTS, SERIES, Bar, Chart, bars
from helpdesk.store import open_store
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.stat_chart import BarRows

PERIOD = "2026-Q3"
# Requests per organisation in July 2026: more organisations than a chart has lines,
# ties, and five below the threshold (they must stay '<5' everywhere).
ORG_COUNTS = {
    "gemeente": 71,
    "digid": 64,
    "belastingdienst": 37,
    "toeslagen": 30,
    "svb": 22,
    "uwv": 18,
    "mijnoverheid": 18,
    "duo": 12,
    "cak": 9,
    "cbr": 8,
    "rdw": 7,
    "bank": 6,
    "zorgverzekeraar": 5,
    "waterschap": 5,
    "cjib": 4,
    "ciz": 3,
    "huurcommissie": 2,
    "lbio": 1,
    "pensioenfonds": 1,
}
AGE_BANDS = ("75+", "65-74", "<18", "50-64", None, "35-49", "18-34")


def at(day: int, hh: int) -> str:
    return clock.to_stored(datetime(2026, 7, day, hh, 0).astimezone())


def fill_many() -> int:
    """The requests above, with subjects, help types, outcomes and age bands spread out."""
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    tax = taxonomy()
    subjects = [c.code for c in tax.codes("subject")]
    help_types = [c.code for c in tax.codes("help_type") if c.code != "referral"]
    outcomes = ("solved", "solved", "follow-up", "not-solved")
    n = 0
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        for org, count in ORG_COUNTS.items():
            for _ in range(count):
                store.add_request(
                    DeskRequest(
                        organisations=(org,),
                        subjects=(subjects[(n * 7) % len(subjects)],),
                        help_type=help_types[n % len(help_types)],
                        outcome=outcomes[n % len(outcomes)],
                        location="bieb-centrum",
                        staff="bc01",
                        age_band=AGE_BANDS[(n * n) % len(AGE_BANDS)],
                        created_at=at(1 + n % 28, 9 + n % 8),
                        minutes=5 + n % 20,
                    )
                )
                n += 1
    return n


def cli_figures(run_cli: RunCli) -> dict:
    code, out, err = run_cli("stats", "--period", PERIOD, "--json")
    assert code == 0, err
    return json.loads(out)


def check_bars(key: str, widget: BarRows, expected: dict[str, int | str], lang: str) -> None:
    """One chart as drawn against its protected cells from the CLI."""
    tax = taxonomy()
    cells = {label(tax, key, code, lang): value for code, value in expected.items()}
    shown: list[Bar] = widget.shown
    room = widget.content_size.height
    assert len(shown) == min(len(cells), room), key
    singles = [bar for bar in shown if not bar.is_other]
    for bar in singles:  # every bar its own label and exact count
        assert bar.label in cells, (key, bar.label)
        assert bar.value == cells[bar.label], (key, bar.label)
    assert len({bar.label for bar in singles}) == len(singles)
    if len(cells) > room:  # the rest as one 'other' bar, last
        other = shown[-1]
        assert other.is_other and sum(bar.is_other for bar in shown) == 1
        assert set(other.members) == set(cells) - {bar.label for bar in singles}
        members = [cells[name] for name in other.members]
        assert other.value == sum(v for v in members if isinstance(v, int))
        assert other.suppressed == sum(isinstance(v, str) for v in members)
        # an attacker who subtracts the table's shown members from 'other' gets 0
        assert other.value - sum(v for v in members if isinstance(v, int)) == 0
    else:
        assert {bar.label for bar in shown} == set(cells)
    if key == "by_age_band":  # age order, 'unknown' last
        rank = [label(tax, key, c.code, lang) for c in tax.codes("age_band")]
        rank.append(label(tax, key, "unknown", lang))
        places = [rank.index(bar.label) for bar in singles]
        assert places == sorted(places), key
    else:  # biggest first; a suppressed cell (1 to 4) after every shown count
        sizes = [bar.value if isinstance(bar.value, int) else 0 for bar in singles]
        assert sizes == sorted(sizes, reverse=True), key
    for bar, line in zip(shown, widget.lines(), strict=True):
        name = bar.label
        assert line.startswith(name) or line.startswith(name[: line.index("…")]), line
        assert line.endswith(" " + bar.text), line  # the count as text, not only a length
        if isinstance(bar.value, str) or bar.suppressed:
            assert "<5" in bar.text


async def check_screen(app: DeskApp, pilot: Pilot, figures: dict, lang: str) -> None:
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    assert screen.figures is not None and screen.figures["total"] == figures["total"]
    for key in BAR_CHARTS:
        chart = screen.chart(key)
        plot = chart.plot
        assert isinstance(plot, BarRows)
        check_bars(key, plot, figures[key], lang)
        if key in ("by_org", "by_subject"):  # more categories than lines: grouped
            assert plot.shown[-1].is_other, key
        chart.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        text = screen_text(app)
        for line in plot.lines():  # drawn on the screen, not only held by the widget
            assert line.rstrip() in text, (key, line)
        other = [bar for bar in plot.shown if bar.is_other]
        if other:  # under the chart, the 'other' bar names every category in it
            note = str(chart.query_one(".chart-note", Static).render())
            for name in other[0].members:
                assert name in note, (key, name)
    weeks = screen.chart(SERIES).chart
    assert weeks is not None
    assert list(weeks.rows) == [(w["week"], w["count"]) for w in figures[SERIES]]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_every_chart_matches_the_cli(size: tuple[int, int], run_cli: RunCli) -> None:
    fill_many()
    figures = cli_figures(run_cli)
    assert len(figures["by_org"]) > 12  # more organisations than a chart has lines

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await open_stats(app, pilot)
        await type_period(app, pilot, PERIOD)
        await check_screen(app, pilot, figures, "nl")
        await pilot.press("ctrl+l")  # English labels, same numbers
        await settle(app, pilot)
        await check_screen(app, pilot, figures, "en")

    run(scenario, size=size)


def test_other_bar_never_reveals_a_suppressed_cell() -> None:
    """One suppressed cell among the rest: adding its real count to 'other' would let
    anyone subtract the table's shown cells and find it; the bar keeps it as '<5'."""
    chart = Chart("by_org", "Organisaties", (("A", 40), ("B", 30), ("C", 9), ("D", 6), ("E", "<5")))
    drawn = bars(chart, 3, "nl")
    assert [(bar.label, bar.value) for bar in drawn[:2]] == [("A", 40), ("B", 30)]
    other = drawn[2]
    assert other.label == "Overig (3)" and other.members == ("C", "D", "E")
    assert (other.value, other.suppressed, other.text) == (15, 1, "15 + <5")
    assert bars(chart, 5, "en")[-1] == Bar("E", "<5", "<5")  # room for all: no grouping
