"""The follow-up slip: one resident's appointment, the desk's details, the date in words.

Pilot tests print from the follow-ups screen and from the desk right after a save; the
slip never carries another resident's appointment. Axe-core in real Chromium checks the
page in both languages (marker ``browser``).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from desk_pilot import run
from textual.pilot import Pilot
from textual.widgets import OptionList

from helpdesk.app import DeskApp
from helpdesk.checklist import NoFollowUpError, date_in_words, slip_html, write_slip
from helpdesk.desk import log_request
from helpdesk.desk_state import RequestFields
from helpdesk.records import DeskRequest, FollowUp
from helpdesk.screens.desk import DeskScreen
from helpdesk.screens.followups import FollowupsScreen
from helpdesk.settings import Settings, load_settings, save_settings
from helpdesk.store import open_store

sys.path.insert(0, str(Path(__file__).parent.parent))
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe  # noqa: E402
from conftest import RunCli  # noqa: E402

DESK = Settings(
    location="bieb-centrum",
    staff="m01",
    desk_name="Bibliotheek Centrum",
    desk_address="Stationsplein 1, 1234 AB Stad",
    desk_hours="ma-vr 10.00-17.00",
    desk_phone="010 123 45 67",
)
WEDNESDAY = dt.datetime(2026, 12, 9, 10, 30)


def request(at: dt.datetime, bring: tuple[str, ...], **changes: object) -> DeskRequest:
    return DeskRequest(
        organisations=("digid",),
        subjects=("digid-apply",),
        help_type="help-along",
        outcome="follow-up",
        location="bieb-centrum",
        staff="m01",
        minutes=5,
        followup=FollowUp(at, bring),
    ).with_changes(**changes)


def seed(req: DeskRequest) -> DeskRequest:
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        return log_request(store, req, load_settings())


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


# ---------------------------------------------------------------- the page


def test_date_in_words() -> None:
    assert date_in_words(WEDNESDAY.date(), "nl") == "woensdag 9 december 2026"
    assert date_in_words(dt.date(2026, 12, 8), "nl") == "dinsdag 8 december 2026"
    assert date_in_words(WEDNESDAY.date(), "en") == "Wednesday 9 December 2026"


def test_slip_holds_the_desk_the_date_in_words_the_time_and_what_to_bring() -> None:
    page = text_of(slip_html(request(WEDNESDAY, ("Paspoort", "Brief met code")), DESK, "nl"))
    assert "Uw vervolgafspraak" in page
    assert "woensdag 9 december 2026 om 10.30 uur" in page
    for detail in ("Bibliotheek Centrum", "Stationsplein 1, 1234 AB Stad", "ma-vr 10.00-17.00"):
        assert detail in page
    assert "010 123 45 67" in page and "Kunt u niet komen? Bel ons dan even." in page
    assert "Paspoort" in page and "Brief met code" in page
    english = text_of(slip_html(request(WEDNESDAY, ()), DESK, "en"))
    assert "Wednesday 9 December 2026 at 10:30" in english
    assert "You do not need to bring anything." in english


def test_slip_leaves_out_desk_details_not_set() -> None:
    html = slip_html(request(WEDNESDAY, ("Paspoort",)), Settings(), "nl")
    assert "Openingstijden" not in html and "Telefoon" not in html and 'id="where"' not in html
    assert "woensdag 9 december 2026" in text_of(html)


def test_slip_never_carries_notes_or_codes() -> None:
    req = request(WEDNESDAY, ("Paspoort",), note="geheime-notitie")
    html = slip_html(req, DESK, "nl")
    assert "geheime-notitie" not in html and "m01" not in html and "bieb-centrum" not in html


def test_a_request_without_follow_up_has_no_slip(tmp_path: Path) -> None:
    with pytest.raises(NoFollowUpError):
        write_slip(request(WEDNESDAY, ()).with_changes(followup=None), DESK, "nl", tmp_path)
    assert not any(tmp_path.iterdir())


# ---------------------------------------------------------------- settings


def test_desk_details_are_set_and_shown_by_the_settings_command(run_cli: RunCli) -> None:
    code, out, _ = run_cli(
        "settings",
        "--desk-name", "Bibliotheek Centrum",
        "--desk-address", "Stationsplein 1, Stad",
        "--desk-hours", "ma-vr 10.00-17.00",
        "--desk-phone", "010 123 45 67",
    )  # fmt: skip
    assert code == 0
    assert "desk_name = Bibliotheek Centrum" in out and "desk_phone = 010 123 45 67" in out
    settings = load_settings()
    assert (settings.desk_address, settings.desk_hours) == (
        "Stationsplein 1, Stad",
        "ma-vr 10.00-17.00",
    )
    code, out, err = run_cli("settings", "--desk-name", "x" * 201)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "200" in err
    assert load_settings().desk_name == "Bibliotheek Centrum"


def test_the_desk_phone_is_no_personal_data_but_a_phone_in_a_note_still_is(
    run_cli: RunCli,
) -> None:
    """The desk's public number passes the settings; the same number in a request is refused."""
    code, _, _ = run_cli("settings", "--location", "bieb", "--staff", "k1",
                         "--desk-phone", "06 12345678")  # fmt: skip
    assert code == 0 and load_settings().desk_phone == "06 12345678"
    log = ["log", "--org", "digid", "--subject", "digid-app", "--help-type", "help-along",
           "--outcome", "solved"]  # fmt: skip
    code, _, err = run_cli(*log, "--note", "bel terug op 06 12345678")
    assert code == 2 and "telefoonnummer" in err and "12345678" not in err
    code, _, _ = run_cli(*log, "--note", "DigiD app geactiveerd")
    assert code == 0


