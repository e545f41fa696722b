"""Privacy guard: refuse free text that holds personal data of residents.

The desk never stores names, BSN, IBAN, phone numbers, e-mail or addresses of residents
(AVG/GDPR, privacy by design). Every free text (the note, the 'what to bring' list, ...) goes
through `check_free_text` before it is saved; the store, the CLI and the app all call it, so
the rules live here once. Findings carry only the kind and character offsets, never the
value, so that an error message, a log line or a traceback cannot leak what it refused.

Before any rule runs, the text is normalised (`helpdesk.privacy_normalise`): Unicode NFKC
(full-width digits, letters and '＠' become ASCII), format characters removed (zero-width
space, zero-width joiner and non-joiner, soft hyphen, BOM, word joiner), whitespace folded
(tabs, non-breaking and thin spaces become one space; a line break or tab between two digits
becomes a space). So '０６ 1234\u200b5678', 'BSN 123\u00ad456\u00ad782' and '06<newline>12345678'
are read as the plain forms below. Offsets are mapped back: a finding names characters of
the text as typed.

Each rule is a small pure function that yields candidate spans; `find_personal_data` runs
them all and keeps the longest of overlapping candidates (an IBAN wins over the phone-shaped
digits inside it). Where a rule must choose, it prefers a false alarm (staff reword the
note) over a leak, except for look-alikes that are common at a desk.

What is caught, and what is deliberately accepted:

bsn
    Nine digits that pass the 11-test (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 = 0 mod 11, not all
    zeros), unbroken or in the usual groupings with one kind of separator (space, dot or
    hyphen): 123456782, 123.456.782, 123 45 6782, 1234 56 782. Accepted: nine digits that
    fail the 11-test; digits glued to a longer number or code (1234567890123,
    123456782-01, 1.123.456.782); an amount (a euro sign before it, or ',50' after it);
    other groupings (12 34 56 782); eight-digit BSNs that lost their leading zero. A
    BSN-valid number inside a URL path IS flagged: a resident-specific link is not
    something a note needs, and one in eleven random nine-digit ids passes the test.
    After the word bsn, BSN-nummer, burgerservicenummer or sofinummer (any case, also
    glued on: 'bsn123456782', 'bsn: (123 456 789') any nine digits in any grouping are a
    BSN, even when they fail the 11-test: a mistyped BSN is still a resident's BSN.
iban
    Two letters, two check digits and 11-30 letters or digits, unbroken or in groups of
    four separated by single spaces, any case, whose length fits the country (15-34 for
    countries not in the table) and whose mod-97 is 1. Invalid check digits are accepted,
    and digits inside such an IBAN-shaped text are not reported as a phone number or BSN.
phone
    Dutch numbers of ten digits starting with 0 (06 mobiles, 0xx and 0xxx geographic
    numbers, 085/088/097...) with spaces, hyphens, dots, slashes or the area code in
    parentheses ('(020) 123 45 67', '(0)6-12345678'), and the international forms +31 and
    0031, also with '(0)'. Accepted: free and paid service numbers (0800, 0900, 0906,
    0909), the municipal number 14 + area code, 112, and text that starts as a full date
    ('06-12-1950 10 uur'). Flagged although harmless: a ten-digit order number starting
    with 0, and an organisation's own ordinary number (088 ...): the shape cannot tell.
    Every number written with an international prefix, Dutch or foreign, is checked with
    libphonenumber (the `phonenumbers` package): '+32 470 12 34 56', '0049 30 12345678',
    '+90 532 123 45 67', '+212 6 12 34 56 78', '(+31) 6 12345678', '00 31 6 12345678',
    '+31(6)12345678', when the digits are a possible number for that country. Accepted:
    foreign free and paid service numbers; a '00' number with fewer than 11 digits or,
    written unbroken, not valid in any country ('bestelnummer 00586316180'); any
    international number right after a reference word (bestelnummer, kenmerk, zaak-,
    klant-, factuur-, dossiernummer). Foreign numbers written without their country
    code ('0470 12 34 56') are read as Dutch or not at all.
email
    Ordinary addresses, and obfuscated ones: 'naam [at] domein.nl', 'naam (at) domein
    (punt) nl', 'naam @ domein.nl', 'naam at domein dot nl'. Obfuscated forms must end in a
    known top-level domain, and a bare 'at' counts only when the dots are written out too,
    so that English prose ('the Fraud Helpdesk at www.fraudehelpdesk.nl') raises no alarm.
    Spaces around a marked '@' and around the dots count too ('jan @ example . nl'), and
    a full-width '＠' is an '@' after normalisation.
    Accepted therefore: 'naam at domein.nl' and obfuscations ending in an unlisted TLD.
postcode-house-number
    A Dutch postcode (first digit 1-9, two letters other than SA, SD, SS) followed by a
    house number ('1234 AB 12', '1234AB 12a', '1234 ab, nr 5', '1234AB-12', '1234ab/12'),
    or preceded by a
    capitalised word and a house number ('Kerkstraat 12, 1234 AB', 'Voorhout 3, 2514 EA').
    Post boxes ('Postbus 2508, 6401 DA Heerlen', 'Antwoordnummer ...') are organisations'.
    A postcode alone is accepted: it names an area of some twenty addresses, not a person,
    and staff note it for statistics. A lower-case postcode written with a space whose
    letters form a common Dutch word is read as text ('in 2024 en 2025').
street-address
    A word ending in a common Dutch street suffix (straat, laan, weg, plein, gracht, kade,
    singel, dijk, hof, pad, steeg, dreef, park, erf, baan, markt, ring, plantsoen, and the
    abbreviation 'str.') with at least two letters before the suffix, followed by a house
    number with an optional addition and an optional 'nr', 'no' or 'huisnummer' before it
    ('Dorpsstraat 12b', 'Stationsweg 3-1', 'Kerkplein 7 hs', 'Kerkstr. 12', 'Kerkstraat
    nr 12'); a bare suffix word
    counts after a capitalised word ('Grote Markt 1'). Accepted: streets without such a
    suffix ('Lange Voorhout 3', 'Singel 250' on its own), a lower-case word followed by a
    count ('snelweg 2 keer', 'loopbaan 3 jaar'), house numbers that start with 0 or look
    like years (1900-2099), common nouns with those endings (uitkering, verklaring: 'ring'
    needs a consonant before it; snelweg, bijbaan...). Flagged although harmless: the
    address of a public building ('Stadhuisplein 1'); staff write 'stadhuis' instead.
birth-date
    A real calendar date (d-m-yyyy, dd/mm/yy, dd.mm.yyyy, yyyy-mm-dd, '3 maart 1948',
    '3 mrt. 1948', '3 March 1948', 'March 3, 1948', "1 januari '50") that either follows
    a birth cue
    (geboren, geb., geboortedatum, born, date of birth, DOB, a '*' that is not a bullet,
    '°' right before the date) within three words and no digits, or lies 16 or more years
    before `today`: desk visitors are adults, and so old a full date in a note is most
    likely a birth date. A two-digit year is read as 20yy up to next year and as 19yy
    otherwise (after a cue: the latest year not in the future). Accepted: recent and future
    dates (appointments), years or months alone ('aangifte 2024', 'geboren in 1948'),
    impossible dates (31-02-1950), times (12:30), dotted version numbers ('versie
    5.12.0', 'v 10.12.19'). Flagged although harmless: any other full date 16 or more
    years old ('toeslag sinds 01-03-2008'); that is the price of rule (b). Eight digits
    run together (ddmmyyyy, 'geboren 01011950') count only right after a birth cue.
credential (helpdesk.privacy_cues)
    The value right after a Dutch or English credential keyword: gebruikersnaam (also
    'DigiD gebruikersnaam'), inlognaam, username, login; wachtwoord, password; pincode,
    pin, sms-code, activeringscode, activatiecode, inlogcode, koppelcode,
    verificatiecode, herstelcode, controlecode, puk-code ... Between keyword and value
    may stand ':', '=', 'is', 'was', 'nu', 'nieuw', '(tijdelijk)'. The value counts when
    it has four or more characters and holds a digit ('jansen75', 'Welkom123!', 'pincode
    12345', 'sms-code 123456', 'ABCD1234EFGH', also in groups 'ABCD 1234 EFGH'), or a
    symbol inside ('Appel!boom'), or is quoted ('wachtwoord "zonnebloem"'); a user name
    also with a dot or underscore ('j.devries', 'fatma_yilmaz'); a code also as four to six
    capitals ('koppelcode KBWT'). Accepted: the keyword without a value, as desk notes
    write it all day ('wachtwoord vergeten, herstel aangevraagd', 'activeringscode komt
    per brief', 'pincode 5 cijfers', 'wachtwoord 3x fout'); dates, times and counts after
    the keyword ('5-cijferig'). Missed: a value of letters only, unquoted ('wachtwoord
    zonnebloem', 'gebruikersnaam jansen'): the shape cannot tell it from an ordinary word.
    Flagged although harmless: a quoted word after the keyword ('wachtwoord "vergeten"
    knop').
name (helpdesk.privacy_cues)
    Capitalised words after a title or name cue: mevrouw, meneer, de heer, familie, mevr.,
    mvr., mw., dhr., hr., fam., mr., mrs., ms., miss, and 'naam:', 'naam is', 'name:',
    'achternaam:', 'heet', 'genaamd', with initials and particles ('mevr. Jansen', 'dhr. J.
    de Vries', 'mevrouw van Dijk', 'familie El Amrani', 'naam: Jan de Vries', 'Mr.
    Kowalski'); after 'naam:' or 'name:' a lower-case word too ('naam: ingrid'). Accepted:
    a title followed by a lower-case word, an acronym (UWV, SVB), a product or
    organisation (DigiD, MijnOverheid, Belastingdienst, WhatsApp, ID-kaart), a common desk
    noun (Zorgtoeslag, Paspoort), a nationality (Eritrees, Oekraïense) unless after a
    particle ('de Turk' is a name), a day, month or language, a street name, or
    punctuation ('mevrouw wil hulp met DigiD',
    'Mevrouw DigiD aangevraagd', 'naam: niet gevraagd'). Abbreviations count in lower or
    title case only, so postcode letters ('1234 MW Utrecht') are no cue. Missed: names
    without a cue ('Jan de Vries kwam'), a lower-case surname after a title ('mevrouw
    jansen'), a first name that is also a Dutch word after an abbreviation ('mevr. Wil de
    Boer'). Flagged although harmless: a capitalised ordinary word after a title that is
    not on the list ('meneer Lange wachttijd').
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import phonenumbers

from helpdesk.i18n import CATALOG, t
from helpdesk.privacy_cues import find_credentials, find_names
from helpdesk.privacy_normalise import normalise

KINDS = (
    "bsn",
    "iban",
    "phone",
    "email",
    "postcode-house-number",
    "street-address",
    "birth-date",
    "credential",
    "name",
)


@dataclass(frozen=True)
class Finding:
    """Where personal data sits in a text; offsets only, so the value can never leak."""

    kind: str  # one of KINDS
    start: int  # offset of the first character
    end: int  # offset just after the last character


class PersonalDataError(ValueError):
    """Raised by check_free_text when a free text holds personal data; nothing was saved."""

    def __init__(self, field: str, findings: list[Finding]) -> None:
        self.field = field
        self.findings = list(findings)
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        """One line naming the field, the kinds and their positions; unknown lang gives en."""
        lang = lang if lang in ("nl", "en") else "en"
        field_key = self.field if CATALOG.has(f"privacy.field.{self.field}") else "other"
        parts = []
        for f in self.findings:
            label = t(f"privacy.kind.{f.kind}", lang)
            article = t(
                "privacy.article_vowel" if label[0] in "AEIOUaeiou" else "privacy.article", lang
            )
            # Human positions: 1-based and inclusive, with an en dash like a page range.
            parts.append(
                t(
                    "privacy.finding",
                    lang,
                    article=article,
                    label=label,
                    first=f.start + 1,
                    last=f.end,
                )
            )
        found = _join(parts, t("privacy.and", lang))
        return t("privacy.refused", lang, field=t(f"privacy.field.{field_key}", lang), found=found)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _join(parts: list[str], conjunction: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


# --- shared character classes -------------------------------------------------------------

_SPACE = "[ \u00a0\u2009\u202f]"  # people paste non-breaking and thin spaces too
_DASHES = "\\-\u2010\u2011\u2013"  # for use inside a character class
_GROUP_SEP = f"[ .{_DASHES}\u00a0\u2009\u202f]"  # one separator between digit groups
_JOINERS = ".,-\u2010\u2011\u2013"  # a number glued to another by these is one longer number


def _glued(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a longer number or code, not a value of its own."""
    if start > 0:
        prev = text[start - 1]
        if prev.isalnum() or (prev in _JOINERS and start > 1 and text[start - 2].isdigit()):
            return True
    if end < len(text):
        nxt = text[end]
        if nxt.isalnum() or (nxt in _JOINERS and end + 1 < len(text) and text[end + 1].isdigit()):
            return True
    return False


