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


def test_start_new_gives_defaults_clean_guides_and_a_running_timer() -> None:
    state = DeskState()
    common_case(state)
    state.attach_guide("digid-aanvragen")
    state.start_new(now=100.0)
    assert state.fields == RequestFields()
    assert (state.fields.channel, state.fields.visitor_type) == (("walk-in",), ("resident",))
    assert state.editing is None and state.guides.attached == {}
    assert state.timer_started == 100.0
    assert state.elapsed_seconds(now=130.0) == 30.0
    assert state.timer_minutes(now=100.0) == 1  # at least a minute
    assert state.timer_minutes(now=100.0 + 61) == 2  # rounded up


def test_build_request_from_typed_fields() -> None:
    state = DeskState()
    state.start_new(now=0.0)
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
        note="samen aangevraagd",
    )
    state.set_field("minutes", "12")  # typed minutes win over the timer
    assert state.build_request("bieb-centrum", "m01", now=60.0)[0].minutes == 12


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
    state.start_new(now=0.0)
    state.edit(saved)
    assert state.editing is saved and state.timer_started is None
    assert state.fields.first_visit == ("no",) and state.fields.minutes == "5"
    assert state.guide_progress("toeslag", total=9).current == 4  # reopens at the stored step
    req, problems = state.build_request("bieb-centrum", "m01", now=10_000.0)
    assert problems == []
    assert (req.id, req.location, req.staff) == ("r1", "bieb-oost", "k02")
    assert req.with_changes(id=None) == saved.with_changes(id=None)
    state.set_field("minutes", "")
    assert state.build_request("x", "y")[0].minutes is None  # no timer when editing


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
    state.start_new(now=0.0)
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
