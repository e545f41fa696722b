"""The privacy guard: per detector, values that must be found and near misses that must pass.

Like axe-core's rule fixtures, every rule has a table of texts that must fail (with the kind
and a span covering the value) and a table that must pass. The messages are checked for
leaks: they name kind and position, never the value.
"""

from __future__ import annotations

import datetime
import re

import pytest

from helpdesk.i18n import CATALOG, t
from helpdesk.privacy import (
    KINDS,
    Finding,
    PersonalDataError,
    check_free_text,
    find_personal_data,
    iban_is_valid,
    passes_eleven_test,
)

TODAY = datetime.date(2026, 6, 15)

# (text, value inside text, kind)
FOUND: list[tuple[str, str, str]] = [
    # BSN
    ("BSN 123456782 graag", "123456782", "bsn"),
    ("bsn: 123.456.782.", "123.456.782", "bsn"),
    ("nummer 123 45 6782 en verder", "123 45 6782", "bsn"),
    ("ID-kaart zegt 1234.56.782", "1234.56.782", "bsn"),
    ("(111222333)", "111222333", "bsn"),
    ("bsn-nummer 123-456-782, klaar", "123-456-782", "bsn"),
    ("BSN-123456782", "123456782", "bsn"),
    ("link https://x.nl/zaak/123456782", "123456782", "bsn"),
    ("bsn\u00a0123\u00a0456\u00a0782", "123\u00a0456\u00a0782", "bsn"),
    # IBAN
    ("IBAN NL91ABNA0417164300 graag", "NL91ABNA0417164300", "iban"),
    ("rekening NL91 ABNA 0417 1643 00 voor de huur", "NL91 ABNA 0417 1643 00", "iban"),
    ("iban nl91abna0417164300.", "nl91abna0417164300", "iban"),
    ("Belgisch: BE68 5390 0754 7034 voor", "BE68 5390 0754 7034", "iban"),
    ("Duits DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00", "iban"),
    ("GB82WEST12345698765432", "GB82WEST12345698765432", "iban"),
    # phone
    ("bel 06-12345678", "06-12345678", "phone"),
    ("bel 06 1234 5678 om 10:00", "06 1234 5678", "phone"),
    ("tel (020) 123 45 67", "(020) 123 45 67", "phone"),
    ("020-1234567 na 5 uur", "020-1234567", "phone"),
    ("mobiel +31 6 12345678", "+31 6 12345678", "phone"),
    ("mobiel +31 (0)6 12345678", "+31 (0)6 12345678", "phone"),
    ("0031 20 123 4567", "0031 20 123 4567", "phone"),
    ("+31(0)20-1234567", "+31(0)20-1234567", "phone"),
    ("010.123.45.67", "010.123.45.67", "phone"),
    ("tel: 0592-123456", "0592-123456", "phone"),
    ("088 123 4567 werk", "088 123 4567", "phone"),
    ("06-12-34-56-78", "06-12-34-56-78", "phone"),
    ("mobiel (0)6-12345678", "(0)6-12345678", "phone"),
    ("06 - 12345678", "06 - 12345678", "phone"),
    ("+316\u00a012345678", "+316\u00a012345678", "phone"),
    # e-mail
    ("mail jan@example.nl.", "jan@example.nl", "email"),
    ("J.de.Vries+desk@ZIGGO.NL", "J.de.Vries+desk@ZIGGO.NL", "email"),
    ("jan [at] example [dot] nl", "jan [at] example [dot] nl", "email"),
    ("jan(at)example.nl", "jan(at)example.nl", "email"),
    ("schrijf jan at example dot nl op", "jan at example dot nl", "email"),
    ("fatma (at) ziggo (punt) nl", "fatma (at) ziggo (punt) nl", "email"),
    ("mail jan @ example.nl", "jan @ example.nl", "email"),
    ("jan apenstaartje ziggo punt nl", "jan apenstaartje ziggo punt nl", "email"),
    # postcode with house number
    ("woont 1234 AB 12", "1234 AB 12", "postcode-house-number"),
    ("1234AB 12a", "1234AB 12a", "postcode-house-number"),
    ("1234 ab, nr 5", "1234 ab, nr 5", "postcode-house-number"),
    ("1234AB12", "1234AB12", "postcode-house-number"),
    ("1234 AB, huisnummer 7 bis", "1234 AB, huisnummer 7 bis", "postcode-house-number"),
    ("Kerkstraat 12, 1234 AB Utrecht", "Kerkstraat 12, 1234 AB", "postcode-house-number"),
    ("Lange Voorhout 3, 2514 EA Den Haag", "3, 2514 EA", "postcode-house-number"),
    ("1234en 5", "1234en 5", "postcode-house-number"),
    # street address
    ("woont Dorpsstraat 12b", "Dorpsstraat 12b", "street-address"),
    ("Stationsweg 3-1, bovenste bel", "Stationsweg 3-1", "street-address"),
    ("Kerkplein 7 hs", "Kerkplein 7 hs", "street-address"),
    ("op de Grote Markt 1", "Grote Markt 1", "street-address"),
    ("Herengracht 502", "Herengracht 502", "street-address"),
    ("Stadsring 40", "Stadsring 40", "street-address"),
    ("Wilhelminaplantsoen 9", "Wilhelminaplantsoen 9", "street-address"),
    ("dorpsstraat 12", "dorpsstraat 12", "street-address"),
    ("Burgemeester de Withstraat 12-II", "Withstraat 12-II", "street-address"),
    # birth date: with a cue, any real date
    ("geboren 3-4-2015", "3-4-2015", "birth-date"),
    ("geb. 03-04-2015", "03-04-2015", "birth-date"),
    ("geboortedatum: 2015-04-03", "2015-04-03", "birth-date"),
    ("geboren op 3 maart 2012", "3 maart 2012", "birth-date"),
    ("DOB 03/04/2015", "03/04/2015", "birth-date"),
    ("mevr (* 12-03-2020)", "12-03-2020", "birth-date"),
    ("zoon ° 12.03.2020", "12.03.2020", "birth-date"),
    ("date of birth March 3, 2011", "March 3, 2011", "birth-date"),
    ("geb.datum 1-1-20", "1-1-20", "birth-date"),
    # birth date: 16 years or more before today, no cue needed
    ("mevrouw 3 maart 1948", "3 maart 1948", "birth-date"),
    ("3 mrt. 1948", "3 mrt. 1948", "birth-date"),
    ("3 March 1948", "3 March 1948", "birth-date"),
    ("12-03-1948", "12-03-1948", "birth-date"),
    ("03/04/48", "03/04/48", "birth-date"),
    ("1948-04-03 is de datum", "1948-04-03", "birth-date"),
    ("15.06.2010", "15.06.2010", "birth-date"),
    # credentials after their keyword
    ("DigiD gebruikersnaam jansen75", "jansen75", "credential"),
    ("wachtwoord Welkom123!", "Welkom123!", "credential"),
    # names after a title or name cue
    ("mevr. Jansen", "Jansen", "name"),
    ("naam: Jan de Vries", "Jan de Vries", "name"),
]

