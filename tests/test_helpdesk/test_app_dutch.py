"""A Dutch desk speaks Dutch: no English from Textual or from our own error texts.

Staff met "Onbekende periode: not a period…", Textual's ctrl+c toast ("Press ctrl+q to
quit the app") and the palette's "Search for commands…" and "No matches found". This
runs the real app in Dutch, triggers each, and looks for English words in what shows.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from desk_pilot import run, type_text
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from helpdesk.app import DeskApp
from helpdesk.screens.stats import StatsScreen
from helpdesk.settings import Settings, save_settings

# Words of the English texts staff met, none of which is Dutch.
ENGLISH = {
    "press",
    "quit",
    "not",
    "period",
    "use",
    "search",
    "commands",
    "no",
    "matches",
    "found",
    "theme",
    "change",
    "current",
    "keys",
    "show",
    "help",
    "screenshot",
    "save",
    "maximize",
    "minimize",
    "the",
    "for",
    "do",
    "you",
    "want",
    "to",
    "palette",
}


def english_words(texts: list[str]) -> set[str]:
    return {w for text in texts for w in re.findall(r"[a-z]+", text.casefold())} & ENGLISH


def prompt_text(prompt: object) -> str:
    """The words of a palette line (the 'nothing found' line is centred text)."""
    inner = getattr(prompt, "renderable", prompt)
    return getattr(inner, "plain", str(inner))


async def settle(pilot: Pilot) -> None:
    for _ in range(8):
        await pilot.pause(0.1)


def test_errors_toasts_and_palette_are_dutch_in_a_dutch_desk() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )
    seen: list[str] = []

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        def toasts() -> list[str]:
            return [f"{n.title or ''} {n.message}" for n in app._notifications]

        footer = [key.description for key in app.screen.query(FooterKey)]
        assert "Opdrachten" in footer  # Textual's 'palette'
        seen.extend(footer)

        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        seen.append(palette.query_one(CommandInput).placeholder)
        commands = palette.query_one(CommandList)
        seen.extend(prompt_text(option.prompt) for option in commands.options)
        assert any("Nieuwe vraag" in text for text in seen)
        await type_text(pilot, "zzqx")
        await settle(pilot)
        nothing = [prompt_text(option.prompt) for option in commands.options]
        assert nothing and "Geen opdrachten gevonden" in nothing[-1]
        seen.extend(nothing)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("ctrl+c")  # not in a text box: Textual's 'press ctrl+q to quit'
        await pilot.pause()
        assert any("ctrl+q" in toast for toast in toasts())
        await pilot.press("p")
        field = app.screen.query_one("#period-typed", Input)
        field.value = ""
        await type_text(pilot, "not a period")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Onbekende periode. Typ bijvoorbeeld 2026" in toast for toast in toasts())
        seen.extend(toasts())

    run(scenario)
    # the period typed is quoted back as typed: leave those words out
    shown = [text.replace("‘not a period’", "") for text in seen]
    assert english_words(shown) == set()
