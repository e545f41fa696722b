"""True minutes at the desk: the wait for the next resident and pauses are not help time.

The real app on a real database, driven by Pilot. The desk state's clock is replaced by
one the test moves by hand, so a 75-second gap costs no real time; the timer widget and
the saved request read that same clock.
"""

from __future__ import annotations

import os
from pathlib import Path

from desk_pilot import rows, run, type_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from textual.widgets._footer import FooterKey

from helpdesk.app import DeskApp
from helpdesk.desk import log_request
from helpdesk.records import DeskRequest
from helpdesk.settings import Settings, load_settings, save_settings
from helpdesk.store import open_store

REQUEST = ["d", "enter", *"act", "enter", *"mee", "enter", *"opg", "enter"]  # DigiD ... solved


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def set_up_desk() -> None:
    settings = Settings(location="bieb-centrum", staff="m01")
    save_settings(settings, Path(os.environ["HELPDESK_CONFIG"]))


def timer_text(app: DeskApp) -> str:
    return str(app.screen.query_one("#timer", Static).render())


def with_fake_clock(app: DeskApp) -> FakeClock:
    clock = FakeClock()
    app.desk_state.clock = clock
    return clock


def test_the_wait_for_the_resident_is_not_counted_and_the_timer_says_so() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        clock = with_fake_clock(app)
        assert timer_text(app) == "Tijd 00:00 · wacht op bewoner (f4)"  # armed, with its key
        clock.now += 75  # nobody at the desk yet
        app.screen.timer.show_time()  # what its once-a-second refresh does
        assert "wacht op bewoner" in timer_text(app) and "00:00" in timer_text(app)
        await pilot.press(REQUEST[0])  # the first key starts it
        clock.now += 30
        app.screen.timer.show_time()
        assert timer_text(app) == "Tijd 00:30"
        await pilot.press(*REQUEST[1:])
        clock.now += 100  # 130 s of help in all
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
        assert "wacht op bewoner" in timer_text(app)  # armed again for the next one
        # the next resident comes after 10 minutes and needs one quick answer
        clock.now += 600
        await pilot.press(*REQUEST)
        clock.now += 5
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    quick, first = rows()  # newest first
    assert (first.minutes, first.minutes_source) == (3, "measured")  # 130 s, not 205 s
    assert (quick.minutes, quick.minutes_source) == (1, "measured")  # 5 s, not 10 min


def test_ctrl_n_arms_the_timer_again() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        clock = with_fake_clock(app)
        await pilot.press("d")  # started, then thrown away
        clock.now += 300
        await pilot.press("ctrl+n")
        assert "wacht op bewoner" in timer_text(app)
        clock.now += 200
        await pilot.press(*REQUEST)
        clock.now += 70
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert (req.minutes, req.minutes_source) == (2, "measured")  # 70 s


def test_resident_arrived_key_and_pause_key() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        clock = with_fake_clock(app)
        keys = {k.description for k in app.screen.query(FooterKey)}
        assert {"Bewoner is er", "Pauze"} <= keys  # the footer shows both keys
        clock.now += 40
        await pilot.press("f4")  # the resident sits down; staff listen first
        assert timer_text(app) == "Tijd 00:00"
        clock.now += 60
        await pilot.press("ctrl+o")  # the resident fetches a letter
        assert timer_text(app) == "Tijd 01:00 · gepauzeerd (^o)"
        clock.now += 900
        await pilot.press("d")  # typing meanwhile does not end the pause
        await pilot.press("ctrl+o")
        assert timer_text(app) == "Tijd 01:00"
        clock.now += 30
        await pilot.press(*REQUEST[1:])  # 'd' is already in the box
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert (req.minutes, req.minutes_source) == (2, "measured")  # 90 s of help


def test_minutes_typed_in_the_box_are_saved_as_typed() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        clock = with_fake_clock(app)
        await pilot.press(*REQUEST)
        # channel, visitor, age, first visit, barriers: Enter moves on to minutes
        for _ in range(5):
            await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#minutes", Input)
        await type_text(pilot, "25")
        clock.now += 60
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert (req.minutes, req.minutes_source) == (25, "typed")


def test_an_edit_keeps_the_measured_minutes_unless_staff_change_them() -> None:
    set_up_desk()
    settings = load_settings(Path(os.environ["HELPDESK_CONFIG"]))
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        log_request(
            store,
            DeskRequest(
                ("uwv",), ("benefit",), "information", "solved", "bieb-centrum", "m01",
                minutes=7, minutes_source="measured",
            ),
            settings,
        )  # fmt: skip

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        clock = with_fake_clock(app)
        await pilot.press("ctrl+r")
        await pilot.press("e")
        assert timer_text(app) == "Tijd --:--"  # no timer while editing
        await pilot.press("f4")  # does nothing to the saved minutes
        clock.now += 3_600
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows()[0].minutes_source == "measured" and rows()[0].minutes == 7
        await pilot.press("ctrl+r")
        await pilot.press("e")
        minutes = app.screen.query_one("#minutes", Input)
        minutes.focus()
        await pilot.pause()
        await pilot.press("end", "backspace", "9")
        assert minutes.value == "9"
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert (req.minutes, req.minutes_source) == (9, "typed")


def test_timer_texts_fit_the_header_at_80_columns_in_both_languages() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        with_fake_clock(app)
        for lang in ("nl", "en"):
            if app.lang != lang:
                await pilot.press("ctrl+l")
            await pilot.pause()
            timer = app.screen.query_one("#timer", Static)
            word = "wacht op bewoner" if lang == "nl" else "waiting for resident"
            assert word in timer_text(app)
            assert timer.region.right <= 80 and timer.region.width >= len(timer_text(app))
            await pilot.press("f4", "ctrl+o")
            await pilot.pause()
            word = "gepauzeerd" if lang == "nl" else "paused"
            assert timer_text(app).endswith(f"{word} (^o)")
            assert timer.region.right <= 80 and timer.region.width >= len(timer_text(app))
            await pilot.press("ctrl+n")

    run(scenario, size=(80, 24))