ACCEPTED: list[str] = [
    # BSN look-alikes
    "nummer 123456789",  # fails the 11-test, and no 'BSN' before it
    "000000000",
    "order 1234567890123",
    "bestelnummer 123456789012",
    "kenmerk 123456782-01",
    "1.123.456.782",
    "€ 123.456.782",
    "EUR 123456782",
    "123456782,50",
    "12 34 56 782",
    "zaaknummer Z-2026-000123",
    # IBAN look-alikes
    "NL92 ABNA 0417 1643 00",  # wrong check digits
    "NL91ABNA04171643",  # too short for NL
    "NL91 ABNA 0417 1643",  # a group short
    # phone look-alikes
    "Belastingtelefoon 0800-0543",
    "gemeente 14 020",
    "0900-1234567",
    "0900 8844",
    "0800 1234567",
    "noodnummer 112",
    "afspraak 06-02-2027 10 uur",  # a date and a time, not 06-02202710
    # e-mail look-alikes
    "@gemeente",
    "meet at 10 uur",
    "zie www.mijnoverheid.nl",
    "kijk op rijksoverheid punt nl",
    "help at the desk",
    "report it to the Fraud Helpdesk at www.fraudehelpdesk.nl.",
    "log in at digid.nl",
    # postcode look-alikes
    "postcode 1234 AB",
    "1234 AB Amsterdam",
    "1234 SA 12",
    "0123 AB 5",
    "in 2024 en 2025",
    "SVB 0909 3257 ID-kaart",
    "Belastingdienst, Postbus 2508, 6401 DA Heerlen",
    "Antwoordnummer 12345, 1000 VB Amsterdam",
    "March 3, 2020 ID-kaart",
    "1234 MW Utrecht",  # postcode letters, not 'mw.' before a name
    "5028 MR Zwolle",
    # street look-alikes
    "stap 3",
    "Windows 11",
    "hoofdstuk 4",
    "uitkering 2 maanden",
    "verzekering 2",
    "loopbaan 3 jaar",
    "de weg 3 keer",
    "snelweg 2 keer gemist",
    "woningmarkt 2024",
    "Lange Voorhout 3",
    # date look-alikes
    "afspraak 12-12-2026",
    "afspraak 12-01-27 om 10:30",
    "brief van 1-5-2020",
    "aangifte 2024",
    "geboren in 1948",
    "maart 1948",
    "versie 1.2.3",
    "DigiD app versie 5.12.0",
    "versie 3.11.48",
    "31-02-1950",
    "geboren 31-02-1950",
    "om 12:30",
    "* 12-03-2020 aangevraagd",
    # amounts, percentages
    "€ 1.234,56",
    "1.234.567",
    "12,5%",
    "80 %",
]


