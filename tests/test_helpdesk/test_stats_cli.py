"""``helpdesk stats`` in-process against a real database file with known content."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_stats import fill

from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli


pytestmark = pytest.mark.usefixtures("amsterdam")  # see conftest.py


@pytest.fixture
def filled() -> None:
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        fill(store)


def test_json_contract(run_cli: RunCli, filled: None) -> None:
    code, out, err = run_cli("stats", "--period", "2026-Q3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["period"]["since"] == "2026-07-01" and data["period"]["until"] == "2026-09-30"
    assert data["total"] == 10
    assert data["by_org"] == {
        "digid": 6,
        "belastingdienst": "<5",
        "toeslagen": "<5",
        "gemeente": "<5",
    }
    assert data["by_location"] == {"bieb-centrum": 5, "bieb-noord": 5}
    assert data["solved_at_desk_share"] == 0.5
    assert data["minutes"] == {"total": 155, "median": 20, "p90": 50}
    assert data["suppression_threshold"] == 5
    assert data["per_week"][0] == {"week": "2026-W27", "count": "<5"}
    # the previous quarter had 3 requests: protected like any count, and no change is
    # worked out from it (the report said "+233 % (toen 3)")
    assert data["previous"]["total"] == "<5"
    assert data["previous"]["change"] is None and data["previous"]["change_pct"] is None


def test_threshold_and_location(run_cli: RunCli, filled: None) -> None:
    code, out, _ = run_cli(
        "stats", "--period", "2026-Q3", "--location", "bieb-noord", "--json",
        "--threshold", "10",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    # five requests at one location, below the threshold of ten: nothing else is shown,
    # or the breakdowns would describe those five residents
    assert data["total"] == "<10"
    assert data["by_outcome"] == {} and data["by_age_band"] == {}
    assert data["minutes"] == {"total": None, "median": None, "p90": None}
    assert data["solved_at_desk_share"] is None
    assert data["suppression_threshold"] == 10
    code, out, _ = run_cli(
        "stats", "--period", "2026-Q3", "--location", "bieb-noord", "--json",
        "--threshold", "4",
    )  # fmt: skip
    data = json.loads(out)
    assert data["total"] == 5
    assert data["by_outcome"] == {"referred": 4, "not-solved": "<4"}


def test_text_in_dutch_and_english(run_cli: RunCli, filled: None) -> None:
    code, out, _ = run_cli("stats", "--since", "2026-07-01", "--until", "2026-09-30")
    assert code == 0
    assert "Hulpvragen: 10" in out
    assert "Direct opgelost: 50%" in out
    assert "<5" in out and "DigiD (Logius)" in out
    code, out, _ = run_cli("--lang", "en", "stats", "--period", "2026-Q3")
    assert code == 0 and "Requests: 10" in out and "Staff (codes): not shown" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("stats", "--period", "2026-Q5"),
        ("stats", "--period", "2026", "--since", "2026-01-01"),
        ("stats", "--since", "2026-31-01"),
        ("stats", "--since", "2026-02-01", "--until", "2026-01-01"),
        ("stats", "--threshold", "0"),
        ("stats", "--threshold", "many"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli: RunCli, argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(*argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_empty_database_gives_zeros(run_cli: RunCli) -> None:
    code, out, err = run_cli("stats", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == 0 and data["by_org"] == {} and data["solved_at_desk_share"] == 0.0
    assert data["minutes"] == {"total": 0, "median": None, "p90": None}
    assert data["period"]["kind"] == "ytd"