# ---------------------------------------------------------------- in the app


def test_slip_from_the_followups_screen_holds_only_the_highlighted_resident() -> None:
    save_settings(DESK, Path(os.environ["HELPDESK_CONFIG"]))
    soon = (dt.datetime.now() + dt.timedelta(days=2)).replace(
        hour=9, minute=15, second=0, microsecond=0
    )
    later = soon + dt.timedelta(days=5, hours=5)
    seed(request(soon, ("Paspoort van mevrouw A",)))
    seed(request(later, ("Brief van de gemeente",), organisations=("gemeente",)))

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        assert screen.query_one("#followups-list", OptionList).option_count == 2
        await pilot.press("down")  # the second resident's appointment
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.last_printed is not None
        assert app.last_print is not None and app.last_print.path == screen.last_printed
        assert any(str(screen.last_printed) in n.message for n in app._notifications)

    run(scenario)
    [slip] = (Path(os.environ["INCLUSIEDESK_PRINT_DIR"])).glob("afspraak-*.html")
    page = text_of(slip.read_text(encoding="utf-8"))
    assert "Brief van de gemeente" in page and f"{later:%H.%M}" in page
    # The other resident's appointment is nowhere on the slip.
    assert "Paspoort van mevrouw A" not in page and f"{soon:%H.%M}" not in page
    assert date_in_words(soon.date(), "nl") not in page


def test_slip_printed_from_the_desk_right_after_saving_the_follow_up() -> None:
    save_settings(DESK, Path(os.environ["HELPDESK_CONFIG"]))
    other = seed(
        request(WEDNESDAY.replace(year=dt.date.today().year + 1), ("Paspoort van een ander",))
    )
    day = (dt.date.today() + dt.timedelta(days=7)).isoformat()

    async def scenario(app: DeskApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, DeskScreen)
        await pilot.press("ctrl+y")  # nothing saved with a follow-up yet
        assert app._notifications and "geen vervolgafspraak" in list(app._notifications)[-1].message
        await pilot.press("ctrl+n")
        fields = RequestFields(
            organisations=("uwv",),
            subjects=("benefit",),
            help_type=("help-along",),
            outcome=("follow-up",),
            followup_date=day,
            followup_time="14:00",
            bring="Loonstrook\nBrief van het UWV",
        )
        app.desk_state.set_fields(fields)
        screen.form.show_state()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ctrl+Y" in list(app._notifications)[-1].message
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.last_print is not None and app.last_print.path.exists()
        assert str(app.last_print.path) in list(app._notifications)[-1].message

    run(scenario)
    [slip] = Path(os.environ["INCLUSIEDESK_PRINT_DIR"]).glob("afspraak-*.html")
    page = text_of(slip.read_text(encoding="utf-8"))
    assert "Loonstrook" in page and "om 14.00 uur" in page and "Bibliotheek Centrum" in page
    assert "Paspoort van een ander" not in page and other.id not in slip.name


# ---------------------------------------------------------------- axe


@pytest.fixture(scope="module")
def browser(needs_browser: None):
    with chromium() as driver:
        yield driver


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_slip_passes_axe(browser, tmp_path: Path, lang: str) -> None:
    for name, desk, bring in (
        ("full", DESK, ("Paspoort", "Brief met activeringscode")),
        ("bare", Settings(), ()),
    ):
        page = tmp_path / f"{name}-{lang}.html"
        page.write_text(slip_html(request(WEDNESDAY, bring), desk, lang), encoding="utf-8")
        browser.get(page.as_uri())
        result = run_axe(browser, WCAG_AA_TAGS)
        assert "error" not in result, result
        assert result["violations"] == [], describe(result["violations"])
