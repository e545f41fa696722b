"""The request in progress at the desk, without Textual: what staff do, as method calls.

The Pilot tests (tests/test_app*.py) drive the same state through the screens; these
pin the rules themselves and the one validation on the way to the store.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from helpdesk.desk import check_request, edit_request, log_request
from helpdesk.desk_state import DeskState, RequestFields
from helpdesk.records import DeskRequest, FieldError, FollowUp, GuideUse, ValidationError
from helpdesk.settings import Settings
from helpdesk.store import open_store

SETTINGS = Settings(location="bieb-centrum", staff="m01")


class FakeClock:
    """A monotonic clock the test moves by hand: no test waits for real seconds."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def common_case(state: DeskState) -> None:
    """DigiD, 'DigiD aanvragen', helped along, solved: the desk's most common request."""
    state.set_field("organisations", ("digid",))
    state.set_field("subjects", ("digid-apply",))
    state.set_field("help_type", ("help-along",))
    state.set_field("outcome", ("solved",))


def test_the_state_module_does_not_import_textual() -> None:
    code = "import sys, helpdesk.desk_state; print('textual' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_start_new_gives_defaults_clean_guides_and_a_waiting_timer() -> None:
    clock = FakeClock(100.0)
    state = DeskState(clock=clock)
    common_case(state)
    state.attach_guide("digid-aanvragen")
    state.start_new()
    assert state.fields == RequestFields()
    assert (state.fields.channel, state.fields.visitor_type) == (("walk-in",), ("resident",))
    assert state.editing is None and state.guides.attached == {}
    assert state.timer_phase == "waiting"
    clock.now = 400.0  # five minutes without a resident: nothing counted
    assert state.elapsed_seconds() == 0.0
    assert state.note_activity()  # the first key typed
    clock.now = 430.0
    assert state.timer_phase == "running" and state.elapsed_seconds() == 30.0
    assert state.timer_minutes(now=400.0) == 1  # at least a minute
    assert state.timer_minutes(now=400.0 + 61) == 2  # rounded up


def test_build_request_from_typed_fields() -> None:
    state = DeskState()
    state.start_new()
    state.note_activity(now=0.0)
    common_case(state)
    state.set_field("first_visit", ("yes",))
    state.set_field("note", "  samen aangevraagd ")
    req, problems = state.build_request("bieb-centrum", "m01", now=5 * 60.0)
    assert problems == []
    assert req == DeskRequest(
        organisations=("digid",),
        subjects=("digid-apply",),
        help_type="help-along",
        outcome="solved",
        location="bieb-centrum",
        staff="m01",
        first_visit=True,
        minutes=5,  # from the timer
        minutes_source="measured",
        note="samen aangevraagd",
    )
    state.set_field("minutes", "12")  # typed minutes win over the timer
    req = state.build_request("bieb-centrum", "m01", now=60.0)[0]
    assert (req.minutes, req.minutes_source) == (12, "typed")


def test_referral_target_only_with_outcome_referred() -> None:
    state = DeskState()
    state.start_new()
    common_case(state)
    state.set_field("referred_to", ("schuldhulp",))
    assert state.build_request("x", "y")[0].referred_to is None
    state.set_field("outcome", ("referred",))
    assert state.build_request("x", "y")[0].referred_to == "schuldhulp"


def test_parse_problems_are_reported_not_raised() -> None:
    state = DeskState()
    state.start_new()
    common_case(state)
    state.set_field("minutes", "twaalf")
    state.set_field("typed_guides", "Not An Id")
    state.set_field("followup_date", "2026-13-40")
    state.set_field("followup_time", "10:30")
    _, problems = state.build_request("x", "y")
    assert [p.field for p in problems] == ["minutes", "guides", "followup"]
    state.set_field("followup_date", "")
    _, problems = state.build_request("x", "y")
    assert problems[-1].text("en") == "fill in the appointment date and time"
    with pytest.raises(KeyError):
        state.set_field("no_such_field", "")


def test_followup_and_things_to_bring() -> None:
    state = DeskState()
    state.start_new()
    state.set_field("followup_date", "2026-12-24")
    state.set_field("followup_time", "10:30")
    state.set_field("bring", "Paspoort\n\n  Brief  \n")
    req, problems = state.build_request("x", "y")
    assert problems == []
    assert req.followup == FollowUp(datetime(2026, 12, 24, 10, 30), ("Paspoort", "Brief"))


