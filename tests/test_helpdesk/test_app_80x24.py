"""Every screen usable in an 80x24 terminal (issue 13): key hints, counts and the
guide's step box are on the screen, read from the rendered screen as a user sees it.

Each test opens one screen with Pilot at 80x24 and looks for the essential texts in the
screen's own rendering (``screen_text``): a widget that holds a count the layout has
clipped, scrolled away or covered does not count as visible.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

from builders import without_noise
from desk_pilot import run, type_text
from screen_text import screen_lines, screen_text
from test_app_stats import settle
from textual.pilot import Pilot

from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.guides.library import load_guides
from helpdesk.records import DeskRequest, FollowUp
from helpdesk.screens.guide_view import GuideViewScreen, terminal_text
from helpdesk.screens.guides import GuidesScreen
from helpdesk.screens.stats import StatsScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.store import open_store

SIZE = (80, 24)
TODAY = 18  # requests today, one of them with a follow-up tomorrow
LONG = 5  # of them about an organisation and a subject with long names


def fill_today() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    base = DeskRequest(
        organisations=("belastingdienst",),
        subjects=("tax-return",),
        help_type="help-along",
        outcome="solved",
        location="bieb-centrum",
        staff="m01",
        age_band="65-74",
        minutes=12,
    )
    now = clock.utc_now()
    tomorrow = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=30, second=0)
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        for i in range(TODAY - 1 - LONG):
            at = clock.to_stored(now - timedelta(minutes=2 * i))
            store.add_request(base.with_changes(created_at=at))
        for _ in range(LONG):  # 'SVB (Sociale Verzekeringsbank)', 'Zorgkosten en ...'
            store.add_request(
                base.with_changes(organisations=("svb",), subjects=("healthcare-costs",))
            )
        store.add_request(
            base.with_changes(
                organisations=("gemeente",),
                subjects=("passport-id",),
                outcome="follow-up",
                followup=FollowUp(tomorrow.replace(microsecond=0), ("paspoort", "pasfoto")),
            )
        )
        without_noise(store.conn)  # the statistics tests read exact counts


def visible(app: DeskApp, *texts: str) -> None:
    screen = screen_text(app)
    missing = [text for text in texts if text not in screen]
    assert not missing, f"not on the 80x24 screen: {missing}\n{screen}"


def test_desk_and_list_at_80x24() -> None:
    fill_today()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.pause()
        # the form's fields, today's list with its rows, and the keys to work with them
        visible(app, "Nieuwe vraag", "Organisatie", "Onderwerp", "Soort hulp", "Resultaat")
        visible(app, "Minuten", "Vervolgafspraak", "Vandaag bij bieb-centrum", "Tijd")
        visible(app, "Belastingdienst", "Gemeente")
        visible(app, "^n Nieuwe vraag", "^s Opslaan", "^r Lijst", "f2 Handleidingen")
        visible(app, "^f Vervolg", "f3 Statistieken")
        listed = [line.split("▊")[-1] for line in screen_lines(app) if "▊" in line]
        rows = [line for line in listed if re.match(r" \d\d:\d\d  \w", line)]
        assert len(rows) == TODAY  # every request of today, with its time and organisation
        await pilot.press("ctrl+r")
        await pilot.pause()
        visible(app, "e Bewerken", "del Verwijderen", "Belastingdienst")

    run(scenario, size=SIZE)


def test_guides_and_every_step_box_at_80x24() -> None:
    fill_today()
    guides = [guide for guide in load_guides() if guide.lang == "nl"]

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GuidesScreen)
        visible(app, "Zoeken", f"{len(guides)} handleidingen", "esc Terug")
        for guide in guides:
            await type_text(pilot, guide.title)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            view = app.screen
            assert isinstance(view, GuideViewScreen) and view.guide.id == guide.id
            for step in guide.steps:
                total = len(guide.steps)
                title = " ".join(terminal_text(step.title).split()[:3])
                visible(app, f"Stap {step.number} van {total}", title)
                visible(app, "Vorige", "Volgende", "space Klaar", "esc Terug")
                if step.warning:  # the warning box, impossible to miss
                    visible(app, "Let op")
                await pilot.press("right")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, GuidesScreen)
            search = app.screen.query_one("#guide-search")
            search.focus()
            search.value = ""  # type: ignore[attr-defined]
            await pilot.pause()

    run(scenario, size=SIZE)


def test_followups_at_80x24() -> None:
    fill_today()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+f")
        await pilot.pause()
        visible(app, "Komende vervolgafspraken", "10:30", "Gemeente", "paspoort", "pasfoto")
        visible(app, "esc Terug", "p Briefje afdrukken")

    run(scenario, size=SIZE)


def test_statistics_and_its_tables_at_80x24() -> None:
    fill_today()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        visible(app, "Statistieken", "Periode", "Locatie", f"Hulpvragen: {TODAY}")
        visible(app, "esc Terug", "t Tabellen", "p Periode", "l Locatie")
        screen.chart("by_org").scroll_visible(animate=False, immediate=True)
        await pilot.pause()  # the charts scroll under the pickers, the keys stay
        visible(app, "Statistieken", "Periode", "Locatie", "esc Terug", "t Tabellen")
        lines = screen_lines(app)
        assert any(re.search(r"Belastingdienst +█+ 12\b", line) for line in lines), "\n".join(lines)
        assert any(re.search(r"Gemeente +<5\b", line) for line in lines), "\n".join(lines)
        await pilot.press("t")  # tables: the counts stay next to their labels
        await pilot.pause()
        for key in ("by_org", "by_subject", "by_outcome", "by_age_band"):
            chart = screen.chart(key)
            chart.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            region = chart.region  # only this chart's cells, not a neighbour's
            part = [line[region.x : region.right] for line in screen_lines(app)]
            assert chart.chart is not None
            header = rf"{re.escape(chart.chart.title)} +Aantal\b"
            assert any(re.search(header, line) for line in part), part
            for name, count in chart.cells():
                pattern = rf"{re.escape(name)} +{re.escape(count)}\b"
                assert any(re.search(pattern, line) for line in part), (name, count, part)

    run(scenario, size=SIZE)
