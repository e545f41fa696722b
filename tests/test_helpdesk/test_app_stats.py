"""Pilot tests of the statistics screen (F3) on a real desk database and a real a11y
scans database with known content.

Plain functions running asyncio, like tests/test_app.py; conftest points HELPDESK_DB,
HELPDESK_CONFIG and A11Y_DB into tmp_path. Periods are typed (2026-Q3), never taken
from the clock, so the figures do not depend on the day the tests run.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from builders import without_noise
from desk_pilot import run
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

import a11y
from a11y.browser.axe import AxeRun, Finding, Node
from a11y.store import PageResult, ScanWriter
from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.records import DeskRequest
from helpdesk.screens.stats import StatsScreen
from helpdesk.screens.stats_issues import ScanIssuesScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.stats.figures import preset_period
from helpdesk.store import open_store
from helpdesk.taxonomy import taxonomy

SITE = "www.voorbeeldgemeente.example"


def at(day: str, hh: int = 11) -> str:
    """Stored UTC time of a local day and hour."""
    return clock.to_stored(datetime.fromisoformat(f"{day}T{hh:02d}:00").astimezone())


def fill_desk() -> None:
    """Q2 2026: 3 requests. Q3 2026: 7, of which 5 in July (DigiD, solved) and 2 in
    September (Belastingdienst, referred, at bieb-noord)."""
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    base = DeskRequest(
        organisations=("digid",),
        subjects=("digid-apply",),
        help_type="help-along",
        outcome="solved",
        location="bieb-centrum",
        staff="bc01",
        age_band="65-74",
        first_visit=True,
    )
    referred = base.with_changes(
        organisations=("belastingdienst",),
        subjects=("tax-return",),
        help_type="referral",
        outcome="referred",
        referred_to="schuldhulp",
        age_band="75+",
        location="bieb-noord",
        staff="bn01",
    )
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        for day in ("2026-04-02", "2026-05-06", "2026-06-10"):
            store.add_request(base.with_changes(created_at=at(day), minutes=15))
        for n, minutes in enumerate((10, 20, 30, 40, 50)):
            store.add_request(
                base.with_changes(created_at=at(f"2026-07-{n + 6:02d}"), minutes=minutes)
            )
        for day in ("2026-09-14", "2026-09-15"):
            store.add_request(referred.with_changes(created_at=at(day)))
        without_noise(store.conn)  # these tests read exact figures


def finding(rule: str, impact: str, wcag: str, nodes: int) -> Finding:
    return Finding(
        rule=rule,
        impact=impact,
        wcag=(wcag,),
        en301549=(),
        help=f"{rule} help",
        help_url=f"https://dequeuniversity.com/rules/axe/4.10/{rule}",
        tags=("wcag2a",),
        nodes=tuple(Node(f"#el{i}", f"<img id='el{i}'>", "Fix it") for i in range(nodes)),
    )


def fill_scans() -> None:
    """Two scans of one site through the a11y store's own writer: 3 violations, then 2."""
    db = a11y.open_db(Path(os.environ["A11Y_DB"]))
    start = f"https://{SITE}/"
    scans = (
        # scan 1: image-alt on two pages, color-contrast on one page; no statement
        (
            (("image-alt", "critical", "1.1.1", 1),),
            (("image-alt", "critical", "1.1.1", 1), ("color-contrast", "serious", "1.4.3", 2)),
        ),
        # scan 2 (latest): image-alt on two pages (3 nodes); statement found
        ((("image-alt", "critical", "1.1.1", 2),), (("image-alt", "critical", "1.1.1", 1),), ()),
    )
    for n, pages in enumerate(scans):
        writer = ScanWriter.start(db, [start], "AA", {})
        for i, found in enumerate(pages):
            url = f"{start}pagina-{i}"
            writer.page(
                PageResult(
                    url=url,
                    depth=1,
                    final_url=url,
                    status=200,
                    title=f"Pagina {i}",
                    axe=AxeRun(tuple(finding(*f) for f in found), (), {}),
                )
            )
        writer.finish(
            pages_checked=len(pages),
            pages_discovered=len(pages),
            covered_criteria=["1.1.1", "1.4.3"],
            statement_url=f"{start}toegankelijkheid" if n == 1 else None,
        )