def _spans(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_personal_data(text, TODAY)]


@pytest.mark.parametrize(("text", "value", "kind"), FOUND)
def test_found(text: str, value: str, kind: str) -> None:
    start = text.index(value)
    end = start + len(value)
    findings = find_personal_data(text, TODAY)
    assert any(f.kind == kind and f.start <= start and f.end >= end for f in findings), _spans(text)


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text: str) -> None:
    assert find_personal_data(text, TODAY) == [], _spans(text)
    check_free_text("note", text, TODAY)


def test_date_shaped_phone_is_reported_as_date_when_old() -> None:
    assert _spans("afspraak 06-02-1950 10 uur") == [("birth-date", "06-02-1950")]
    assert _spans("afspraak 06-02-2026 10 uur") == []


def test_every_kind_has_a_positive_example() -> None:
    assert {kind for _, _, kind in FOUND} == set(KINDS)


def test_adult_boundary_is_sixteen_years() -> None:
    assert _spans("15-06-2010") == [("birth-date", "15-06-2010")]
    assert _spans("16-06-2010") == []


def test_leap_day_today() -> None:
    leap = datetime.date(2028, 2, 29)
    assert find_personal_data("28-02-2012", leap) != []
    assert find_personal_data("01-03-2012", leap) == []


def test_two_digit_years_read_recent_unless_a_cue_says_birth() -> None:
    assert _spans("afspraak 12-12-26") == []
    assert _spans("aangevraagd 01-01-27") == []  # next year: an appointment
    assert _spans("01-01-28") == [("birth-date", "01-01-28")]  # 1928
    assert _spans("geboren 01-01-26") == [("birth-date", "01-01-26")]


def test_today_defaults_to_the_real_date() -> None:
    old = datetime.date.today().replace(day=1) - datetime.timedelta(days=365 * 30)
    text = f"datum {old:%d-%m-%Y}"
    assert [f.kind for f in find_personal_data(text)] == ["birth-date"]