def test_guides_attached_with_steps_and_typed_ids_once_each() -> None:
    state = DeskState()
    state.start_new()
    assert state.attach_guide("toeslag") and not state.attach_guide("toeslag")
    progress = state.guide_progress("toeslag", total=9)
    progress.move(1)
    progress.move(1)  # step 3 on screen, nothing ticked
    state.set_field("typed_guides", "digid-aanvragen, toeslag, digid-aanvragen")
    req, _ = state.build_request("x", "y")
    assert req.guides == (GuideUse("toeslag", 3), GuideUse("digid-aanvragen", None))
    assert state.detach_last_guide() and not state.detach_last_guide()
    # the place in a guide is kept for this request, so coming back finds it
    assert state.guide_progress("toeslag", total=9).current == 3


def test_edit_existing_keeps_id_location_staff_and_stops_the_timer() -> None:
    saved = DeskRequest(
        organisations=("uwv",),
        subjects=("benefit",),
        help_type="information",
        outcome="referred",
        referred_to="schuldhulp",
        location="bieb-oost",
        staff="k02",
        first_visit=False,
        age_band="65-74",
        minutes=5,
        guides=(GuideUse("toeslag", 4),),
        followup=FollowUp(datetime(2026, 12, 24, 9, 0), ("Paspoort",)),
        id="r1",
    )
    state = DeskState()
    state.start_new()
    state.note_activity(now=0.0)
    state.edit(saved)
    assert state.editing is saved and state.timer_phase == "off"
    assert state.elapsed_seconds(now=99.0) is None
    assert state.fields.first_visit == ("no",) and state.fields.minutes == "5"
    assert state.guide_progress("toeslag", total=9).current == 4  # reopens at the stored step
    req, problems = state.build_request("bieb-centrum", "m01", now=10_000.0)
    assert problems == []
    assert (req.id, req.location, req.staff) == ("r1", "bieb-oost", "k02")
    assert req.with_changes(id=None) == saved.with_changes(id=None)
    state.set_field("minutes", "")
    assert state.build_request("x", "y")[0].minutes is None  # no timer when editing


# ---------------------------------------------------------------- true minutes


def saved_minutes(state: DeskState) -> tuple[int | None, str | None]:
    """What a save would store now: the minutes and where they came from."""
    common_case(state)
    req, problems = state.build_request("bieb-centrum", "m01")
    assert problems == []
    return req.minutes, req.minutes_source


def test_the_wait_for_the_next_resident_is_not_help_time() -> None:
    """The issue's case: saved, 75 s until the next resident, a 5-second request."""
    clock = FakeClock(1_000.0)
    state = DeskState(clock=clock)
    state.start_new()  # right after the previous save
    clock.now += 75  # nobody at the desk
    state.note_activity()  # the first key of the next request
    clock.now += 5
    assert saved_minutes(state) == (1, "measured")  # not 2: the gap is not counted


def test_the_timer_starts_once_at_the_first_key_or_pick() -> None:
    clock = FakeClock(0.0)
    state = DeskState(clock=clock)
    state.start_new()
    clock.now = 30.0
    assert state.note_activity()  # first pick starts it
    clock.now = 100.0
    assert not state.note_activity()  # later keys change nothing
    clock.now = 150.0
    assert state.elapsed_seconds() == 120.0
    assert saved_minutes(state) == (2, "measured")


def test_attaching_a_guide_starts_the_timer() -> None:
    clock = FakeClock(10.0)
    state = DeskState(clock=clock)
    state.start_new()
    state.attach_guide("digid-aanvragen")
    clock.now = 70.0
    assert (state.timer_phase, state.elapsed_seconds()) == ("running", 60.0)


def test_the_resident_arrived_key_starts_the_timer_before_any_key() -> None:
    clock = FakeClock(0.0)
    state = DeskState(clock=clock)
    state.start_new()
    clock.now = 40.0
    assert state.resident_arrived()  # staff listen first, type later
    clock.now = 200.0
    state.note_activity()  # the first key does not restart it
    clock.now = 221.0
    assert state.elapsed_seconds() == 181.0
    assert not state.resident_arrived()  # already running
    assert saved_minutes(state) == (4, "measured")


def test_paused_time_is_not_counted() -> None:
    clock = FakeClock(0.0)
    state = DeskState(clock=clock)
    state.start_new()
    state.note_activity()
    clock.now = 50.0
    assert state.toggle_pause() and state.timer_phase == "paused"
    clock.now = 500.0  # the resident went home for a letter
    assert state.elapsed_seconds() == 50.0
    state.note_activity()  # typing a note meanwhile does not end the pause
    assert state.timer_phase == "paused"
    assert state.toggle_pause() and state.timer_phase == "running"
    clock.now = 530.0
    assert state.elapsed_seconds() == 80.0
    state.toggle_pause()
    clock.now = 900.0
    assert state.resident_arrived()  # back at the desk: goes on
    clock.now = 910.0
    assert state.elapsed_seconds() == 90.0
    assert saved_minutes(state) == (2, "measured")


