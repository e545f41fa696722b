"""The a11y tests' shared state: the command's language starts Dutch in every test.

``a11y.i18n.cli_lang`` is one value per process (a run speaks one language), so a test
that ran ``main([..., "--lang", "en"])`` would otherwise leave English behind for the
next test that calls the crawler or a11y.ci directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from a11y.i18n import set_cli_lang


@pytest.fixture(autouse=True)
def dutch_command_lines() -> Iterator[None]:
    set_cli_lang("nl")
    yield
    set_cli_lang("nl")
