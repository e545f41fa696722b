"""Guide search finds the troubleshooting guides from the words residents and staff use
at the desk (issue 18). A real in-memory SQLite FTS5 index over the bundled guides."""

from __future__ import annotations

import pytest

from helpdesk.guides.library import load_guides
from helpdesk.guides.search import GuideIndex
from inclusiedesk.paths import bundled_guides_dir


@pytest.fixture(scope="module")
def bundled() -> GuideIndex:
    return GuideIndex(load_guides(bundled_dir=bundled_guides_dir()))


@pytest.mark.parametrize(
    ("phrase", "lang", "first"),
    [
        ("code verlopen", "nl", "digid-activeringscode-niet-ontvangen"),
        ("wachtwoord vergeten", "nl", "digid-wachtwoord-vergeten"),
        ("nieuwe telefoon", "nl", "digid-app-nieuwe-telefoon"),
        ("geblokkeerd", "nl", "digid-geblokkeerd"),
        ("sms komt niet", "nl", "digid-sms-code-niet-ontvangen"),
        ("code expired", "en", "digid-activeringscode-niet-ontvangen"),
        ("forgot password", "en", "digid-wachtwoord-vergeten"),
        ("new phone", "en", "digid-app-nieuwe-telefoon"),
        ("blocked", "en", "digid-geblokkeerd"),
    ],
)
def test_phrase_ranks_the_troubleshooting_guide_first(
    bundled: GuideIndex, phrase: str, lang: str, first: str
) -> None:
    hits = bundled.search(phrase, lang=lang)
    assert hits and hits[0].guide_id == first, [h.guide_id for h in hits[:3]]


def test_brief_niet_gekregen_finds_both_letter_guides_in_top_3(bundled: GuideIndex) -> None:
    """'Brief niet gekregen' is said of the DigiD letter and of any government letter."""
    top = [h.guide_id for h in bundled.search("brief niet gekregen", lang="nl")[:3]]
    assert {"digid-activeringscode-niet-ontvangen", "brief-overheid-niet-ontvangen"} <= set(top)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("brief van de belastingdienst niet gekregen", "brief-overheid-niet-ontvangen"),
        ("activeringscode niet ontvangen", "digid-activeringscode-niet-ontvangen"),
        ("gebruikersnaam kwijt", "digid-wachtwoord-vergeten"),
    ],
)
def test_other_desk_words_find_the_guide_in_top_3(
    bundled: GuideIndex, phrase: str, expected: str
) -> None:
    top = [h.guide_id for h in bundled.search(phrase, lang="nl")[:3]]
    assert expected in top, top
