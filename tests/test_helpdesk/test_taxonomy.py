"""The code lists: the words staff use, and codes already stored stay valid.

Every saved request holds codes, so a new version of the lists may add codes and words
but never drop or rename a code: an old request would then fail to load or count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpdesk.taxonomy import TaxonomyError, load_taxonomy, taxonomy

# Every code the lists held before the words for DigiD trouble were added (issue 13).
CODES_IN_USE = {
    "organisation": "digid belastingdienst toeslagen gemeente mijnoverheid svb uwv duo cak cbr "
    "ciz cjib rdw huurcommissie lbio raad-rechtsbijstand zorgverzekeraar pensioenfonds bank "
    "waterschap other",
    "subject": "digid-apply digid-app device-basics machtigen tax-return allowance berichtenbox "
    "benefit aow-pension student-finance healthcare-costs fine vehicle passport-id moving "
    "wmo-support email-account online-banking phishing-scam other",
    "help_type": "help-along information referral course-guidance take-over",
    "channel": "walk-in appointment phone email home-visit",
    "outcome": "solved partly-solved referred follow-up not-solved",
    "referral_target": "juridisch-loket schuldhulp digisterker-course klik-en-tik-course "
    "taalhuis social-work other",
    "visitor_type": "resident entrepreneur helper-on-behalf",
    "age_band": "<18 18-34 35-49 50-64 65-74 75+",
    "barrier": "digital-skills language literacy no-device disability other",
}


@pytest.mark.parametrize("kind", sorted(CODES_IN_USE))
def test_every_code_already_stored_is_still_valid(kind: str) -> None:
    tax = taxonomy()
    missing = [code for code in CODES_IN_USE[kind].split() if not tax.has(kind, code)]
    assert missing == []


def test_the_desks_digid_questions_have_their_own_subjects_in_both_languages() -> None:
    tax = taxonomy()
    labels = {c.nl: c.en for c in tax.codes("subject")}
    assert labels["DigiD activeringscode of -brief"] == "DigiD activation code or letter"
    assert labels["Inloggen lukt niet"] == "Login trouble"
    assert labels["Gebruikersnaam of wachtwoord vergeten"] == "Forgotten username or password"
    assert labels["DigiD app"] == "DigiD app"
    assert labels["Brief of code niet ontvangen"] == "Letter or code not received"


def test_codes_carry_the_words_staff_type_for_them() -> None:
    tax = taxonomy()
    assert "wachtwoord" in tax.get("subject", "forgot-credentials").synonyms("nl")
    assert "password" in tax.get("subject", "forgot-credentials").synonyms("en")
    assert "toeslag" in tax.get("organisation", "toeslagen").synonyms("nl")
    assert "aangifte" in tax.get("subject", "tax-return").synonyms("nl")
    assert "gelukt" in tax.get("outcome", "solved").synonyms("nl")


FINE_WORDS = 'synonyms_en = ["ticket", "traffic fine", "cjib"]'


def _write(tmp_path: Path, words: str) -> Path:
    """The bundled lists with the English words for 'fine' replaced by ``words``."""
    source = Path(__file__).parents[2] / "data" / "taxonomy.toml"
    text = source.read_text(encoding="utf-8")
    assert FINE_WORDS in text
    text = text.replace(FINE_WORDS, words, 1)
    path = tmp_path / "taxonomy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_synonyms_are_optional_but_must_be_a_list_of_words(tmp_path: Path) -> None:
    assert load_taxonomy(_write(tmp_path, "")).get("subject", "fine").synonyms_en == ()
    with pytest.raises(TaxonomyError, match="synonyms_en of entry .* must be a list of words"):
        load_taxonomy(_write(tmp_path, 'synonyms_en = "ticket"'))
