"""Label in name (WCAG 2.5.3): the visible label of a control is part of its accessible name.

Speech-input users say what they see ("click Zoeken"); when ``aria-label`` or
``aria-labelledby`` replaces the visible text with other words, the command finds
nothing. The comparison follows the W3C ACT rule 2ee8b8: the visible text, without
hidden parts, symbols and punctuation, must appear as whole words, in order and
adjacent, in the accessible name, ignoring case and whitespace.
DOM-only: reads the rendered page and changes nothing.
"""

from __future__ import annotations

from typing import Any

from a11y import js

#: Visible labels longer than this many words are reported for review only: on a card
#: link that wraps a heading and a paragraph, which words are 'the label' is a judgement.
MAX_CERTAIN_WORDS = 10

_NAMES_JS = js.load("check_helpers", "check_label_in_name")


def check(driver: Any) -> list[list[str]]:
    """Hits of the label-in-name rule on the current page."""
    return driver.execute_script(_NAMES_JS, MAX_CERTAIN_WORDS)
