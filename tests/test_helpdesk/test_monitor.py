"""The Bibliotheekmonitor export and the location switch for visitor-profile fields.

A real database file with known requests in November 2026 (Amsterdam time, so the
month's first and last local hours are not UTC days); every figure is checked, then the
small-number rule is attacked the way a reader of the export would: by subtraction.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import without_noise
from desk_pilot import rows, run, type_text
from test_stats import add, at

from helpdesk.settings import update_settings
from helpdesk.stats import monitor, periods, suppression
from helpdesk.store import Store, open_store
from helpdesk.taxonomy import taxonomy

if TYPE_CHECKING:
    from conftest import RunCli

pytestmark = pytest.mark.usefixtures("amsterdam")  # see conftest.py

NOVEMBER = periods.month(2026, 11)


def fill(store: Store) -> None:
    """Eleven visits in November 2026 with thirteen questions; one on each side of it."""
    add(store, at("2026-10-31", 23, 59))  # October, local time
    add(store, at("2026-12-01", 0, 1))  # December, local time
    add(store, at("2026-11-01", 0, 5))  # first minutes of November: DigiD
    for _ in range(4):
        add(store, at("2026-11-10"), subjects=("digid-app",))
    add(  # two questions in one visit: one government, one other
        store,
        at("2026-11-12"),
        organisations=("belastingdienst", "bank"),
        subjects=("tax-return", "online-banking"),
        outcome="referred",
        referred_to="schuldhulp",
    )
    add(  # 'other' subject about the municipality: a government question
        store,
        at("2026-11-20"),
        organisations=("gemeente", "bibliotheek"),
        subjects=("other", "library-service"),
        help_type="information",
    )
    add(  # 'other' subject about the bank only: another question
        store, at("2026-11-21"), organisations=("bank",), subjects=("other",)
    )
    add(  # a forgotten password: a DigiD question only when DigiD is the organisation
        store, at("2026-11-22"), organisations=("digid",), subjects=("forgot-credentials",)
    )
    add(store, at("2026-11-22"), organisations=("bank",), subjects=("forgot-credentials",))
    add(
        store,
        at("2026-11-30", 23, 50),
        subjects=("digid-apply",),
        location="bieb-noord",
        outcome="referred",
        referred_to="taalhuis",
    )


@pytest.fixture
def store() -> Store:
    with open_store(Path(os.environ["HELPDESK_DB"])) as opened:
        fill(opened)
        without_noise(opened.conn)  # these tests read exact figures
        yield opened


def test_every_subject_is_one_kind_of_question() -> None:
    """A subject added to the taxonomy without a place in the monitor would be counted
    as 'other' by accident; the mapping must name every subject exactly once."""
    mapped = monitor.mapping().category
    subjects = {code.code for code in taxonomy().codes("subject")}
    assert set(mapped) == subjects
    assert set(monitor.mapping().digid_subjects) <= subjects


def test_a_month_in_the_monitors_categories(store: Store) -> None:
    month = monitor.month_counts(store, NOVEMBER)
    assert month.visits == 11
    assert month.questions == 13
    assert month.visits_with_several_questions == 2
    assert month.questions_by_category == {"government": 9, "library": 1, "other": 3}
    assert month.digid_questions == {"digid-apply": 2, "digid-app": 4, "forgot-credentials": 1}
    assert month.government_visits_by_organisation == {
        "digid": 7,
        "belastingdienst": 1,
        "gemeente": 1,
    }
    assert month.visits_by_help_type == {"help-along": 10, "information": 1}
    assert month.referred_visits == 2
    assert month.referrals == {"schuldhulp": 1, "taalhuis": 1}
    noord = monitor.month_counts(store, NOVEMBER, "bieb-noord")
    assert (noord.visits, noord.questions, noord.referrals) == (1, 1, {"taalhuis": 1})


def test_small_numbers_are_hidden_totals_included(store: Store) -> None:
    figures = monitor.protect(monitor.month_counts(store, NOVEMBER), threshold=5)
    assert figures["visits"] == 11 and figures["questions"] == 13
    assert figures["visits_with_several_questions"] == "<5"
    assert figures["referred_visits"] == "<5"
    assert figures["digid_questions"] == {
        "digid-apply": "<5",
        "digid-app": "<5",
        "forgot-credentials": "<5",
    }
    noord = monitor.protect(monitor.month_counts(store, NOVEMBER, "bieb-noord"), threshold=5)
    # fewer than five visits at bieb-noord: nothing more of those visitors is shown
    assert noord["visits"] == "<5" and noord["questions"] is None
    assert noord["questions_by_category"] == {} and noord["referrals"] == {}
    json.dumps(figures)  # the --json contract is plain JSON


def test_no_hidden_cell_can_be_worked_out_by_subtraction(store: Store) -> None:
    """Attack: a breakdown that adds up to a shown total, with one hidden cell, gives
    that cell as total minus the rest. A second cell must be hidden with it."""
    figures = monitor.protect(monitor.month_counts(store, NOVEMBER), threshold=5)
    # two small kinds hide each other; one small help type takes the large one with it
    assert figures["questions_by_category"] == {"government": 9, "library": "<5", "other": "<5"}
    assert figures["visits_by_help_type"] == {"help-along": ">=5", "information": "<5"}
    for total_key, part_key in (
        ("questions", "questions_by_category"),
        ("visits", "visits_by_help_type"),
        ("referred_visits", "referrals"),
    ):
        if isinstance(figures[total_key], str):
            continue  # the total itself is hidden
        hidden = [v for v in figures[part_key].values() if isinstance(v, str) and v != 0]
        assert len(hidden) != 1, (part_key, figures[part_key])


def test_partition_hides_a_second_cell_only_when_needed() -> None:
    assert suppression.partition({"a": 10, "b": 3, "c": 7}, 5) == {"a": 10, "b": "<5", "c": ">=5"}
    assert suppression.partition({"a": 10, "b": 3, "c": 2}, 5) == {"a": 10, "b": "<5", "c": "<5"}
    assert suppression.partition({"a": 10, "c": 7}, 5) == {"a": 10, "c": 7}


def test_cli_writes_the_month_as_text_json_and_csv(
    run_cli: RunCli, store: Store, tmp_path: Path
) -> None:
    code, out, err = run_cli(
        "monitor", "--month", "2026-11", "--format", "json", "--threshold", "1"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "bibliotheekmonitor-month/1"
    assert data["questions_by_category"] == {"government": 9, "library": 1, "other": 3}

    target = tmp_path / "november.csv"
    code, _, err = run_cli("monitor", "--month", "2026-11", "--format", "csv", "-o", str(target))
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    labels = {row["label"]: row["count"] for row in table}
    assert labels["Bezoeken"] == "11"  # Dutch by default
    assert labels["Dienstverlening van de bibliotheek"] == "<5"

    code, out, _ = run_cli("monitor", "--month", "2026-11", "--lang", "en")
    assert code == 0 and "Visits with more than one question" in out
    assert "Bezoeken" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ("monitor", "--month", "2026-Q4"),
        ("monitor", "--month", "november"),
        ("monitor", "--threshold", "0"),
        ("monitor", "-o", "/nonexistent-folder/x.csv"),
    ],
)
def test_cli_refuses_bad_input_in_one_line(run_cli: RunCli, argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(*argv)
    assert code == 2
    assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_profile_fields_switched_off_are_not_stored_from_the_cli(run_cli: RunCli) -> None:
    update_settings(location="bieb-centrum", staff="m12", profile_fields=False)
    base = ("log", "--org", "digid", "--subject", "digid-app", "--help-type", "help-along")
    for extra in (("--age-band", "65-74"), ("--first-visit",), ("--barrier", "language")):
        code, _, err = run_cli(*base, "--outcome", "solved", *extra)
        assert code == 2 and "niet gevraagd" in err
    assert rows() == []
    code, _, err = run_cli(*base, "--outcome", "solved")
    assert code == 0, err
    assert [r.age_band for r in rows()] == [None]


def test_profile_fields_switched_off_are_not_asked_in_the_app() -> None:
    """At a location that switched the profile off the form skips those fields: the
    common case typed straight through saves without them."""
    update_settings(location="bieb-centrum", staff="m12", profile_fields=False)

    async def scenario(app, pilot) -> None:
        for name in ("age_band", "first_visit", "barriers"):
            assert not app.screen.query_one(f"#field-{name}").display
        assert app.screen.query_one("#field-channel").display
        await pilot.press("ctrl+n")
        for word in ("digid", "app", "meeh", "opgel"):
            await type_text(pilot, word)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario)
    assert [
        (r.organisations, r.outcome, r.age_band, r.first_visit, r.barriers) for r in rows()
    ] == [(("digid",), "solved", None, None, ())]
