"""Keys typed faster than the app handles them still land where the typist meant.

Staff type a whole request in a second or two, and a busy desk computer falls behind.
Pilot's ``press`` waits for the app after every key, which hides exactly that; these
tests put every key of a request into the app's queue at once, as a terminal delivers a
burst, and only then let the app run. The stored record must be the one typed.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from desk_pilot import rows, run
from textual import events
from textual.pilot import Pilot

from helpdesk.app import DeskApp
from helpdesk.screens.desk import DeskScreen
from helpdesk.settings import Settings, save_settings

# DigiD / DigiD activeringscode / Meehelpen / Opgelost, as the README teaches it.
COMMON = ["ctrl+n", "d", "enter", *"act", "enter", *"mee", "enter", *"opg", "enter", "ctrl+s"]
REFERRAL = [
    "ctrl+n",
    *"bel",
    "enter",
    *"bel",
    "enter",
    *"inf",
    "enter",
    *"doorv",
    "enter",
    *"schuld",
    "enter",
    "ctrl+s",
]


def burst(app: DeskApp, keys: list[str]) -> None:
    """Queue every key at once, the way a terminal hands a fast typist's keys over."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def settle(app: DeskApp, pilot: Pilot) -> None:
    for _ in range(20):
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture(autouse=True)
def desk() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )


def test_a_whole_request_typed_in_one_burst_is_saved_as_typed() -> None:
    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        burst(app, COMMON)
        await settle(app, pilot)

    run(scenario)
    saved = rows()
    assert len(saved) == 1
    assert saved[0].organisations == ("digid",) and saved[0].subjects == ("digid-activation",)
    assert (saved[0].help_type, saved[0].outcome) == ("help-along", "solved")


def test_a_referral_typed_in_one_burst_reaches_the_referral_field() -> None:
    """Picking 'doorverwezen' opens a field; the next letters belong in it, not in Kanaal."""

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        burst(app, REFERRAL)
        await settle(app, pilot)

    run(scenario)
    saved = rows()
    assert len(saved) == 1
    got = saved[0]
    assert (got.organisations, got.subjects) == (("belastingdienst",), ("tax-return",))
    assert (got.help_type, got.outcome, got.referred_to) == (
        "information",
        "referred",
        "schuldhulp",
    )
    assert got.channel in (None, "walk-in")  # the default, untouched by the referral letters


def test_three_residents_in_a_row_each_saved_as_typed() -> None:
    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        burst(app, COMMON + REFERRAL + COMMON)
        await settle(app, pilot)

    run(scenario)
    saved = list(reversed(rows()))
    assert [r.outcome for r in saved] == ["solved", "referred", "solved"]
    assert [r.organisations for r in saved] == [("digid",), ("belastingdienst",), ("digid",)]


@pytest.mark.parametrize("focus", ["#requests", "#note", "#minutes", "#followup-date", "#bring"])
def test_a_new_request_typed_while_another_field_has_focus_is_saved_as_typed(focus: str) -> None:
    """ctrl+n from today's list or a text box: the next letters belong to the new form.

    Without in-order keys, 'd' and Enter stayed queued at the old field: in the list, 'd'
    asked to delete a request and the new request was never saved.
    """

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        burst(app, COMMON)
        await settle(app, pilot)
        app.screen.query_one(focus).focus()
        await pilot.pause()
        burst(app, COMMON)
        await settle(app, pilot)

    run(scenario)
    saved = rows()
    assert len(saved) == 2
    newest = saved[0]
    assert (newest.organisations, newest.subjects) == (("digid",), ("digid-activation",))
    assert (newest.help_type, newest.outcome, newest.note) == ("help-along", "solved", "")
    assert newest.followup is None


@pytest.mark.parametrize("split", range(1, 6))
def test_keys_arriving_in_two_bursts_after_a_look_at_the_list_are_saved_as_typed(
    split: int,
) -> None:
    """A real terminal hands keys over a few at a time. 'ctrl+r ctrl+n d' in one read and
    the rest in the next: keys of the second read went straight to the list, overtook the
    first read's keys on their way to the form, and the list's Enter, 'e' and 'd' opened
    an edit or a delete question instead of filling the new request."""
    keys = ["ctrl+r", *COMMON]

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        burst(app, COMMON)
        await settle(app, pilot)
        burst(app, keys[:split])
        await asyncio.sleep(0)  # the App hands these over before the next read arrives
        burst(app, keys[split:])
        await settle(app, pilot)
        assert isinstance(app.screen, DeskScreen) and app.screen.state.editing is None

    run(scenario)
    saved = rows()
    assert len(saved) == 2
    assert all((r.organisations, r.subjects) == (("digid",), ("digid-activation",)) for r in saved)
