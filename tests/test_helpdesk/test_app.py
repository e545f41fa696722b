"""Pilot tests of the desk app on a real SQLite file (conftest points HELPDESK_DB and
HELPDESK_CONFIG into tmp_path). Written as plain functions running asyncio, so they
need no pytest plugin."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from desk_pilot import rows, run, type_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets._footer import FooterKey

from helpdesk import clock
from helpdesk.app import HIGH_CONTRAST_THEME, DeskApp
from helpdesk.desk import log_request, requests_on_day
from helpdesk.records import DeskRequest, FollowUp
from helpdesk.screens.confirm import ConfirmScreen
from helpdesk.screens.desk import FULL_RELOAD_AT, DeskScreen
from helpdesk.screens.followups import FollowupsScreen
from helpdesk.screens.setup import SetupScreen
from helpdesk.settings import Settings, load_settings, save_settings
from helpdesk.store import open_store
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.code_picker import CodePicker, match_choices, taxonomy_choices

# DigiD, DigiD activeringscode, Meehelpen, Opgelost: Dutch letters, as the README teaches.
COMMON_CASE = [*"d", "enter", *"act", "enter", *"mee", "enter", *"opg", "enter", "ctrl+s"]


def db_path() -> Path:
    return Path(os.environ["HELPDESK_DB"])


def settings_file() -> Path:
    return Path(os.environ["HELPDESK_CONFIG"])


def set_up_desk(**changes: object) -> Settings:
    settings = Settings(location="bieb-centrum", staff="m01", **changes)  # type: ignore[arg-type]
    save_settings(settings, settings_file())
    return settings


def error_text(app: DeskApp, field: str) -> str:
    line = app.screen.query_one(f"#error-{field}", Static)
    return str(line.render()) if line.display else ""


def seed(**changes: object) -> DeskRequest:
    settings = load_settings(settings_file())
    req = DeskRequest(
        organisations=("uwv",),
        subjects=("benefit",),
        help_type="information",
        outcome="solved",
        location=settings.location,
        staff=settings.staff,
        minutes=5,
    ).with_changes(**changes)
    with open_store(db_path()) as store:
        return log_request(store, req, settings)


# ---------------------------------------------------------------- picker matching


def test_match_choices_prefers_prefix_and_keeps_taxonomy_order() -> None:
    orgs = taxonomy_choices("organisation")("nl")
    # 'Dienst Toeslagen' starts with d too; taxonomy order decides
    assert [c.code for c in match_choices("d", orgs)][:3] == ["digid", "toeslagen", "duo"]
    # Dutch label words match too: 'opgelost' is a word of 'Deels opgelost'
    assert [c.code for c in match_choices("opg", taxonomy_choices("outcome")("nl"))] == [
        "solved",
        "partly-solved",
        "not-solved",
    ]
    assert match_choices("", orgs) == orgs
    assert match_choices("zzz", orgs) == []


# ---------------------------------------------------------------- logging


def test_common_case_is_saved_with_a_few_dutch_letters() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+n")  # arms the timer; it runs from the first key
        assert app.screen.query_one("#timer", Static).render()
        focused = app.focused
        assert focused is not None and focused.parent is not None
        assert app.screen.query_one("#organisations", CodePicker).input is focused
        await pilot.press(*COMMON_CASE)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1

    run(scenario)
    [req] = rows()
    assert req.organisations == ("digid",)
    assert req.subjects == ("digid-activation",)
    assert req.help_type == "help-along"
    assert req.outcome == "solved"
    assert req.minutes is not None and req.minutes >= 1
    assert (req.location, req.staff) == ("bieb-centrum", "m01")
    assert (req.channel, req.visitor_type) == ("walk-in", "resident")


def test_full_request_with_referral_barriers_note_and_followup() -> None:
    set_up_desk()
    day = (datetime.now() + timedelta(days=7)).strftime("%Y-%m-%d")

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+n")
        await type_text(pilot, "bel")
        await pilot.press("enter")
        await type_text(pilot, "toe")
        await pilot.press("enter")
        await type_text(pilot, "inf")
        await pilot.press("enter")
        assert not app.screen.query_one("#field-referred_to").display
        await type_text(pilot, "doo")  # Doorverwezen
        await pilot.press("enter")
        # 'referred' reveals the referral target and focus goes there
        assert app.screen.query_one("#field-referred_to").display
        assert app.focused is app.screen.query_one("#referred_to", CodePicker).input
        await type_text(pilot, "schuld")
        await pilot.press("enter")
        await pilot.press("enter", "enter")  # channel walk-in, visitor resident kept
        await type_text(pilot, "65")
        await pilot.press("enter")
        await type_text(pilot, "ja")
        await pilot.press("enter")
        await type_text(pilot, "taal")
        await pilot.press("enter")
        await pilot.press("shift+tab")  # back to barriers to add a second one
        await type_text(pilot, "geen")
        await pilot.press("enter")
        await type_text(pilot, "12")
        await pilot.press("enter")
        await type_text(pilot, "toeslag aangevraagd samen")
        await pilot.press("enter")
        await type_text(pilot, "digid-aanvragen")
        await pilot.press("enter")
        await type_text(pilot, day)
        await pilot.press("enter")
        await type_text(pilot, "10:30")
        await pilot.press("enter")
        await type_text(pilot, "Legitimatiebewijs")
        await pilot.press("enter")
        await type_text(pilot, "Brief van de Belastingdienst")
        barriers = app.screen.query_one("#barriers", CodePicker)
        assert barriers.value == ("language", "no-device")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    [req] = rows()
    assert req.organisations == ("belastingdienst",)
    assert req.subjects == ("allowance",)
    assert req.help_type == "information"
    assert (req.outcome, req.referred_to) == ("referred", "schuldhulp")
    assert req.barriers == ("language", "no-device")
    assert (req.age_band, req.first_visit, req.minutes) == ("65-74", True, 12)
    assert req.note == "toeslag aangevraagd samen"
    assert [g.guide_id for g in req.guides] == ["digid-aanvragen"]
    assert req.followup == FollowUp(
        datetime.strptime(f"{day} 10:30", "%Y-%m-%d %H:%M"),
        ("Legitimatiebewijs", "Brief van de Belastingdienst"),
    )


def test_edit_changes_outcome_in_database() -> None:
    set_up_desk()
    first = seed()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+r", "enter")  # list, then Enter on the row
        form = app.screen.query_one("#outcome", CodePicker)
        assert form.value == ("solved",)
        assert app.screen.query_one("#organisations", CodePicker).value == ("uwv",)
        for _ in range(3):  # organisation -> subject -> help -> outcome; one press at a
            await pilot.press("tab")  # time, so each focus move settles (flaky under load)
        assert app.focused is form.input
        await type_text(pilot, "deels")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1

    run(scenario)
    [req] = rows()
    assert req.id == first.id
    assert req.outcome == "partly-solved"
    assert req.organisations == ("uwv",) and req.minutes == 5
    assert req.created_at == first.created_at


def test_edit_with_e_key_and_delete_with_confirmation() -> None:
    set_up_desk()
    keep, gone = seed(), seed(organisations=("duo",), subjects=("student-finance",))

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2  # newest first: 'gone' is on top
        await pilot.press("ctrl+r")  # one press at a time: the focus move settles first
        await pilot.press("e")
        assert app.screen.query_one("#organisations", CodePicker).value == ("duo",)
        await pilot.press("ctrl+r")
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing happens
        assert isinstance(app.screen, DeskScreen)
        assert len(rows()) == 2
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()
        assert {"Ja", "Nee"} <= {k.description for k in app.screen.query(FooterKey)}
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.screen.query_one(DataTable).row_count == 1

    run(scenario)
    assert [r.id for r in rows()] == [keep.id]
    assert gone.id not in {r.id for r in rows()}


def test_list_after_a_save_matches_the_database_with_other_desks_at_work() -> None:
    """A save patches today's list rather than reloading it; it must still show exactly
    what the database lists: the new request, what a colleague at this location logged,
    edited or deleted meanwhile, nothing from elsewhere, newest first."""
    set_up_desk()
    edited, deleted = seed(), seed(organisations=("duo",), subjects=("student-finance",))

    def shown(app: DeskApp) -> list[str]:
        table = app.screen.query_one(DataTable)
        return [
            str(table.coordinate_to_cell_key((row, 0)).row_key.value)
            for row in range(table.row_count)
        ]

    def listed() -> list[str]:
        with open_store(db_path()) as store:
            return [r.id or "" for r in requests_on_day(store, clock.local_today(), "bieb-centrum")]

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        table = app.screen.query_one(DataTable)
        assert shown(app) == [deleted.id, edited.id]
        table.move_cursor(row=1)  # on 'edited': the cursor stays with its request
        colleague = seed(organisations=("cak",))
        elsewhere = seed(location="bieb-oost")
        with open_store(db_path()) as store:
            store.update_request(edited.with_changes(outcome="not-solved"))
            store.delete_request(deleted.id or "")
        for key in COMMON_CASE:  # one by one: each press waits for the screen to settle
            await pilot.press(key)
        assert shown(app) == listed()
        assert len(shown(app)) == 3 and colleague.id in shown(app)
        assert elsewhere.id not in shown(app) and deleted.id not in shown(app)
        assert table.get_cell(edited.id or "", "outcome") == taxonomy().label(
            "outcome", "not-solved", "nl"
        )
        # the cursor is on the request just saved (the newest), not where it was
        assert shown(app)[table.cursor_row] == listed()[0]
        # More changes than are worth patching (a merge, a bulk load): the list reloads.
        for _ in range(FULL_RELOAD_AT + 1):
            seed(minutes=1)
        for key in COMMON_CASE:
            await pilot.press(key)
        assert shown(app) == listed()
        assert table.row_count == 3 + FULL_RELOAD_AT + 1 + 1
        await pilot.press("ctrl+l")  # a language switch rebuilds every row: same order
        await pilot.pause()
        assert shown(app) == listed()

    run(scenario)


# ---------------------------------------------------------------- refusals


def test_note_with_bsn_is_refused_next_to_note_and_nothing_saved() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press(*COMMON_CASE[:-1])
        # channel, visitor, age, first visit, barriers, minutes: Enter moves on
        await pilot.press(*["enter"] * 6)
        await pilot.pause()  # focus moves after the refresh; under load that can lag a press
        note = app.screen.query_one("#note", Input)
        assert app.focused is note
        await type_text(pilot, "bsn 111222333 gebeld")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = error_text(app, "note")
        assert message and "111222333" not in message
        assert note.value == "bsn 111222333 gebeld"  # the form keeps its input
        assert app.screen.query_one("#organisations", CodePicker).value == ("digid",)
        assert app.focused is note
        assert app.screen.query_one(DataTable).row_count == 0

    run(scenario)
    assert rows() == []


def test_take_over_refused_at_library_with_message_next_to_help_type() -> None:
    set_up_desk(location_kind="library")

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("d", "enter", "d", "enter")
        await type_text(pilot, "overn")
        await pilot.press("enter", *"opg", "enter", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#help_type", CodePicker).value == ("take-over",)
        assert "bibliotheek" in error_text(app, "help_type")
        assert error_text(app, "note") == ""

    run(scenario)
    assert rows() == []


def test_missing_fields_are_shown_and_database_trouble_is_a_notification(tmp_path: Path) -> None:
    set_up_desk()
    blocked = tmp_path / "not-a-db"
    blocked.mkdir()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        assert app.store is None  # a folder is no database: notified, not crashed
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("database" in m.lower() for m in messages)

    run(scenario, db_path=blocked)

    async def empty_form(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app, "organisations")
        assert error_text(app, "subjects")
        assert error_text(app, "outcome")

    run(empty_form)
    assert rows() == []


# ---------------------------------------------------------------- picker behaviour


def test_picker_highlight_chips_backspace_and_mouse() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        orgs = app.screen.query_one("#organisations", CodePicker)
        await pilot.press("c", "down", "enter")  # second match for 'c': CBR
        assert orgs.value == ("cbr",)
        await pilot.press("shift+tab", "b", "e", "l", "enter")
        assert orgs.value == ("cbr", "belastingdienst")
        await pilot.press("shift+tab", "backspace")
        assert orgs.value == ("cbr",)
        # a click on a match picks it too
        matches = orgs.query_one(OptionList)
        assert matches.display
        await pilot.click(matches, offset=(2, 0))
        await pilot.pause()
        assert orgs.value == ("cbr", "digid")
        # Enter on an empty box just moves on
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#subjects", CodePicker).input

    run(scenario)


def test_picker_says_when_nothing_matches_and_enter_then_changes_nothing() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        orgs = app.screen.query_one("#organisations", CodePicker)
        no_match = orgs.query_one(".no-match", Static)
        assert not no_match.display
        await type_text(pilot, "xyz")
        assert no_match.display
        assert str(no_match.render()) == "Niets gevonden voor ‘xyz’"
        await pilot.press("enter")
        assert orgs.value == () and app.focused is orgs.input  # stays, picks nothing
        await pilot.press("backspace", "backspace", "backspace")
        assert not no_match.display
        await pilot.press("d", "enter", *"act", "enter", *"mee", "enter")
        outcome = app.screen.query_one("#outcome", CodePicker)
        assert app.focused is outcome.input
        await pilot.press("s")  # the English code 'solved' is not a Dutch word
        assert outcome._matches == []
        assert str(outcome.query_one(".no-match", Static).render()) == "Niets gevonden voor ‘s’"
        await pilot.press("backspace", *"opg")
        shown = [str(o.prompt) for o in outcome.query_one(OptionList).options]
        assert shown == ["Opgelost", "Deels opgelost", "Niet opgelost"]  # labels, no codes

    run(scenario)


# ---------------------------------------------------------------- language, theme, text size


def test_language_switch_changes_labels_and_is_remembered() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        label = app.screen.query_one("#field-organisations Label", Label)
        assert str(label.render()) == "Organisatie"
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][1] == "Organisatie"
        descriptions = {k.description for k in app.screen.query(FooterKey)}
        assert "Nieuwe vraag" in descriptions
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert str(label.render()) == "Organisation"
        assert [str(c.label) for c in table.columns.values()][1] == "Organisation"
        descriptions = {k.description for k in app.screen.query(FooterKey)}
        assert "New request" in descriptions and "Save" in descriptions
        # chips and matches follow the language too
        await pilot.press("d", "enter")
        await pilot.press("a", "p", "p", "l")
        subjects = app.screen.query_one("#subjects", CodePicker)
        assert subjects._matches[0][:2] == ("digid-apply", "Apply for DigiD")

    run(scenario)
    assert load_settings(settings_file()).lang == "en"


def test_lang_argument_starts_in_english_and_palette_has_desk_commands() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        label = app.screen.query_one("#field-subjects Label", Label)
        assert str(label.render()) == "Subject"

        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New request", "Save", "Follow-ups", "Language", "Desk setup"} <= titles
        # the palette's setup command re-opens the setup screen, language follows
        [setup] = [c for c in app.get_system_commands(app.screen) if c.title == "Desk setup"]
        setup.callback()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        title = app.screen.query_one("#setup-title", Static)
        assert str(title.render()) == "Set up this desk"
        assert load_settings(settings_file()).lang == "nl"  # an argument is not a setting
        await pilot.press("ctrl+l")
        assert str(title.render()) == "Deze balie instellen"

    run(scenario, lang="en")


def test_theme_and_large_text_switch_and_are_remembered() -> None:
    set_up_desk()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        assert app.theme != HIGH_CONTRAST_THEME
        await pilot.press("ctrl+t")
        assert app.theme == HIGH_CONTRAST_THEME
        assert json.loads(settings_file().read_text())["theme"] == "high-contrast"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.has_class("large-text")
        assert json.loads(settings_file().read_text())["large_text"] is True
        # larger text: the list moves below the form (one column)
        assert app.screen.query_one("#desk-body").styles.layout.name == "vertical"
        await pilot.press("ctrl+t", "ctrl+g")
        assert not app.has_class("large-text")

    run(scenario)
    settings = load_settings(settings_file())
    assert (settings.theme, settings.large_text) == ("default", False)

    async def reopened(app: DeskApp, pilot: Pilot) -> None:
        assert app.theme == HIGH_CONTRAST_THEME and app.has_class("large-text")

    set_up_desk(theme="high-contrast", large_text=True)
    run(reopened)


# ---------------------------------------------------------------- first run


def test_first_run_setup_stores_location_and_staff() -> None:
    assert not settings_file().exists()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "Jan Jansen")  # a name, not a code: refused
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SetupScreen)
        assert str(app.screen.query_one("#error-location", Static).render())
        location = app.screen.query_one("#location", Input)
        location.value = ""
        await type_text(pilot, "gem-west")
        await pilot.press("enter")
        await type_text(pilot, "m07")
        await pilot.press("enter")
        await type_text(pilot, "gem")
        await pilot.press("enter")  # picking the location kind saves
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.settings.location == "gem-west"

    run(scenario)
    settings = load_settings(settings_file())
    assert (settings.location, settings.staff, settings.location_kind) == (
        "gem-west",
        "m07",
        "municipal",
    )


# ---------------------------------------------------------------- follow-ups


def test_followups_screen_lists_appointment_and_prints_its_slip(tmp_path: Path) -> None:
    set_up_desk()
    when = (datetime.now() + timedelta(days=3)).replace(hour=10, minute=30, second=0, microsecond=0)
    seed(
        outcome="follow-up",
        note="geheime-notitie",
        followup=FollowUp(when, ("Paspoort", "Brief van het UWV")),
    )
    seed(organisations=("cak",), followup=FollowUp(when - timedelta(days=30), ("Oud",)))

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        box = screen.query_one("#followups-list", OptionList)
        [shown] = [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]
        assert when.strftime("%Y-%m-%d %H:%M") in shown
        assert "UWV" in shown and "☐ Paspoort" in shown and "☐ Brief van het UWV" in shown
        assert "Oud" not in shown
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.last_printed is not None and screen.last_printed.exists()
        assert any(str(screen.last_printed) in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, DeskScreen)

    run(scenario, print_dir=tmp_path / "print")
    [sheet] = (tmp_path / "print").glob("afspraak-*.html")
    text = sheet.read_text(encoding="utf-8")
    assert "Paspoort" in text and "Brief van het UWV" in text
    assert "geheime-notitie" not in text and "m01" not in text and "bieb-centrum" not in text


def test_unreadable_settings_file_is_reported_and_replaced_by_setup() -> None:
    settings_file().write_text("{not json", encoding="utf-8")

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        assert any(
            "settings" in n.message.lower() or "instellingen" in n.message.lower()
            for n in app._notifications
        )
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")  # no codes yet: cannot cancel
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "bieb-oost")
        await pilot.press("enter")
        await type_text(pilot, "m02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)

    run(scenario)
    settings = load_settings(settings_file())
    assert (settings.location, settings.staff) == ("bieb-oost", "m02")
