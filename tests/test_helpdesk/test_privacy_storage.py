"""Personal data is never *stored*, whichever free text field carries it and whichever
interface language answers.

test_privacy_properties.py proves the detector finds every generated value; these prove
that every free text on the way into the database (note, each 'bring' item of a
follow-up, on create and on edit) passes through it, and that no refusal echoes it.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_generators import POSITIVE

from helpdesk.desk import edit_request, log_request
from helpdesk.privacy import KINDS
from helpdesk.records import DeskRequest, FollowUp, ValidationError
from helpdesk.settings import Settings
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli

SEEDED = st.integers(min_value=0, max_value=2**64 - 1).map(random.Random)
SETTINGS = Settings(location="bieb", staff="k1")


def _base() -> DeskRequest:
    return desk_request()


def _all_text(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        parts = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                parts.extend(str(v) for v in row if v is not None)
        return "\n".join(parts)
    finally:
        conn.close()


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(rng=SEEDED, where=st.sampled_from(["note", "bring", "edit-note", "edit-bring"]))
def test_generated_personal_data_is_never_stored(
    kind: str, rng: random.Random, where: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    sample = POSITIVE[kind](rng)
    db = tmp_path_factory.mktemp("store") / "desk.db"
    with open_store(db) as store:
        saved = log_request(store, _base(), SETTINGS)
        field_ = "note" if where.endswith("note") else "bring"
        changes = (
            {"note": sample.text}
            if field_ == "note"
            else {"followup": FollowUp(datetime(2026, 12, 1, 10, 0), ("paspoort", sample.text))}
        )
        with pytest.raises(ValidationError):
            if where.startswith("edit"):
                edit_request(store, saved.with_changes(**changes), SETTINGS)
            else:
                log_request(store, _base().with_changes(**changes), SETTINGS)
        assert store.count_requests() == 1
    assert sample.value not in _all_text(db)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "extra",
    [
        ["--note", "bsn 111.222.333"],
        ["--follow-up", "2026-12-03 10:30", "--bring", "bel 06-12345678"],
    ],
    ids=["note", "bring"],
)
def test_cli_refusal_in_either_language_saves_and_echoes_nothing(
    run_cli: RunCli, lang: str, extra: list[str]
) -> None:
    argv = ["--lang", lang, "log", "--org", "digid", "--subject", "digid-apply",
            "--help-type", "help-along", "--outcome", "solved",
            "--location", "bieb-centrum", "--staff", "m12", *extra]  # fmt: skip
    code, _, err = run_cli(*argv)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert "111" not in err and "12345678" not in err, err
