"""The desk app: one App class and the factory that builds it.

``create_app`` is what the ``helpdesk`` command and the Pilot tests both call, so the
tests drive exactly the app staff use. The app holds the open store, the settings and
the ``DeskState`` (the request being logged, its guides and timer, and the language);
screens render and edit that state, call the domain (``helpdesk.desk``) and never touch
SQL. A language change is published on ``language_changed``; every screen subscribed
to it relabels itself, whether it is on top or waiting underneath.

Keys (all shown in the footer, all remappable by binding id):
ctrl+n new request (the timer waits for the resident), F4 resident arrived (the timer
starts; it also starts at the first key or pick), ctrl+o pauses or resumes it,
ctrl+s save, ctrl+r the list (there: Enter/e edit,
Delete/d delete), Escape cancels an edit, ctrl+z undoes a delete for 30 s, ctrl+q quits
(asking first when the form holds unsaved input), ctrl+f follow-ups (there: p prints the highlighted appointment's slip, Escape goes back),
ctrl+y prints the slip of the request just saved with a follow-up,
ctrl+l Dutch/English, ctrl+t high contrast, ctrl+g larger text, ctrl+p command palette
(also finds guides by title), F2 guides, F3 statistics.
In the statistics screen: p period (pick one or type 2026-Q3 and Enter), l location,
t charts or tables, 1 figures tab, 2 accessibility tab, Enter or i on a site opens its
latest scan's issues, Escape goes back.
In the guide list: type to search, up/down move, Enter opens; Tab to the subject and
organisation filters and the list; Escape goes back. In a guide: right/Page Down next
step, left/Page Up previous, space ticks the step done, a attaches the guide to the
request, p prints the handout, Escape goes back.
In a code picker: letters filter, up/down move, Enter picks and moves on, Backspace on an
empty box removes the last chip, shift+tab goes back to add another code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from helpdesk.desk_state import DeskState
from helpdesk.frequent import CASE_KEYS
from helpdesk.guides.library import Guide, GuideError, load_guides
from helpdesk.guides.search import GuideIndex
from helpdesk.i18n import DEFAULT_LANG, binding_word, t
from helpdesk.printing import BROWSER, PrintResult, describe, print_file
from helpdesk.screens.confirm import ConfirmScreen
from helpdesk.screens.desk import DeskScreen
from helpdesk.screens.guide_commands import GuideCommands
from helpdesk.screens.palette import DeskCommandPalette
from helpdesk.screens.setup import SetupScreen
from helpdesk.settings import (
    LANGUAGES,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    update_settings,
)
from helpdesk.store import Store, StoreError, open_store
from helpdesk.widgets.in_order_keys import InOrderKeys, KeyGate
from inclusiedesk import paths

DEFAULT_THEME = "textual-dark"
HIGH_CONTRAST_THEME = "inclusiedesk-high-contrast"

# Pure black and white with yellow focus and keys: for screens turned towards residents
# with low vision, and for bright library halls.
HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#333333",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF6666",
    dark=True,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#AAAAAA",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
    },
)


class DeskApp(App):
    """The counter's app: log requests between two residents."""

    CSS_PATH = ["styles/desk.tcss", "styles/stats.tcss"]
    TITLE = "Inclusiedesk"
    COMMANDS = App.COMMANDS | {GuideCommands}
    # Screens narrower than 100 columns get the class '-narrow' (an 80x24 terminal):
    # the styles then keep key hints, counts and the guide's step box in view.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        # F3 first: on a narrow footer the keys at the end are cut off
        Binding("f3", "open_stats", "Statistics", id="app.stats"),
        Binding("ctrl+l", "toggle_language", "Language", id="app.language"),
        Binding("ctrl+t", "toggle_theme", "High contrast", id="app.theme"),
        Binding("ctrl+g", "toggle_large_text", "Large text", id="app.large_text"),
    ]

    def __init__(
        self,
        db_path: Path,
        settings_path: Path | None = None,
        lang: str | None = None,
        print_dir: Path | None = None,
        guides_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.key_gate = KeyGate()  # one key at a time to the fields, in typing order
        self.db_path = db_path
        self.settings_path = settings_path
        self.lang_override = lang
        # Printed pages go to a folder staff can find (~/Documenten/Inclusiedesk).
        self.print_dir = print_dir or paths.print_dir()
        self.last_print: PrintResult | None = None  # what the last print did; read by tests
        # The library's own guides; None: HELPDESK_GUIDES_DIR, else only the bundled ones.
        self.guides_dir = guides_dir
        self._guide_index: GuideIndex | None = None
        self.guide_problems: list[str] = []  # guide files skipped because they are broken
        self.store: Store | None = None
        self.settings = Settings()
        # The request being logged and the language: one owner, shown by the screens.
        self.desk_state = DeskState(lang=lang or DEFAULT_LANG)
        # Published with the new language; screens and footers subscribe to relabel.
        self.language_changed: Signal[str] = Signal(self, "language-changed")
        self._asking_quit = False  # ctrl+q asked "quit anyway?": a second ctrl+q quits

    @property
    def lang(self) -> str:
        """The interface language (kept in the desk state)."""
        return self.desk_state.lang

    # ------------------------------------------------------------ start and stop

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go through the key gate (see ``widgets.in_order_keys``):
        one at a time to the desk's fields, so none overtakes an earlier one."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.key_gate.hold(event):
                await self._hand_over(event)
            return
        await super().on_event(event)

    async def _hand_over(self, event: events.Key) -> None:
        target = self.focused
        await super().on_event(event)
        if event.is_forwarded and isinstance(target, InOrderKeys):
            self.key_gate.handed_over(event, target)

    async def release_keys(self) -> None:
        """Hand over the keys that waited, as long as none is in flight."""
        while (event := self.key_gate.next_key()) is not None:
            await self._hand_over(event)

    def on_mount(self) -> None:
        # a field that went away with its screen never says 'done': let its key go
        self.set_interval(0.25, self.release_keys)
        self.register_theme(HIGH_CONTRAST)
        try:
            self.settings = load_settings(self.settings_path)
        except SettingsError as exc:
            self.notify(t("settings_error", self.lang, error=exc), severity="error", timeout=15)
        self.desk_state.lang = self.lang_override or self.settings.lang
        self.desk_state.profile_fields = self.settings.profile_fields
        self._apply_look()
        try:
            self.store = open_store(self.db_path)
        except StoreError as exc:
            self.notify(t("store_error", self.lang, error=exc), severity="error", timeout=30)
        self.push_screen(DeskScreen())
        if not (self.settings.location and self.settings.staff):
            self.push_screen(
                SetupScreen(self.settings, self.settings_path, self.lang), self._setup_done
            )

    def on_unmount(self) -> None:
        desk = self.desk_screen
        if desk is not None:
            desk.flush_pending()
        if self.store is not None:
            self.store.close()

    async def action_quit(self) -> None:
        """ctrl+q: at once, unless the form holds a half-filled request; then ask first."""
        desk = self.desk_screen
        if self._asking_quit or desk is None or not desk.has_unsaved_input():
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            self._asking_quit = False
            if yes:
                self.exit()

        self._asking_quit = True
        lang = self.lang
        question = ConfirmScreen(
            t("right_request.quit_question", lang),
            lang,
            yes=t("right_request.quit_yes", lang),
            no=t("right_request.quit_no", lang),
        )
        self.push_screen(question, answered)

    def _setup_done(self, saved: Settings | None) -> None:
        if saved is None:
            return
        self.settings = saved
        self.notify(t("setup_saved", self.lang, location=saved.location, staff=saved.staff))
        desk = self.desk_screen
        if desk is not None:
            desk.refresh_list()
            desk.action_new_request()

    @property
    def desk_screen(self) -> DeskScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                return screen
        return None

    # ------------------------------------------------------------ settings toggles

    def _remember(self, **changes: object) -> None:
        """Keep the change for this session and write it to the settings file.

        ``update_settings`` merges with the file, so a change made meanwhile by the CLI
        (``helpdesk config``) survives; an unreadable file is replaced by our settings.
        """
        self.settings = replace(self.settings, **changes)
        try:
            self.settings = update_settings(self.settings_path, **changes)
        except SettingsError:
            try:
                save_settings(self.settings, self.settings_path)
            except (OSError, SettingsError) as exc:
                self.notify(t("settings_error", self.lang, error=exc), severity="error")
        except OSError as exc:
            self.notify(t("settings_error", self.lang, error=exc), severity="error")

    def _apply_look(self) -> None:
        self.theme = (
            HIGH_CONTRAST_THEME if self.settings.theme == "high-contrast" else DEFAULT_THEME
        )
        # Larger text is a class on the app; styles/desk.tcss says what it means.
        self.set_class(self.settings.large_text, "large-text")
        self.set_class(self.settings.theme == "high-contrast", "high-contrast")

    def action_toggle_language(self) -> None:
        lang = self.desk_state.toggle_language()
        self._remember(lang=lang)
        self.language_changed.publish(lang)
        self.notify(t("lang_now", lang))

    def action_toggle_theme(self) -> None:
        theme = "default" if self.settings.theme == "high-contrast" else "high-contrast"
        self._remember(theme=theme)
        self._apply_look()
        self.notify(t("theme_now", self.lang, theme=theme))

    def action_toggle_large_text(self) -> None:
        self._remember(large_text=not self.settings.large_text)
        self._apply_look()
        state = t("on" if self.settings.large_text else "off", self.lang)
        self.notify(t("large_now", self.lang, state=state))

    # ------------------------------------------------------------ guides

    @property
    def guide_index(self) -> GuideIndex:
        """Guides and their search index, built on first use (well under a second).

        Broken local guide files are skipped and listed in ``guide_problems``; the guide
        screen reports them, the rest of the desk keeps working.
        """
        if self._guide_index is None:
            errors: list[GuideError] = []
            problems: list[str] = []
            try:
                guides = load_guides(self.guides_dir, errors=errors)
            except (OSError, GuideError) as exc:
                guides, problems = [], [str(exc)]
            self._guide_index = GuideIndex(guides)
            self.guide_problems = problems + [str(e) for e in errors]
        return self._guide_index

    def guide(self, guide_id: str, lang: str | None = None) -> Guide | None:
        """The guide in ``lang`` (default: the interface language), else in another one."""
        first = lang or self.lang
        for candidate in (first, *[other for other in LANGUAGES if other != first]):
            found = self.guide_index.get(guide_id, candidate)
            if found is not None:
                return found
        return None

    def guide_title(self, guide_id: str) -> str:
        found = self.guide(guide_id)
        return found.title if found else guide_id

    def guide_list(self) -> list[Guide]:
        """One guide per id, in the interface language where there is one, by title."""
        ids = dict.fromkeys(g.id for g in self.guide_index.guides)
        chosen = [g for g in (self.guide(i) for i in ids) if g is not None]
        return sorted(chosen, key=lambda g: (g.title.casefold(), g.id))

    def open_guides(self) -> None:
        from helpdesk.screens.guides import GuidesScreen

        self.push_screen(GuidesScreen())

    def open_guide(self, guide_id: str) -> None:
        from helpdesk.screens.guide_view import GuideViewScreen

        if self.guide(guide_id) is None:
            message = t("guide_missing", self.lang, id=guide_id)
            self.notify(message, severity="error", markup=False)
            return
        self.push_screen(GuideViewScreen(guide_id))

    # ------------------------------------------------------------ statistics

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_stats":  # from the desk only, so F3 does not stack screens
            return isinstance(self.screen, DeskScreen)
        return True

    def action_open_stats(self) -> None:
        self.open_stats()

    def open_stats(self) -> None:
        """The statistics screen (also from the palette, which closes itself first)."""
        from helpdesk.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            # Composed once and kept (about 0.8 s of CPU on a 2-core machine); opening it
            # again only recounts the figures of the period last chosen.
            if not self.is_screen_installed("stats"):
                self.install_screen(StatsScreen(), "stats")
            self.push_screen("stats")

    # ------------------------------------------------------------ command palette

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt and 'nothing found' in the desk's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DeskCommandPalette(self.lang))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text box): say in words how to stop."""
        self.notify(t("words.quit_hint", self.lang), title=t("words.quit_title", self.lang))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Textual's own (English titles; a theme picker beside the desk's contrast
        # setting; a screenshot): the ones staff need, in the desk's language.
        lang = self.lang
        yield SystemCommand(
            t("words.cmd_quit", lang), t("words.cmd_quit_help", lang), self.action_quit
        )
        if screen.maximized is not None:
            yield SystemCommand(
                t("words.cmd_minimize", lang),
                t("words.cmd_minimize_help", lang),
                screen.action_minimize,
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("words.cmd_maximize", lang),
                t("words.cmd_maximize_help", lang),
                screen.action_maximize,
            )
        if isinstance(screen, DeskScreen):
            yield SystemCommand(
                binding_word("New request", lang), t("cmd_new", lang), screen.action_new_request
            )
            yield SystemCommand(binding_word("Save", lang), t("cmd_save", lang), screen.action_save)
            yield SystemCommand(
                binding_word("Follow-ups", lang), t("cmd_followups", lang), screen.action_followups
            )
            yield SystemCommand(
                binding_word("Guides", lang), t("cmd_guides", lang), self.open_guides
            )
            yield SystemCommand(
                binding_word("Statistics", lang), t("cmd_stats", lang), self.open_stats
            )
            for n, (key, case) in enumerate(zip(CASE_KEYS, screen.cases, strict=False)):
                yield SystemCommand(
                    f"{key.upper()} {case.label(lang)}",
                    t("words.cmd_case_help", lang),
                    partial(screen.action_frequent_case, n),
                )
        yield SystemCommand(
            binding_word("Language", lang), t("cmd_lang", lang), self.action_toggle_language
        )
        yield SystemCommand(
            binding_word("High contrast", lang), t("cmd_theme", lang), self.action_toggle_theme
        )
        yield SystemCommand(
            binding_word("Large text", lang), t("cmd_large", lang), self.action_toggle_large_text
        )
        if isinstance(screen, DeskScreen):
            yield SystemCommand(
                binding_word("Desk setup", lang), t("cmd_setup", lang), self.open_setup
            )

    def print_page(self, path: Path, what: str) -> None:
        """Send a written page to paper and tell staff where its file is.

        In a thread: Chromium and CUPS take seconds, and the desk must keep taking keys.
        A desk served in a browser (``helpdesk serve``) gets the page in that browser, to
        print on the printer beside it rather than on the machine holding the database.
        """
        if self.is_web:
            self.deliver_text(path, open_method="browser", mime_type="text/html")
            self._printed(PrintResult(BROWSER, path), what)
            return
        self.run_worker(lambda: self._print_in_thread(path, what), thread=True, group="print")

    def _print_in_thread(self, path: Path, what: str) -> None:
        result = print_file(path)
        self.call_from_thread(self._printed, result, what)

    def _printed(self, result: PrintResult, what: str) -> None:
        self.last_print = result
        self.notify(describe(result, what, self.lang), timeout=15, markup=False)

    def open_setup(self) -> None:
        """Change location or staff code later (another colleague takes over the desk)."""
        self.push_screen(
            SetupScreen(self.settings, self.settings_path, self.lang), self._setup_done
        )


def create_app(
    db_path: Path | str | None = None,
    lang: str | None = None,
    settings_path: Path | str | None = None,
    print_dir: Path | str | None = None,
    guides_dir: Path | str | None = None,
) -> DeskApp:
    """Build the desk app; None means the default (environment-aware) location."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGUAGES)}")
    return DeskApp(
        db_path=Path(db_path) if db_path else paths.desk_db_path(),
        settings_path=Path(settings_path) if settings_path else paths.desk_settings_path(),
        lang=lang,
        print_dir=Path(print_dir) if print_dir else None,
        guides_dir=Path(guides_dir) if guides_dir else None,
    )
