"""Pilot tests of the guide screens on a real SQLite file and the bundled guides.

Plain functions running asyncio, like tests/test_app.py; conftest points HELPDESK_DB
and HELPDESK_CONFIG into tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

from desk_pilot import rows, run, type_text
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Label, Static

from helpdesk.app import DeskApp
from helpdesk.desk_state import GuideProgress, GuideSession
from helpdesk.guides.library import load_guides
from helpdesk.records import DeskRequest, GuideUse
from helpdesk.screens.desk import DeskScreen
from helpdesk.screens.guide_view import GuideViewScreen, terminal_text
from helpdesk.screens.guides import GuidesScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.store import open_store
from helpdesk.widgets.code_picker import CodePicker

TOESLAG = "toeslag-aanvragen-wijzigen"
TOESLAG_STEPS = len(next(g for g in load_guides() if g.id == TOESLAG and g.lang == "nl").steps)
# organisation DigiD, subject 'DigiD activeringscode', help 'meehelpen', outcome 'opgelost'
COMMON_FIELDS = ["d", "enter", *"act", "enter", *"mee", "enter", *"opg", "enter"]


def set_up_desk() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )


def shown(app: DeskApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


async def open_toeslag(app: DeskApp, pilot: Pilot) -> GuideViewScreen:
    """F2, 'toesl', Enter: the way staff open the toeslagen guide."""
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, GuidesScreen)
    await type_text(pilot, "toesl")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GuideViewScreen)
    return screen


# ---------------------------------------------------------------- plain progress rules


def test_step_reached_is_highest_tick_else_step_on_screen() -> None:
    progress = GuideProgress(total=5)
    assert progress.step_reached == 1
    assert progress.move(1) and progress.move(1) and progress.step_reached == 3
    assert not progress.move(5) and progress.current == 3  # no running off the end
    progress.toggle(2)
    assert progress.step_reached == 2  # a tick says more than the step on screen
    progress.toggle(4)
    assert progress.step_reached == 4
    progress.resize(3)  # the other language version is shorter
    assert (progress.current, progress.done) == (3, {2})

    session = GuideSession.from_uses((GuideUse("a", 4), GuideUse("b")))
    assert session.progress_for("a", 9).current == 4  # editing: reopen where it was
    assert session.uses() == (GuideUse("a", 4), GuideUse("b", None))
    assert not session.attach("a") and session.attach("c")


def test_terminal_text_keeps_addresses_and_drops_emphasis() -> None:
    assert terminal_text("Ga naar [Mijn toeslagen](https://mijn.toeslagen.nl) **nu**") == (
        "Ga naar Mijn toeslagen (https://mijn.toeslagen.nl) nu"
    )


# ---------------------------------------------------------------- acceptance


def test_search_step_attach_and_save_stores_guide_and_step_reached() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuidesScreen)
        assert app.focused is screen.query_one("#guide-search", Input)
        await type_text(pilot, "toesl")  # results follow every keystroke
        await pilot.pause()
        assert screen.shown[0].id == TOESLAG
        assert all(g.lang == "nl" for g in screen.shown)  # Dutch interface: Dutch guides
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, GuideViewScreen)
        assert shown(app, "step-counter") == f"Stap 1 van {TOESLAG_STEPS}"
        await pilot.press("right")
        assert shown(app, "step-counter") == f"Stap 2 van {TOESLAG_STEPS}"
        # step 2 warns never to share the DigiD password: shown in its own box
        warning = view.query_one("#step-warning", Static)
        assert warning.display and "DigiD" in str(warning.render())
        assert warning.border_title == "Let op"
        await pilot.press("space", "right", "space", "right", "pagedown")
        assert shown(app, "step-counter") == f"Stap 5 van {TOESLAG_STEPS}"
        assert view.query_one("#step-done", Checkbox).value is False
        await pilot.press("pageup")
        assert view.query_one("#step-done", Checkbox).value is False  # step 4: not ticked
        await pilot.press("left")
        assert view.query_one("#step-done", Checkbox).value is True  # step 3: ticked
        assert "☑ 3." in shown(app, "step-overview")
        await pilot.press("a")
        await pilot.pause()
        assert "gekoppeld" in shown(app, "guide-title")
        await pilot.press("escape", "escape")
        await pilot.pause()
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        attached = str(desk.query_one("#guides-attached", Static).render())
        assert "Huurtoeslag" in attached and "tot stap 3" in attached
        # the guide filled organisation and subject: Enter twice moves past them
        await pilot.press("enter", "enter", *"mee", "enter", *"opg", "enter", "ctrl+s")
        await pilot.pause()
        assert desk.query_one("#requests", DataTable).row_count == 1
        assert app.desk_state.guides.attached == {}  # saved: the next request starts clean

    run(scenario)
    [req] = rows()
    # the highest ticked step, not step 5 where the guide was last shown
    assert req.guides == (GuideUse(TOESLAG, 3),)
    assert (req.organisations, req.subjects, req.outcome) == (
        ("toeslagen",),
        ("allowance",),
        "solved",
    )


def test_untouched_guide_stores_the_step_on_screen_and_typed_ids_still_work() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await open_toeslag(app, pilot)
        await pilot.press("right", "right", "a", "escape", "escape")
        await pilot.pause()
        await pilot.press(*COMMON_FIELDS)
        await pilot.press(*["enter"] * 7)  # channel, visitor ... minutes, note: on to guides
        guides_box = app.screen.query_one("#guides", Input)
        assert app.focused is guides_box
        await type_text(pilot, "digid-aanvragen")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert req.guides == (GuideUse(TOESLAG, 3), GuideUse("digid-aanvragen", None))


def test_position_is_kept_for_the_request_and_reset_by_ctrl_n() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        view = await open_toeslag(app, pilot)
        await pilot.press("right", "space", "right")
        await pilot.press("escape", "escape")
        await pilot.pause()
        view = await open_toeslag(app, pilot)
        assert shown(app, "step-counter") == f"Stap 3 van {TOESLAG_STEPS}"
        assert view.progress.done == {2}
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        view = await open_toeslag(app, pilot)
        assert shown(app, "step-counter") == f"Stap 1 van {TOESLAG_STEPS}"
        assert view.progress.done == set()
        assert view.query_one("#step-done", Checkbox).value is False

    run(scenario)


def test_backspace_in_empty_guides_box_detaches_the_last_guide() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await open_toeslag(app, pilot)
        await pilot.press("a", "escape", "escape")
        await pilot.pause()
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        desk.query_one("#guides", Input).focus()
        await pilot.press("backspace")
        assert app.desk_state.guides.attached == {}
        assert not desk.query_one("#guides-attached", Static).display

    run(scenario)


# ---------------------------------------------------------------- browsing


def test_browse_by_subject_and_organisation_and_prefix_search() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuidesScreen)
        everything = len(screen.shown)
        assert everything == len({g.id for g in load_guides()})  # each guide once
        await type_text(pilot, "digi")
        await pilot.pause()
        assert screen.shown and all(
            "digid" in (g.id + " ".join(g.organisations)).lower() or "DigiD" in g.title
            for g in screen.shown[:3]
        )
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        assert len(screen.shown) == everything
        await pilot.press("tab")  # subject filter: a code picker
        await type_text(pilot, "toesl")
        await pilot.press("enter")
        await pilot.pause()
        assert [g.id for g in screen.shown] == [TOESLAG]
        await pilot.press("shift+tab", "backspace")  # the chip goes, the filter too
        await pilot.pause()
        assert len(screen.shown) == everything
        await pilot.press("tab")  # organisation filter
        await type_text(pilot, "svb")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.shown and all("svb" in g.organisations for g in screen.shown)
        # nonsense: an empty list and a message, no crash
        screen.query_one("#guide-search", Input).focus()
        await type_text(pilot, '"*(] zzzq')
        await pilot.pause()
        assert screen.shown == []
        assert "Geen handleiding" in shown(app, "guides-count")
        await pilot.press("enter")  # nothing to open: a bell, still here
        assert app.screen is screen

    run(scenario)


def test_palette_finds_guide_by_title_and_opens_it() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Huurtoeslag")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideViewScreen)
        assert screen.guide_id == TOESLAG
        assert shown(app, "step-counter") == f"Stap 1 van {TOESLAG_STEPS}"

    run(scenario)


def test_handout_written_to_print_folder_with_title(tmp_path: Path) -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        view = await open_toeslag(app, pilot)
        await pilot.press("p")
        await app.workers.wait_for_complete()  # printing runs beside the UI
        await pilot.pause()
        assert view.last_handout is not None
        assert any(str(view.last_handout) in n.message for n in app._notifications)

    run(scenario, print_dir=tmp_path / "print")
    [handout] = (tmp_path / "print").glob("handout-*.html")
    text = handout.read_text(encoding="utf-8")
    assert "Huurtoeslag of zorgtoeslag aanvragen of wijzigen" in text
    assert "<script" not in text


def test_handout_carries_the_desk_and_the_steps_ticked_at_the_desk(tmp_path: Path) -> None:
    """Issue 18: ticked steps print as done with 'ga verder bij stap N', desk from settings."""
    save_settings(
        Settings(
            location="bieb-centrum",
            staff="m01",
            desk_name="Bibliotheek Centrum",
            desk_hours="ma-vr 10.00-17.00",
        ),
        Path(os.environ["HELPDESK_CONFIG"]),
    )

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        view = await open_toeslag(app, pilot)
        for key in ("space", "right", "space", "right"):  # steps 1 and 2 done, on to 3
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.last_handout is not None

    run(scenario, print_dir=tmp_path / "print")
    [handout] = (tmp_path / "print").glob("handout-*.html")
    text = handout.read_text(encoding="utf-8")
    assert "Aan de balie gedaan: stap 1 en 2." in text and "Ga verder bij stap 3." in text
    assert "Bibliotheek Centrum" in text and "ma-vr 10.00-17.00" in text
    assert text.count('class="write-lines"') == 1  # the compact layout


def test_english_interface_shows_english_guide_and_step_of(tmp_path: Path) -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        view = await open_toeslag(app, pilot)
        assert view.guide.lang == "en"
        total = len(view.guide.steps)
        assert shown(app, "step-counter") == f"Step 1 of {total}"
        await pilot.press("right")
        assert shown(app, "step-counter") == f"Step 2 of {total}"
        # switching to Dutch keeps the place and shows the Dutch version
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert view.guide.lang == "nl"
        assert shown(app, "step-counter") == f"Stap 2 van {TOESLAG_STEPS}"
        # the screens waiting underneath followed the switch too
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        label = app.screen.query_one("#field-organisations Label", Label)
        assert str(label.render()) == "Organisatie"

    run(scenario, lang="en")


def test_broken_local_guide_is_reported_not_fatal(tmp_path: Path) -> None:
    set_up_desk()
    local = tmp_path / "eigen"
    local.mkdir()
    (local / "kapot.md").write_text("geen front matter\n", encoding="utf-8")

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GuidesScreen)
        assert app.screen.shown  # the bundled guides are there
        assert any("kapot.md" in n.message for n in app._notifications)

    run(scenario, guides_dir=local)


def test_editing_a_request_reopens_its_guide_at_the_stored_step() -> None:
    set_up_desk()
    req = DeskRequest(
        organisations=("toeslagen",),
        subjects=("allowance",),
        help_type="help-along",
        outcome="partly-solved",
        location="bieb-centrum",
        staff="m01",
        minutes=10,
        guides=(GuideUse(TOESLAG, 4),),
    )
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        store.add_request(req)

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+r", "enter")  # edit the request from the list
        await pilot.pause()
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        assert "tot stap 4" in str(desk.query_one("#guides-attached", Static).render())
        view = await open_toeslag(app, pilot)
        assert view.progress.current == 4
        await pilot.press("right", "right", "space", "escape", "escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [saved] = rows()
    assert saved.guides == (GuideUse(TOESLAG, 6),)


# ---------------------------------------------------------------- the words staff use


def test_search_ranks_partial_matches_and_says_when_nothing_is_found() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuidesScreen)
        await type_text(pilot, "wachtwoord vergeten")
        await pilot.pause()
        assert screen.shown and screen.shown[0].id == "inloggen-met-digid"
        search = screen.query_one("#guide-search", Input)
        search.value = ""
        await type_text(pilot, "xyzzy")
        await pilot.pause()
        assert screen.shown == []
        assert shown(app, "guides-count").startswith("Geen handleiding gevonden voor ‘xyzzy’")

    run(scenario)


def test_attaching_a_guide_fills_empty_organisation_and_subject_only() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await open_toeslag(app, pilot)
        await pilot.press("a", "escape", "escape")
        await pilot.pause()
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        assert desk.query_one("#organisations", CodePicker).value == ("toeslagen",)
        assert desk.query_one("#subjects", CodePicker).value == ("allowance",)
        # a new request where staff already picked the organisation: that stays
        await pilot.press("ctrl+n", *"bel", "enter")
        await open_toeslag(app, pilot)
        await pilot.press("a", "escape", "escape")
        await pilot.pause()
        assert desk.query_one("#organisations", CodePicker).value == ("belastingdienst",)
        assert desk.query_one("#subjects", CodePicker).value == ("allowance",)
        await pilot.press("ctrl+r", "ctrl+n")  # the form still takes keys as before
        await pilot.press(*COMMON_FIELDS, "ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert req.subjects == ("digid-activation",)
