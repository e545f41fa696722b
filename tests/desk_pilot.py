"""Driving the desk app in tests: the helpers the Pilot test files share.

Plain functions running asyncio, so the app tests need no pytest plugin; conftest points
HELPDESK_DB and HELPDESK_CONFIG into tmp_path, and these helpers read them from there.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from helpdesk.app import DeskApp, create_app
from helpdesk.records import DeskRequest
from helpdesk.store import open_store

#: Large enough for every widget; the 80x24 tests pass their own size.
SIZE = (150, 60)

Scenario = Callable[[DeskApp, Pilot], Awaitable[None]]


def run(scenario: Scenario, size: tuple[int, int] = SIZE, **app_args: object) -> None:
    """Start the app as ``helpdesk`` would (one factory), then play ``scenario`` on it."""

    async def main() -> None:
        app = create_app(**app_args)  # type: ignore[arg-type]
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def rows() -> list[DeskRequest]:
    """Every request in the test's database, newest first, as a user would list them."""
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        return store.list_requests()