# --- BSN ------------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<!\w)(?:\d{9}"
    rf"|\d{{3}}(?P<a>{_GROUP_SEP})\d{{3}}(?P=a)\d{{3}}"
    rf"|\d{{3}}(?P<b>{_GROUP_SEP})\d{{2}}(?P=b)\d{{4}}"
    rf"|\d{{4}}(?P<c>{_GROUP_SEP})\d{{2}}(?P=c)\d{{3}})(?!\w)"
)
_AMOUNT_BEFORE = re.compile(rf"(?:€|\bEUR|\beuro){_SPACE}*$", re.IGNORECASE)


def passes_eleven_test(digits: str) -> bool:
    """The BSN check: weights 9..2 and -1; all zeros would pass but is no number at all."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def _find_bsn(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for m in _BSN.finditer(text):
        digits = "".join(ch for ch in m.group() if ch.isdigit())
        if _glued(text, m.start(), m.end()) or _AMOUNT_BEFORE.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue
        if passes_eleven_test(digits):
            yield m.start(), m.end()


# A nine-digit number right after the word BSN is one, mistyped or not ('bsn123456789').
_BSN_CUED = re.compile(
    r"(?<![^\W\d_])(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer|-?nr)?"
    r"[ :.#=-]*(?:(?:nr|nummer|is)\.?[ :]*)?\(?"
    # After the keyword any grouping counts: '123456 782' is a BSN broken over two lines.
    rf"(?P<n>\d(?:{_GROUP_SEP}?\d){{8}})"
    r"(?!\d)(?![.,-]\d)",
    re.IGNORECASE,
)


def _find_bsn_after_keyword(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for m in _BSN_CUED.finditer(text):
        yield m.start("n"), m.end("n")


# --- IBAN -----------------------------------------------------------------------------------

# Lengths from the public IBAN registry; other country codes may be 15-34 characters long.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "KW": 30, "KZ": 20, "LB": 28,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "XK": 20,
}  # fmt: skip
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_IBAN_GROUP = re.compile(r"[ \u00a0]([A-Za-z0-9]{1,4})(?![A-Za-z0-9])")


def _iban_shapes(text: str) -> Iterator[tuple[int, int]]:
    """Every span laid out like an IBAN (unbroken or in fours), longest first per start."""
    for m in _IBAN_START.finditer(text):
        run = _ALNUM_RUN.match(text, m.start())
        assert run is not None
        spans = [(m.start(), run.end())]
        if run.end() - m.start() == 4:
            pos = run.end()
            # At most 34 characters: the first four and eight more groups.
            while len(spans) <= 8 and (group := _IBAN_GROUP.match(text, pos)):
                spans.append((m.start(), group.end()))
                if len(group.group(1)) < 4:
                    break
                pos = group.end()
        yield from reversed(spans)


def iban_is_valid(compact: str) -> bool:
    """Country length (when known) and ISO 13616 mod-97 check of an IBAN without spaces."""
    compact = compact.upper()
    if not (compact.isascii() and compact.isalnum() and 15 <= len(compact) <= 34):
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    if len(compact) != _IBAN_LENGTHS.get(compact[:2], len(compact)):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _find_iban(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    seen_start = -1
    for start, end in _iban_shapes(text):
        if start == seen_start:
            continue  # a longer layout from this start was already valid
        compact = "".join(ch for ch in text[start:end] if ch.isalnum())
        if iban_is_valid(compact):
            seen_start = start
            yield start, end


# --- phone ----------------------------------------------------------------------------------

_PHONE_SEP = f"(?:{_SPACE}{{0,2}}[.{_DASHES}/]?{_SPACE}{{0,2}})"
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[.,/-])"
    rf"(?P<prefix>(?:\+|00)31{_PHONE_SEP}(?:\(0\){_PHONE_SEP}|0{_PHONE_SEP})?|\(0\){_PHONE_SEP}|\(?0)"
    rf"(?P<body>[1-9](?:\)?{_PHONE_SEP}\d){{8}})"
    r"(?!\w)(?![.,]\d)"
)
_SERVICE_PREFIXES = ("800", "900", "906", "909")  # free and paid service lines
_DATE_START = re.compile(r"\d{1,2}([-./])\d{1,2}\1(?:\d{4}|\d{2})(?!\d)(?![.,/-]\d)")


def _find_phone(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for m in _PHONE.finditer(text):
        body = "".join(ch for ch in m.group("body") if ch.isdigit())
        if body.startswith(_SERVICE_PREFIXES):
            continue
        national = m.group("prefix").startswith(("0", "(0")) and "31" not in m.group("prefix")
        if national and _DATE_START.match(text, m.start()):
            continue  # '06-12-1950 10' is a date and a time, not a mobile number
        yield m.start(), m.end()


# Any number written with an international prefix ('+32 470 12 34 56', '0049 30 1234567',
# '(+31) 6 12345678', '+31(6)12345678'): libphonenumber knows every country's lengths.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:bestel|order|klant|zaak|dossier|referentie|kenmerk|factuur|polis|contract|"
    r"betalings)\w*[ :.#]*$",
    re.IGNORECASE,
)
_INTERNATIONAL_START = re.compile(r"^\(?\s*(?:\+|00(?!0))")
_SERVICE_TYPES = frozenset(
    (
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    )
)


def _find_international_phone(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    if "+" not in text and "00" not in text:
        return
    matcher = phonenumbers.PhoneNumberMatcher(
        text, "NL", leniency=phonenumbers.Leniency.POSSIBLE, max_tries=max(1000, len(text))
    )
    for match in matcher:
        if not _INTERNATIONAL_START.match(match.raw_string):
            continue  # national forms are the Dutch rule's, with its service-number policy
        raw = match.raw_string
        n_digits = sum(ch.isdigit() for ch in raw)
        zero_zero = raw.lstrip("( ").startswith("00")
        if n_digits < (11 if zero_zero else 9):
            continue  # too short for a phone number abroad: '009 532 454' is a 9-digit code
        if zero_zero and raw.isdigit() and not phonenumbers.is_valid_number(match.number):
            continue  # unbroken '00...' digits that no country uses: an order number
        if _REFERENCE_BEFORE.search(text, max(0, match.start - 30), match.start):
            continue  # 'bestelnummer 0058...', 'kenmerk 0032...': a reference, not a phone
        if phonenumbers.number_type(match.number) in _SERVICE_TYPES:
            continue
        national = str(match.number.national_number)
        if match.number.country_code == 31 and national.startswith(_SERVICE_PREFIXES):
            continue
        yield match.start, match.end


# --- e-mail ---------------------------------------------------------------------------------

_TLDS = "nl|com|net|org|eu|be|de|fr|uk|info|nu|frl|amsterdam|io|me|online|email|live|biz|gov|edu"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
# 'at' between brackets, a spaced '@' or 'apenstaartje' is meant as an '@'; any dot may follow.
_AT_MARKED = rf"(?:\s*{_OPEN}\s*(?:at|@|apenstaartje)\s*{_CLOSE}\s*|\s+apenstaartje\s+|\s*@\s*)"
_DOT_ANY = rf"(?:\s*{_OPEN}\s*(?:dot|punt|\.)\s*{_CLOSE}\s*|\s+(?:dot|punt)\s+|\s*\.\s*)"
# A bare English 'at' only counts when every dot is written out too: 'jan at x dot nl', not
# 'report it to the Fraud Helpdesk at www.fraudehelpdesk.nl'.
_DOT_WORD = rf"(?:\s*{_OPEN}\s*(?:dot|punt|\.)\s*{_CLOSE}\s*|\s+(?:dot|punt)\s+)"
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_EMAIL_OBFUSCATED = tuple(
    re.compile(
        rf"(?<![\w.+%-])[\w.+%-]+{at}[\w-]+(?:{dot}[\w-]+)*?{dot}(?:{_TLDS})(?![\w-])",
        re.IGNORECASE,
    )
    for at, dot in ((_AT_MARKED, _DOT_ANY), (r"\s+at\s+", _DOT_WORD))
)


def _find_email(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for pattern in (_EMAIL, *_EMAIL_OBFUSCATED):
        for m in pattern.finditer(text):
            yield m.start(), m.end()


# --- postcode with house number -------------------------------------------------------------

_PC = rf"(?P<pc>[1-9]\d{{3}})(?P<pcsep>{_SPACE}?)(?P<letters>[A-Za-z]{{2}})(?![^\W\d_])"
_HOUSE_NR = (
    r"(?P<nr>[1-9]\d{0,4})(?!\d)"  # house numbers never start with 0
    rf"(?:[A-Za-z](?!\w)|[{_DASHES}/]\w{{1,4}}(?!\w)|{_SPACE}(?:hs|bis|I{{1,3}}|[A-Za-z])(?!\w))?"
    r"(?![:.,]\d)"
)
_NR_WORD = rf"(?:(?:nr|no|huisnr|huisnummer)\.?{_SPACE}*:?{_SPACE}*)"
_PC_THEN_NR = re.compile(
    r"(?<![\w.,])" + _PC + rf"{_SPACE}*[,{_DASHES}/]?{_SPACE}*{_NR_WORD}?" + _HOUSE_NR
)
_NR_THEN_PC = re.compile(
    rf"(?<![\w-])(?P<word>[A-Z][\w'’.-]*){_SPACE}+{_HOUSE_NR}{_SPACE}*,?{_SPACE}*" + _PC
)
_PO_BOX_WORDS = frozenset(("postbus", "antwoordnummer"))
# Lower-case two-letter words that follow a number in ordinary Dutch ('2024 en 2025').
_PC_STOPWORDS = frozenset(
    _words(
        "al bv ca de do di en er ha he ik in is je ja me na nu of om op te to tm uw vr wo we "
        "za zo ze zi"
    )
)


def _postcode_ok(m: re.Match[str]) -> bool:
    letters = m.group("letters")
    if letters.upper() in ("SA", "SD", "SS"):
        return False
    return not (letters.islower() and m.group("pcsep") and letters in _PC_STOPWORDS)


def _find_postcode(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for pattern in (_PC_THEN_NR, _NR_THEN_PC):
        for m in pattern.finditer(text):
            word = (m.groupdict().get("word") or "").lower().rstrip(".")
            if word in _MONTHS:
                continue  # 'March 3, 1948 ID-kaart' is a date, not 'street 3, 1948 ID'
            if word in _PO_BOX_WORDS:
                continue  # an organisation's post box, which staff note for residents
            if _postcode_ok(m):
                yield m.start(), m.end()


# --- street address -------------------------------------------------------------------------

_STREET_SUFFIXES = (
    "plantsoen|straat|gracht|singel|steeg|dreef|plein|markt|laan|kade|dijk|park|baan|ring"
    "|weg|hof|pad|erf|str\\.?"
)
_UNITS = (
    r"uur|u|min|minuten|dag|dagen|keer|x|euro|eur|jaar|jaren|maand|maanden|week|weken"
    r"|km|kilometer|meter|m|stuks|procent|pagina|paginas"
)
_STREET = re.compile(
    rf"(?<![\w'’.-])(?P<name>(?:[^\W\d_][\w'’.-]*?)?(?P<suffix>{_STREET_SUFFIXES}))"
    rf"{_SPACE}+{_NR_WORD}?(?P<nr>[1-9]\d{{0,3}})(?!\d)"
    rf"(?:[A-Za-z](?!\w)|[{_DASHES}/]\w{{1,4}}(?!\w)|{_SPACE}(?:hs|bis|I{{1,3}}|[A-Za-z])(?!\w))?"
    r"(?![:.,]\d)",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(rf"{_SPACE}*(?:%|(?:{_UNITS})\b)", re.IGNORECASE)
_CAPITALISED_WORD_BEFORE = re.compile(rf"(?:^|[^\w])([A-Z][\w'’-]*){_SPACE}+$")
# Common nouns with a street ending that a note may follow with a number.
_STREET_NOUNS = frozenset(
    _words(
        "loopbaan bijbaan ijsbaan snelweg omweg uitweg zijweg bederf arbeidsmarkt woningmarkt "
        "huizenmarkt gerechtshof bestandspad"
    )
)


def _find_street(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    for m in _STREET.finditer(text):
        name, suffix = m.group("name"), m.group("suffix").lower()
        if name.lower() in _STREET_NOUNS or 1900 <= int(m.group("nr")) <= 2099:
            continue
        if name[0].islower() and _UNIT_AFTER.match(text, m.end("nr")):
            continue  # 'snelweg 2 keer', 'bijbaan 3 uur': a count; street names are capitalised
        if suffix == "ring" and len(name) > 4 and name[-5].lower() in "aeiouy":
            continue  # verzekering, uitkering, verklaring, storing: nouns, not ring roads
        start = m.start("name")
        if len(name) - len(suffix) < 2:
            before = _CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start)
            if not (name[0].isupper() and before):
                continue
            start = before.start(1)
        yield start, m.end()


# --- birth date -----------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augustus": 8,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NOT_AFTER_NUMBER = r"(?<!\d)(?<!\d[.,/-])"
_NOT_BEFORE_NUMBER = r"(?!\d)(?![.,/-]\d)"
_DATE_PATTERNS = (
    re.compile(
        rf"{_NOT_AFTER_NUMBER}(?P<d>\d{{1,2}})(?P<s>[-./])(?P<m>\d{{1,2}})(?P=s)"
        rf"(?P<y>\d{{4}}|\d{{2}}){_NOT_BEFORE_NUMBER}"
    ),
    re.compile(
        rf"{_NOT_AFTER_NUMBER}(?P<y>\d{{4}})(?P<s>[-./])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})"
        rf"{_NOT_BEFORE_NUMBER}"
    ),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:ste|de|st|nd|rd|th|e)?[{_DASHES} \u00a0.]+"
        rf"(?P<mon>{_MONTH_ALT})(?![a-z])\.?,?[{_DASHES} \u00a0]+(?P<y>\d{{4}}|['’]\d{{2}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w])(?P<mon>{_MONTH_ALT})(?![a-z])\.?{_SPACE}+(?P<d>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?,?{_SPACE}+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
)
# Only after a birth cue: eight digits run together ('geboren 01011950').
_CUED_DATE_PATTERNS = (
    re.compile(r"(?<![\w.,/-])(?P<d>\d{2})(?P<m>\d{2})(?P<y>(?:19|20)\d{2})(?!\w)(?![.,/-]\d)"),
)
_CUE = re.compile(
    r"\b(?:geboortedatum|geboren|geb\.?\s?datum|geb\b\.?|born|date\s+of\s+birth"
    r"|birth\s?date|d\.?o\.?b\b\.?)|(?<!\d)°|\*",
    re.IGNORECASE,
)
_VERSION_BEFORE = re.compile(r"\b(?:versie|version|v|ios|android|build)\.?\s*$", re.IGNORECASE)
_CUE_WINDOW = 40  # characters before a date searched for a birth cue
_ADULT_YEARS = 16


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _has_birth_cue(text: str, start: int) -> bool:
    """A birth cue ends within three words (and no digits) before the date."""
    window_start = max(0, start - _CUE_WINDOW)
    cues = list(_CUE.finditer(text, window_start, start))
    for cue in reversed(cues):
        gap = text[cue.end() : start]
        if any(ch.isdigit() for ch in gap):
            return False
        if cue.group() == "*":
            line_start = text.rfind("\n", 0, cue.start()) + 1
            if not text[line_start : cue.start()].strip():
                continue  # a bullet, not the genealogists' star
        if cue.group() in ("*", "°"):
            return not gap.strip(" \u00a0:(")
        return len(re.findall(r"\w+", gap)) <= 3
    return False


def _find_birth_date(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    adult_cutoff = _years_before(today, _ADULT_YEARS)
    patterns = [(p, False) for p in _DATE_PATTERNS] + [(p, True) for p in _CUED_DATE_PATTERNS]
    for pattern, cue_only in patterns:
        for m in pattern.finditer(text):
            dotted = m.groupdict().get("s") == "."
            if dotted and _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # 'versie 5.12.19' is software, not a birthday
            cue = _has_birth_cue(text, m.start())
            if cue_only and not cue:
                continue
            written_year = m.group("y").lstrip("'’")
            year = int(written_year)
            if len(written_year) == 2:
                pivot = today.year if cue else today.year + 1
                year += 2000 if 2000 + year <= pivot else 1900
            month = _MONTHS[m.group("mon").lower()] if "mon" in m.groupdict() else int(m["m"])
            try:
                day = datetime.date(year, month, int(m.group("d")))
            except ValueError:
                continue  # 31-02-1950 is no date at all
            if cue or day <= adult_cutoff:
                yield m.start(), m.end()


# --- running the rules ----------------------------------------------------------------------

Detector = Callable[[str, datetime.date], Iterator[tuple[int, int]]]

# Rules as data: kind and check, in order of preference when two candidates are equally long.
_DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("iban", _find_iban),
    ("email", _find_email),
    ("postcode-house-number", _find_postcode),
    ("phone", _find_phone),
    ("bsn", _find_bsn),
    ("phone", _find_international_phone),
    ("bsn", _find_bsn_after_keyword),
    ("birth-date", _find_birth_date),
    ("street-address", _find_street),
    ("credential", find_credentials),
    ("name", find_names),
)
_DIGIT_KINDS = ("phone", "bsn")  # not reported inside an IBAN-shaped text


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, sorted by start, so one bisect tells what covers a point."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_personal_data(text: str, today: datetime.date | None = None) -> list[Finding]:
    """All personal data in text, sorted by start and non-overlapping (longest span wins)."""
    today = today or datetime.date.today()
    original = text
    norm = normalise(original)
    text = norm.text
    masked = _merged(_iban_shapes(text))
    mask_starts = [start for start, _ in masked]
    candidates: list[tuple[int, int, int]] = []
    for rank, (kind, detect) in enumerate(_DETECTORS):
        for start, end in detect(text, today):
            i = bisect.bisect_right(mask_starts, start) - 1
            if kind in _DIGIT_KINDS and i >= 0 and end <= masked[i][1]:
                continue
            candidates.append((rank, start, end))
    candidates.sort(key=lambda c: (c[1] - c[2], c[0], c[1]))
    chosen: list[tuple[int, int, int]] = []
    for rank, start, end in candidates:
        if all(end <= c_start or start >= c_end for _, c_start, c_end in chosen):
            chosen.append((rank, start, end))
    # Offsets back into the text as typed, so that the message names the right characters.
    findings = [
        Finding(_DETECTORS[rank][0], *norm.original_span(start, end))
        for rank, start, end in chosen
        if end > start
    ]
    return sorted(findings, key=lambda f: f.start)


def check_free_text(field: str, text: str | None, today: datetime.date | None = None) -> None:
    """Refuse to let a free text be saved when it holds personal data of a resident."""
    if not text:
        return
    findings = find_personal_data(text, today)
    if findings:
        raise PersonalDataError(field, findings)
