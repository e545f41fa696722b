"""Follow-up dates and times as staff write them, said back in words (helpdesk.dates).

"Today" is fixed: Thursday 3 December 2026.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from desk_pilot import rows, run, type_text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.dates import DateError, describe, echo, parse_date, parse_time
from helpdesk.settings import Settings, save_settings

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-12-09", date(2026, 12, 9)),
        ("9-12-2026", date(2026, 12, 9)),
        ("9/12/2026", date(2026, 12, 9)),
        ("9.12.26", date(2026, 12, 9)),
        ("9-12", date(2026, 12, 9)),
        ("2-1", date(2027, 1, 2)),  # no year: the next 2 January, not the past one
        ("9 dec", date(2026, 12, 9)),
        ("9 dec.", date(2026, 12, 9)),
        ("9 december 2026", date(2026, 12, 9)),
        ("14 mrt", date(2027, 3, 14)),
        ("vandaag", TODAY),
        ("morgen", date(2026, 12, 4)),
        ("Overmorgen", date(2026, 12, 5)),
        ("dinsdag", date(2026, 12, 8)),
        ("di", date(2026, 12, 8)),
        ("volgende dinsdag", date(2026, 12, 8)),
        ("donderdag", date(2026, 12, 10)),  # today is Thursday: next week's
        ("woensdag 9 december", date(2026, 12, 9)),
    ],
)
def test_dutch_dates(typed: str, meant: date) -> None:
    assert parse_date(typed, TODAY, "nl") == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("tomorrow", date(2026, 12, 4)),
        ("Tuesday", date(2026, 12, 8)),
        ("December 9", date(2026, 12, 9)),
        ("Dec 9, 2026", date(2026, 12, 9)),
        ("9th December", date(2026, 12, 9)),
        ("9-12-2026", date(2026, 12, 9)),
    ],
)
def test_english_dates_in_english(typed: str, meant: date) -> None:
    assert parse_date(typed, TODAY, "en") == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("10:30", time(10, 30)),
        ("10.30", time(10, 30)),
        ("1030", time(10, 30)),
        ("930", time(9, 30)),
        ("10u30", time(10, 30)),
        ("10 uur", time(10, 0)),
        ("10u", time(10, 0)),
        ("14", time(14, 0)),
        ("half 11", time(10, 30)),
        ("2:30 pm", time(14, 30)),
        ("10am", time(10, 0)),
    ],
)
def test_times(typed: str, meant: time) -> None:
    assert parse_time(typed) == meant


@pytest.mark.parametrize(
    ("typed", "dutch"),
    [
        ("31-2-2026", "Die datum bestaat niet"),
        ("12", "Alleen een dag: typ ook de maand, bijvoorbeeld 12-1 of 12 jan"),
        ("dinsdag 9 december", "9 december 2026 is een woensdag, geen dinsdag"),
        ("binnenkort", "Datum niet begrepen. Typ bijvoorbeeld 9-12-2026"),
        ("tomorrow", "Datum niet begrepen"),  # English words only in English
    ],
)
def test_bad_or_ambiguous_dates_say_why_in_dutch(typed: str, dutch: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(typed, TODAY, "nl")
    assert caught.value.text("nl").startswith(dutch)


@pytest.mark.parametrize(
    ("typed", "dutch"),
    [
        ("25:00", "Die tijd bestaat niet"),
        ("10:75", "Die tijd bestaat niet"),
        ("ochtend", "Tijd niet"),
    ],
)
def test_bad_times_say_why_in_dutch(typed: str, dutch: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_time(typed)
    assert caught.value.text("nl").startswith(dutch)


def test_the_understood_date_is_said_back_in_words() -> None:
    assert describe(date(2026, 12, 8), time(10, 30), "nl") == "dinsdag 8 december 2026 10:30"
    assert describe(date(2026, 12, 8), None, "en") == "Tuesday 8 December 2026"
    assert echo("dinsdag", "10.30", TODAY, "nl") == "= dinsdag 8 december 2026 10:30"
    assert echo("", "", TODAY, "nl") == ""
    assert echo("32-1", "", TODAY, "nl") == "Die datum bestaat niet"


def test_the_form_echoes_the_date_and_saves_what_it_said() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    tomorrow = clock.local_today() + timedelta(days=1)

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press(*"d", "enter", *"act", "enter", *"mee", "enter", *"verv", "enter")
        app.screen.query_one("#followup-date", Input).focus()
        await type_text(pilot, "morgen")
        await pilot.press("enter")
        await type_text(pilot, "10.30")
        await pilot.pause()
        shown = str(app.screen.query_one("#followup-echo", Static).render())
        assert shown == "= " + describe(tomorrow, time(10, 30), "nl")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert req.followup is not None
    assert req.followup.at == datetime.combine(tomorrow, time(10, 30))


def test_the_form_says_what_is_wrong_with_a_date_in_dutch() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press(*"d", "enter", *"act", "enter", *"mee", "enter", *"verv", "enter")
        app.screen.query_one("#followup-date", Input).focus()
        await type_text(pilot, "31-2")
        await pilot.press("enter")
        await type_text(pilot, "10.30")
        await pilot.pause()
        shown = str(app.screen.query_one("#followup-echo", Static).render())
        assert shown == "Die datum bestaat niet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-followup", Static)
        assert error.display and str(error.render()) == "Die datum bestaat niet"

    run(scenario)
    assert rows() == []
