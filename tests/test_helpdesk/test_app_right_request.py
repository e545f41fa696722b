"""The right request: after a save the list points at it, edit and delete say which
request they are about, Escape cancels an edit, a delete can be undone, and ctrl+q does
not throw away a half-filled form. Pilot on a real SQLite file in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

from desk_pilot import rows, run
from test_app import COMMON_CASE, seed
from textual.pilot import Pilot
from textual.widgets import Button, Static

from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.records import DeskRequest, FollowUp, GuideUse
from helpdesk.screens.confirm import ConfirmScreen
from helpdesk.screens.desk import DeskScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.widgets.code_picker import CodePicker
from helpdesk.widgets.request_table import RequestTable


def db_path() -> Path:
    return Path(os.environ["HELPDESK_DB"])


def set_up_desk(lang: str = "nl") -> None:
    settings = Settings(location="bieb-centrum", staff="m01", lang=lang)
    save_settings(settings, Path(os.environ["HELPDESK_CONFIG"]))


def title(app: DeskApp) -> str:
    return str(app.screen.query_one("#form-title", Static).render())


def cursor_id(app: DeskApp) -> str | None:
    return app.screen.query_one(RequestTable).selected_id


def hhmm(req: DeskRequest) -> str:
    return clock.to_local(req.created_at or "").strftime("%H:%M")


def messages(app: DeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_after_a_save_the_list_cursor_is_on_the_saved_request() -> None:
    set_up_desk()
    older, _newer = seed(), seed(organisations=("duo",), subjects=("student-finance",))

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        table = app.screen.query_one(RequestTable)
        table.move_cursor(row=1)  # on 'older'
        for key in COMMON_CASE:  # a new request
            await pilot.press(key)
        [new] = [r for r in rows() if r.organisations == ("digid",)]
        assert cursor_id(app) == new.id
        # edit the oldest request: after the save the cursor is on it, not on the top row
        table.move_cursor(row=2)
        await pilot.press("ctrl+r")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert cursor_id(app) == older.id
        assert table.cursor_row == 2
        assert not any("andere balie" in m for m in messages(app))  # its own save
        await pilot.press("ctrl+r")  # the list opens on it
        assert app.focused is table and cursor_id(app) == older.id

    run(scenario)


def test_edit_title_and_delete_question_name_the_request() -> None:
    set_up_desk()
    req = seed(organisations=("belastingdienst",), subjects=("allowance",), outcome="solved")

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+r")
        await pilot.press("e")
        await pilot.pause()
        assert title(app) == f"Vraag van {hhmm(req)} bewerken: Belastingdienst, Toeslagen, opgelost"
        await pilot.press("ctrl+r")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert hhmm(req) in question and "Belastingdienst, Toeslagen, opgelost" in question
        await pilot.press("n")
        await pilot.press("ctrl+l")  # English: the same request in English words
        await pilot.pause()
        assert title(app) == (
            f"Editing the request of {hhmm(req)}: Tax Administration, Allowances, solved"
        )

    run(scenario)


def test_escape_cancels_an_edit_and_saves_nothing() -> None:
    set_up_desk()
    req = seed()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+r")
        await pilot.press("enter")
        await pilot.pause()
        outcome = app.screen.query_one("#outcome", CodePicker)
        outcome.set_value(("not-solved",))  # a change staff then think better of
        await pilot.press("escape")
        await pilot.pause()
        assert title(app) == "Nieuwe vraag"
        assert outcome.value == ()
        assert app.screen.query_one("#organisations", CodePicker).value == ()
        assert any("niets opgeslagen" in m for m in messages(app))
        await pilot.press("ctrl+s")  # an empty new form: refused, the old request untouched
        await pilot.pause()

    run(scenario)
    [stored] = rows()
    # same version and outcome: nothing was written
    assert (stored.updated_at, stored.outcome) == (req.updated_at, "solved")


def test_a_deleted_request_comes_back_with_ctrl_z_exactly_as_it_was() -> None:
    set_up_desk()
    keep = seed()
    gone = seed(
        organisations=("belastingdienst",),
        subjects=("allowance",),
        note="brief meegenomen",
        guides=(GuideUse("digid-aanvragen", 2),),
        followup=FollowUp(
            clock.utc_now().replace(tzinfo=None, second=0, microsecond=0), ("Brief",)
        ),
    )

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        table = app.screen.query_one(RequestTable)
        await pilot.press("ctrl+r")
        assert cursor_id(app) == gone.id
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 1
        assert any("ctrl+z" in m and hhmm(gone) in m for m in messages(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table.row_count == 2 and cursor_id(app) == gone.id
        await pilot.press("ctrl+z")  # only once
        await pilot.pause()
        assert any("niets om terug te zetten" in m for m in messages(app))

    run(scenario)
    back = {r.id: r for r in rows()}
    assert set(back) == {keep.id, gone.id}
    restored = back[gone.id]
    assert restored.with_changes(updated_at=None) == gone.with_changes(updated_at=None)
    assert restored.guides == gone.guides and restored.followup == gone.followup
    assert restored.note == "brief meegenomen"


def test_ctrl_q_asks_first_with_a_half_filled_form_and_quits_at_once_when_empty() -> None:
    set_up_desk()

    async def half_filled(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("d", "enter")  # an organisation picked, nothing saved yet
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "half ingevuld" in app.screen.question
        buttons = {str(b.label) for b in app.screen.query(Button)}
        assert buttons == {"Ja, stoppen", "Nee, verder"}  # not the words of a delete
        await pilot.press("n")  # no: back to the form, the organisation still there
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen) and not app._exit
        assert app.screen.query_one("#organisations", CodePicker).value == ("digid",)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app._exit

    run(half_filled)
    assert rows() == []

    async def empty(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit and not isinstance(app.screen, ConfirmScreen)

    run(empty)

    async def untouched_edit(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+r")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+q")  # an edit opened and not changed loses nothing
        await pilot.pause()
        assert app._exit

    seed()
    run(untouched_edit)
