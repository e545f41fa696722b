"""The desk's five most frequent cases this month, and the keys that fill them in."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from desk_pilot import rows, run
from textual.pilot import Pilot

from helpdesk import clock
from helpdesk.app import DeskApp
from helpdesk.frequent import DEFAULT_CASES, FrequentCase, frequent_cases
from helpdesk.records import DeskRequest
from helpdesk.settings import Settings, save_settings
from helpdesk.store import open_store
from helpdesk.widgets.code_picker import CodePicker

TOESLAG = FrequentCase(("toeslagen",), ("allowance",), "information", "partly-solved")
REFERRAL = FrequentCase(("belastingdienst",), ("tax-return",), "referral", "referred", "schuldhulp")


def db() -> Path:
    return Path(os.environ["HELPDESK_DB"])


def seed(
    case: FrequentCase, times: int, location: str = "bieb-centrum", when: datetime | None = None
) -> None:
    with open_store(db()) as store:
        for _ in range(times):
            req = DeskRequest(
                case.organisations,
                case.subjects,
                case.help_type,
                case.outcome,
                location,
                "m01",
                referred_to=case.referred_to,
                minutes=3,
            )
            if when is not None:
                req = req.with_changes(created_at=clock.to_stored(when))
            store.add_request(req)


def test_most_frequent_first_only_this_location_and_month_then_defaults() -> None:
    today = clock.local_today()
    seed(TOESLAG, 3)
    seed(REFERRAL, 5)
    seed(DEFAULT_CASES[1], 9, location="bieb-noord")  # another location: not counted
    last_year = datetime(today.year - 1, today.month, 1, 10, tzinfo=UTC)
    seed(DEFAULT_CASES[2], 9, when=last_year)  # another month: not counted
    with open_store(db()) as store:
        cases = frequent_cases(store, "bieb-centrum", today)
    assert cases[:2] == [REFERRAL, TOESLAG]
    assert cases[2:] == list(DEFAULT_CASES[:3])  # topped up with the usual cases
    with open_store(db()) as store:
        assert frequent_cases(store, "elders", today) == list(DEFAULT_CASES)


def test_labels_say_what_the_key_fills_in_both_languages() -> None:
    assert (
        REFERRAL.label("nl")
        == "Belastingaangifte · Doorverwijzing · Doorverwezen → Schuldhulpverlening"
    )
    assert (
        DEFAULT_CASES[0].label("en")
        == "DigiD activation code or letter · Help along (resident types) · Solved"
    )


def test_f5_fills_the_form_with_the_top_case_and_it_saves() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    seed(REFERRAL, 4)
    seed(TOESLAG, 2)

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        bar = str(app.screen.query_one("#frequent-cases").render())
        assert bar.startswith("Vaak:  F5 Belastingaangifte  F6 Toeslagen")
        await pilot.press("f5")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#organisations", CodePicker).value == ("belastingdienst",)
        assert form.query_one("#subjects", CodePicker).value == ("tax-return",)
        assert form.query_one("#outcome", CodePicker).value == ("referred",)
        assert form.query_one("#referred_to", CodePicker).value == ("schuldhulp",)
        assert form.query_one("#field-referred_to").display
        await pilot.press("f6")  # another case replaces the codes, referral included
        await pilot.pause()
        assert form.query_one("#subjects", CodePicker).value == ("allowance",)
        assert not form.query_one("#field-referred_to").display
        await pilot.press("f5", "ctrl+s")
        await pilot.pause()

    run(scenario)
    newest = rows()[0]
    assert (newest.organisations, newest.subjects, newest.help_type) == (
        ("belastingdienst",),
        ("tax-return",),
        "referral",
    )
    assert (newest.outcome, newest.referred_to) == ("referred", "schuldhulp")
    assert len(rows()) == 7
