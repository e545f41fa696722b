"""The guard on realistic desk notes: the forms issue 14 found slipping through are caught,
and ordinary notes (which name 'wachtwoord', 'pincode', 'mevrouw' without a value) pass.

The corpus is in `tests/desk_notes.py`; `bench/privacy_rates.py` prints the rates per kind
on it. Normalisation (NFKC, format characters, whitespace) is checked here too, through
what a user notices: the note is refused, and the message names positions in the text as
typed, not in the normalised text.
"""

from __future__ import annotations

import pytest
from desk_notes import CLEAN, ISSUE_FORMS, TODAY, WITH_DATA

from helpdesk.privacy import PersonalDataError, check_free_text, find_personal_data
from helpdesk.privacy_normalise import normalise


def _found(text: str, value: str, kind: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    return any(
        f.kind == kind and f.start <= start and f.end >= end
        for f in find_personal_data(text, TODAY)
    )


def _shown(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_personal_data(text, TODAY)]


def test_corpus_is_large_enough() -> None:
    assert len(CLEAN) >= 150
    assert len(WITH_DATA) >= 150


def test_no_issue_form_is_missed() -> None:
    missed = [(text, kind) for text, kind, value in ISSUE_FORMS if not _found(text, value, kind)]
    assert missed == []


def test_no_personal_data_in_the_corpus_is_missed() -> None:
    missed = [
        (text, kind, _shown(text))
        for text, kind, value in WITH_DATA
        if not _found(text, value, kind)
    ]
    assert missed == []


def test_no_clean_note_raises_an_alarm() -> None:
    alarms = [(note, _shown(note)) for note in CLEAN if find_personal_data(note, TODAY)]
    assert alarms == []


@pytest.mark.parametrize(
    "note",
    [
        "DigiD app op nieuwe telefoon gezet, activeringscode komt per brief",
        "wachtwoord vergeten, herstel aangevraagd",
        "pincode van de DigiD app vergeten, app opnieuw gekoppeld",
        "sms-code kwam niet aan, telefoonnummer in DigiD klopte niet meer",
        "mevrouw wil hulp met DigiD",
        "Mevrouw DigiD aangevraagd",
        "naam: niet gevraagd",
        "Belastingtelefoon 0800-0543 gebeld, 20 min gewacht",
    ],
)
def test_keyword_without_value_is_saved(note: str) -> None:
    check_free_text("note", note, TODAY)


@pytest.mark.parametrize(("text", "kind", "value"), ISSUE_FORMS)
def test_issue_forms_are_refused_without_echo(text: str, kind: str, value: str) -> None:
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("note", text, TODAY)
    compact = "".join(ch for ch in normalise(value).text if ch.isalnum())
    for lang in ("nl", "en"):
        message = caught.value.message(lang)
        assert value not in message
        assert compact not in "".join(ch for ch in message if ch.isalnum())


def test_positions_point_into_the_text_as_typed() -> None:
    # Two invisible characters and full-width digits before and inside the value: the
    # message must name the characters the user sees in the field, not normalised ones.
    text = "\u200bbel \uff10\uff16-1234\u00ad5678 graag"
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("note", text, TODAY)
    [finding] = caught.value.findings
    assert text[finding.start : finding.end] == "\uff10\uff16-1234\u00ad5678"
    assert "teken 6\u201317" in caught.value.message("nl")


def test_normalise_maps_every_character_back() -> None:
    text = "a\u200b\uff21\u00a0\u00a0b\n\n\t1\n2 e\u0301"
    norm = normalise(text)
    assert norm.text == "aA b\n1 2 \u00e9"
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    assert norm.original_span(0, 2) == (0, 3)  # the zero-width space stays inside the span
    assert norm.original_span(len(norm.text) - 1, len(norm.text)) == (len(text) - 2, len(text))
