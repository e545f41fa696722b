"""The JavaScript that runs in the checked page, kept in ``.js`` files beside this module.

Each script is a function body as WebDriver's ``execute_script`` runs it: it reads its
inputs from ``arguments`` and may ``return`` (``execute_async_script`` passes the
callback as the last argument). Keeping them as files lets an editor highlight them and
``node --check`` parse them (``tests/test_a11y_js.py``); the wheel ships them as
package data. Values from Python are always passed as arguments, never formatted into
the text; where the browser gives no arguments (CDP ``Runtime.evaluate`` and
``Page.addScriptToEvaluateOnNewDocument``) :func:`call_expression` passes them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(*names: str) -> str:
    """The script made of the named files (without ``.js``), in order, read once.

    Several names share code: ``load("check_helpers", "check_page")`` puts the helper
    functions of the own checks before the check that uses them.
    """
    folder = resources.files(__package__)
    return "\n".join(folder.joinpath(f"{name}.js").read_text(encoding="utf-8") for name in names)


def call_expression(script: str, *args: Any) -> str:
    """``script`` as one expression that calls it with ``args`` (JSON values).

    For the places that take an expression and no arguments, so a script behaves there
    exactly as under ``execute_script``: a function body called with ``arguments``.
    """
    return f"(function () {{\n{script}\n}}).apply(null, {json.dumps(list(args))})"
