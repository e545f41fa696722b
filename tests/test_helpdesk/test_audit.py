"""The audit trail: who changed what and when, without note contents, surviving purges."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from helpdesk.records import DeskRequest
from helpdesk.settings import update_settings
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli


def test_every_change_is_in_the_trail_without_note_contents(
    run_cli: RunCli,
) -> None:
    update_settings(location="bieb-centrum", staff="mgr1")
    db = Path(os.environ["HELPDESK_DB"])
    with open_store(db) as store:
        req = store.add_request(
            DeskRequest(
                ("uwv",),
                ("benefit",),
                "help-along",
                "solved",
                "bieb-centrum",
                "k7",
                note="geheime notitie",
            )
        )
        store.update_request(req.with_changes(outcome="follow-up", note="nog geheimer"), actor="k8")
        other = store.add_request(
            DeskRequest(("svb",), ("aow-pension",), "information", "solved", "bieb-centrum", "k7")
        )
        store.delete_request(other.id, actor="k9")
    assert run_cli("purge", "--older-than", "0", "--yes")[0] == 0

    code, out, _ = run_cli("audit", "--json")
    trail = json.loads(out)
    assert [(e["action"], e["staff"], e["request_id"]) for e in trail] == [
        ("create", "k7", req.id),
        ("edit", "k8", req.id),
        ("create", "k7", other.id),
        ("delete", "k9", other.id),
        ("purge", "mgr1", None),
    ]
    assert trail[1]["detail"] == "outcome, note"
    assert trail[4]["detail"].startswith("1 request(s)")
    assert "geheim" not in out

    with open_store(db) as store:
        assert store.count_requests() == 0  # the data is gone, its trail is not
        assert len(store.audit_trail()) == 5
    code, out, _ = run_cli("audit")
    assert "purge" in out and "mgr1" in out


def test_restoring_a_backup_keeps_the_later_trail(run_cli: RunCli, tmp_path: Path) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    with open_store(db) as store:
        store.add_request(
            DeskRequest(("rdw",), ("vehicle",), "information", "solved", "bieb", "k1")
        )
    assert run_cli("backup", "-o", str(tmp_path / "b.db"))[0] == 0
    with open_store(db) as store:
        late = store.add_request(
            DeskRequest(("cjib",), ("fine",), "information", "solved", "bieb", "k2")
        )
        store.delete_request(late.id)
    assert run_cli("restore", str(tmp_path / "b.db"), "--yes")[0] == 0
    with open_store(db) as store:
        actions = [(e.action, e.staff) for e in store.audit_trail()]
    assert actions == [("create", "k1"), ("create", "k2"), ("delete", "k2"), ("restore", "")]