def test_valid_iban_wins_over_digits_inside_it() -> None:
    assert _spans("NL91 ABNA 0417 1643 00") == [("iban", "NL91 ABNA 0417 1643 00")]


def test_findings_are_sorted_and_do_not_overlap() -> None:
    text = (
        "Mevrouw, BSN 123456782, tel 06-12345678, mail a.b@ziggo.nl, woont Kerkstraat 12, "
        "1234 AB Utrecht, geboren 3 maart 1948, IBAN NL91ABNA0417164300."
    )
    findings = find_personal_data(text, TODAY)
    assert [f.kind for f in findings] == [
        "bsn",
        "phone",
        "email",
        "postcode-house-number",
        "birth-date",
        "iban",
    ]
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


def test_helpers() -> None:
    assert passes_eleven_test("123456782")
    assert not passes_eleven_test("123456789")
    assert not passes_eleven_test("000000000")
    assert iban_is_valid("NL91ABNA0417164300")
    assert not iban_is_valid("NL91ABNA041716430")


def test_labels_cover_every_kind_and_language() -> None:
    for kind in KINDS:
        assert CATALOG.has(f"privacy.kind.{kind}")
    assert t("privacy.kind.bsn", "nl") == "BSN"
    assert t("privacy.field.note", "nl") == "Notitie"
    assert t("privacy.field.followup_bring", "nl") == "Meenemen"
    assert CATALOG.has("privacy.field.other")


def test_finding_is_frozen() -> None:
    finding = Finding("bsn", 0, 9)
    with pytest.raises(AttributeError):
        finding.start = 1  # type: ignore[misc]


@pytest.mark.parametrize("text", [None, "", "mevrouw geholpen met DigiD"])
def test_clean_text_passes(text: str | None) -> None:
    check_free_text("note", text, TODAY)


def test_message_names_kind_and_position() -> None:
    text = "Mijn BSN: 123456782"
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("note", text, TODAY)
    error = caught.value
    assert error.field == "note"
    assert error.findings == [Finding("bsn", 10, 19)]
    assert error.message() == (
        "Notitie bevat een BSN (teken 11\u201319). "
        "Haal persoonsgegevens weg; er is niets opgeslagen."
    )
    assert error.message("en") == (
        "Note contains a BSN (citizen service number) (characters 11\u201319). "
        "Remove personal data; nothing was saved."
    )
    assert str(error) == error.message("en")


def test_message_lists_several_findings() -> None:
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("followup_bring", "06-12345678 of jan@example.nl", TODAY)
    assert caught.value.message().startswith(
        "Meenemen bevat een telefoonnummer (teken 1\u201311) en een e-mailadres (teken 16\u201329)."
    )
    assert "a phone number" in caught.value.message("en")
    assert "an e-mail address" in caught.value.message("en")


def test_unknown_field_and_language_fall_back() -> None:
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("remark", "BSN 123456782", TODAY)
    assert caught.value.message().startswith("Tekstveld bevat")
    assert caught.value.message("de").startswith("Text field contains")


@pytest.mark.parametrize(("text", "value", "kind"), FOUND)
def test_messages_never_echo_the_value(text: str, value: str, kind: str) -> None:
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("note", text, TODAY)
    digits = re.sub(r"\D", "", value)
    for message in (caught.value.message("nl"), caught.value.message("en"), str(caught.value)):
        assert "\n" not in message
        assert value not in message
        if len(digits) >= 5:
            assert digits not in re.sub(r"\D", "", message)


@pytest.mark.parametrize(
    "text",
    ["a." * 5000, "NL12 " * 2000, "Markt 1 " * 1200, "a [at] b" * 1200, "06 " * 3000],
    ids=["dotted-run", "iban-groups", "bare-suffix", "obfuscated-at", "phone-digits"],
)
def test_long_hostile_text_completes(text: str) -> None:
    """Regression guard against quadratic scans (once 'a.' * 10000 took 90 s); no timing."""
    find_personal_data(text, TODAY)