async def settle(app: DeskApp, pilot: Pilot) -> None:
    """Let the workers finish and their messages arrive."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_stats(app: DeskApp, pilot: Pilot) -> StatsScreen:
    await pilot.press("f3")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    return screen


async def type_period(app: DeskApp, pilot: Pilot, text: str) -> None:
    await pilot.press("p")
    field = app.screen.query_one("#period-typed", Input)
    assert app.focused is field
    field.value = ""
    await pilot.press(*text, "enter")
    await settle(app, pilot)


def headline(screen: StatsScreen) -> str:
    return str(screen.query_one("#stats-headline", Static).render())


def label(kind: str, code: str, lang: str = "nl") -> str:
    return taxonomy().label(kind, code, lang)


# ---------------------------------------------------------------- plain parts


def test_preset_periods_on_a_fixed_day() -> None:
    today = date(2026, 11, 28)
    assert preset_period("this_month", today).label == "2026-11"
    assert preset_period("last_month", today).label == "2026-10"
    assert preset_period("this_quarter", today).label == "2026-Q4"
    this_year = preset_period("this_year", today)
    assert (this_year.start, this_year.end) == (date(2026, 1, 1), today)
    last_12 = preset_period("last_12_months", today)
    assert (last_12.start, last_12.end) == (date(2025, 11, 1), date(2026, 10, 31))
    assert last_12.previous().start == date(2024, 11, 1)
    assert preset_period("last_month", date(2026, 1, 15)).label == "2025-12"


# ---------------------------------------------------------------- acceptance


def test_figures_periods_tables_location_and_language() -> None:
    fill_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        screen = await open_stats(app, pilot)
        await type_period(app, pilot, "2026-Q3")
        assert screen.figures is not None and screen.figures["total"] == 7
        text = headline(screen)
        assert "Hulpvragen: 7" in text
        assert "Direct aan de balie geholpen: 71%" in text  # 5 of 7
        assert "mediaan 30, 90e percentiel 50" in text
        # Q2 had 3 requests: protected, and no change is worked out from it
        assert "Verschil met 2026-Q2: – (toen <5)" in text

        await type_period(app, pilot, "2026-07")  # the numbers follow the period
        assert screen.figures["total"] == 5
        assert "Hulpvragen: 5" in headline(screen)
        await type_period(app, pilot, "2026-Q3")
        assert screen.figures["total"] == 7

        orgs = screen.chart("by_org")
        assert not orgs.table.display and orgs.plot.display  # charts first
        # the suppressed bar is left out of the chart and named under it
        assert [name for name, _ in orgs.chart.drawn] == [label("organisation", "digid")]
        await pilot.press("t")  # every chart becomes its table
        await pilot.pause()
        assert orgs.table.display and not orgs.plot.display
        assert app.focused is orgs.table
        assert orgs.cells() == [
            (label("organisation", "digid"), "5"),
            (label("organisation", "belastingdienst"), "<5"),
        ]
        assert screen.chart("by_outcome").cells() == [
            (label("outcome", "solved"), "5"),
            (label("outcome", "referred"), "<5"),
        ]
        weeks = dict(screen.chart("per_week").cells())
        assert weeks["2026-W28"] == "5" and weeks["2026-W38"] == "<5"
        assert weeks["2026-W30"] == "0"

        await pilot.press("l")  # location picker: all, bieb-centrum, bieb-noord
        select = screen.query_one("#location-choice", Select)
        assert app.focused is select
        await pilot.press("enter", "down", "down", "enter")
        await settle(app, pilot)
        assert select.value == "bieb-noord"
        # two requests at one location: the total is protected and nothing else of
        # those two residents is shown (they were both referred to the Belastingdienst)
        assert screen.figures["total"] == "<5" and "Hulpvragen: <5" in headline(screen)
        assert "Minder dan 5 hulpvragen: verdere cijfers tonen we niet" in headline(screen)
        assert orgs.cells() == []
        assert "Belastingdienst" not in headline(screen)

        await pilot.press("ctrl+l")  # English
        await pilot.pause()
        assert "Requests: <5" in headline(screen)
        assert orgs.cells() == []
        assert str(orgs.table.ordered_columns[1].label) == "Count"
        assert select.value == "bieb-noord"  # the choice survives the language switch
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)

    run(scenario)


def test_palette_opens_statistics_and_a_bad_period_is_refused() -> None:
    fill_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Statistieken")
        await settle(app, pilot)  # the palette gathers its hits in a worker
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        await pilot.press("f3")  # F3 works from the desk only: no second statistics screen
        await pilot.pause()
        assert app.screen is screen and len(app.screen_stack) == 3  # default, desk, stats
        await type_period(app, pilot, "2026-Q3")
        await type_period(app, pilot, "2026-Q5")
        assert screen.query_one("#period-typed", Input).has_class("-invalid")
        assert screen.figures is not None and screen.figures["total"] == 7

    run(scenario)


def test_accessibility_tab_lists_site_and_opens_its_issues() -> None:
    fill_desk()
    fill_scans()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        screen = await open_stats(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        table = screen.query_one("#a11y-sites", DataTable)
        assert app.focused is table
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        site, _scanned, pages, criteria, impacts, statement, trend = row
        assert (site, pages, criteria, statement) == (SITE, "3", "1 (1.1.1)", "ja")
        # grouped issues of the latest scan: #el0 (on two pages) and #el1, both critical
        assert impacts == "kritiek 2"
        assert trend == "3 → 2"  # violations per scan, oldest first
        await pilot.press("enter")
        await settle(app, pilot)
        issues = app.screen
        assert isinstance(issues, ScanIssuesScreen)
        grid = issues.query_one("#issues-table", DataTable)
        rows = [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]
        example = f"https://{SITE}/pagina-0"
        assert rows == [  # rule, impact, pages, nodes, example URL
            ["image-alt", "kritiek", "2", "2", example],
            ["image-alt", "kritiek", "1", "1", example],
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

    run(scenario)