def test_pause_does_nothing_while_waiting_or_editing() -> None:
    clock = FakeClock(0.0)
    state = DeskState(clock=clock)
    state.start_new()
    assert not state.toggle_pause() and state.timer_phase == "waiting"
    state.edit(DeskRequest(("uwv",), ("benefit",), "information", "solved", "x", "y", id="r"))
    assert not state.toggle_pause() and not state.resident_arrived()
    assert state.timer_phase == "off"


def test_saving_before_the_timer_ran_measures_one_minute() -> None:
    """Keys typed faster than the form reports them: the save itself is the first moment."""
    state = DeskState(clock=FakeClock(0.0))
    state.start_new()
    assert saved_minutes(state) == (1, "measured")


def test_typed_minutes_are_saved_as_typed() -> None:
    clock = FakeClock(0.0)
    state = DeskState(clock=clock)
    state.start_new()
    state.note_activity()
    clock.now = 3_000.0
    state.set_field("minutes", " 20 ")
    assert saved_minutes(state) == (20, "typed")


def test_an_edit_keeps_minutes_and_source_unless_the_box_changes() -> None:
    saved = DeskRequest(
        ("uwv",), ("benefit",), "information", "solved", "x", "y",
        minutes=7, minutes_source="measured", id="r1",
    )  # fmt: skip
    state = DeskState(clock=FakeClock(0.0))
    state.edit(saved)
    assert saved_minutes(state) == (7, "measured")
    state.set_field("minutes", "9")
    assert saved_minutes(state) == (9, "typed")
    state.set_field("minutes", "")
    assert saved_minutes(state) == (None, None)
    old = saved.with_changes(minutes=None, minutes_source=None)  # saved before minutes
    state.edit(old)
    assert saved_minutes(state) == (None, None)
    state.edit(saved.with_changes(minutes_source=None))  # an old row: source unknown
    assert saved_minutes(state) == (7, None)


def test_language_toggles_between_dutch_and_english() -> None:
    state = DeskState()
    assert state.lang == "nl"
    assert state.toggle_language() == "en" and state.lang == "en"
    assert state.toggle_language() == "nl"


# ---------------------------------------------------------------- one validation


def test_check_request_lists_parse_problems_first_and_each_field_once() -> None:
    state = DeskState()
    state.start_new()
    state.set_field("minutes", "x")
    state.set_field("note", "bsn 111222333")
    req, problems = state.build_request("bieb-centrum", "m01")
    with pytest.raises(ValidationError) as caught:
        check_request(req, SETTINGS, problems=problems)
    fields = [e.field for e in caught.value.errors]
    assert fields[0] == "minutes" and fields.count("minutes") == 1
    assert {"organisations", "subjects", "help_type", "outcome", "note"} <= set(fields)
    # a field the parser already named gets no second message from the rules
    named = [FieldError("organisations", "parse", "parse")]
    with pytest.raises(ValidationError) as caught:
        check_request(req, SETTINGS, problems=named)
    assert [e.message for e in caught.value.errors if e.field == "organisations"] == ["parse"]


def test_save_validates_once_then_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpdesk.desk as desk

    calls = []
    real = desk.validate_request

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(desk, "validate_request", counting)
    state = DeskState()
    state.start_new()
    state.note_activity(now=0.0)
    common_case(state)
    with open_store(tmp_path / "desk.sqlite") as store:
        req, problems = state.build_request("bieb-centrum", "m01", now=60.0)
        saved = log_request(store, req, SETTINGS, problems=problems)
        assert calls == [1]
        state.edit(saved)
        state.set_field("outcome", ("partly-solved",))
        req, problems = state.build_request("bieb-centrum", "m01")
        edit_request(store, req, SETTINGS, problems=problems)
        assert calls == [1, 1]
        [row] = store.list_requests()
    assert (row.id, row.outcome, row.minutes) == (saved.id, "partly-solved", 1)
    # a parse problem alone stops the save: nothing reaches the store
    state.start_new()
    common_case(state)
    state.set_field("minutes", "x")
    req, problems = state.build_request("bieb-centrum", "m01")
    with open_store(tmp_path / "desk.sqlite") as store:
        with pytest.raises(ValidationError):
            log_request(store, req, SETTINGS, problems=problems)
        assert len(store.list_requests()) == 1


def test_a_chosen_guide_fills_only_empty_organisation_and_subject() -> None:
    state = DeskState()
    assert state.fill_from_guide(("toeslagen", "belastingdienst"), ("allowance", "tax-return"))
    assert (state.fields.organisations, state.fields.subjects) == (("toeslagen",), ("allowance",))
    state.set_field("subjects", ())
    state.set_field("organisations", ("gemeente",))
    assert state.fill_from_guide(("digid",), ("digid-app",))
    assert (state.fields.organisations, state.fields.subjects) == (("gemeente",), ("digid-app",))
    assert not state.fill_from_guide(("cak",), ())
