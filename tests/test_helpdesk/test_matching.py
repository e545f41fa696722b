"""The pickers' matching: Dutch labels and the words staff use, never the English codes."""

from __future__ import annotations

import pytest

from helpdesk.matching import Choice, match_choices
from helpdesk.widgets.code_picker import taxonomy_choices


def codes(query: str, kind: str, lang: str = "nl") -> list[str]:
    return [c.code for c in match_choices(query, taxonomy_choices(kind)(lang))]


@pytest.mark.parametrize(
    ("query", "kind", "first"),
    [
        ("act", "subject", "digid-activation"),
        ("activeringscode", "subject", "digid-activation"),
        ("wachtwoord", "subject", "forgot-credentials"),
        ("gebruikersnaam", "subject", "forgot-credentials"),
        ("inloggen", "subject", "login-trouble"),
        ("sms", "subject", "login-trouble"),
        ("brief", "subject", "letter-not-received"),
        ("brief niet", "subject", "letter-not-received"),
        ("aangifte", "subject", "tax-return"),
        ("toeslag", "subject", "allowance"),
        ("toeslag", "organisation", "toeslagen"),
        ("bel", "organisation", "belastingdienst"),
        ("aow", "organisation", "svb"),
        ("mee", "help_type", "help-along"),
        ("opg", "outcome", "solved"),
        ("gelukt", "outcome", "solved"),
        ("doorv", "outcome", "referred"),
        ("schuld", "referral_target", "schuldhulp"),
    ],
)
def test_dutch_words_staff_type_find_the_code_first(query: str, kind: str, first: str) -> None:
    assert codes(query, kind)[:1] == [first]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("s", "outcome"),
        ("solved", "outcome"),
        ("h", "help_type"),
        ("along", "help_type"),
        ("tax", "subject"),
        ("forgot", "subject"),
    ],
)
def test_english_codes_and_words_find_nothing_in_dutch(query: str, kind: str) -> None:
    assert codes(query, kind) == []


def test_english_mode_matches_english_labels_and_words() -> None:
    assert codes("s", "outcome", "en")[0] == "solved"
    assert codes("password", "subject", "en")[0] == "forgot-credentials"
    assert codes("wachtwoord", "subject", "en") == []


def test_the_label_start_beats_a_word_which_beats_a_synonym_which_beats_a_part() -> None:
    choices = [
        Choice("part", "Wachtwoordhulp"),
        Choice("synonym", "Iets anders", ("code kwijt",)),
        Choice("word", "Nieuwe code"),
        Choice("start", "Code verlopen"),
    ]
    assert [c.code for c in match_choices("code", choices)] == ["start", "word", "synonym"]
    assert [c.code for c in match_choices("oord", choices)] == ["part"]


def test_case_accents_and_list_order() -> None:
    choices = [Choice("a", "Één keer"), Choice("b", "Een brief")]
    assert [c.code for c in match_choices("EEN", choices)] == ["a", "b"]
    assert match_choices("", choices) == choices
    assert match_choices("zzz", choices) == []
