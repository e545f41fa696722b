"""Random notes with personal data (positives) and with text that only looks like it.

Plain functions of a `random.Random`, so that the hypothesis tests (through `st.randoms()`)
and the rate benchmark (`bench/privacy_rates.py`, with a seeded Random) draw from the very
same distributions. Every positive sample says which kind it holds and where the value sits;
every look-alike says which kind it resembles, so the benchmark can report per kind.

The generators render values the way staff type them, in the formats the privacy module
promises to catch; they skip only what that module documents as deliberately accepted
(for instance a lower-case postcode whose letters spell a Dutch word, or a 'dd-mm-yy' birth
date from before 1928 without a cue, which reads as a recent date).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

TODAY = datetime.date(2026, 6, 15)


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string, so that long vocabularies stay compact."""
    return tuple(text.split())


# fixed, so that 'recent' and 'old' dates are stable

FILLER = words(
    "mevrouw meneer wil hulp bij DigiD aanvragen toeslag de het een app werkt niet "
    "opnieuw ingelogd via MijnOverheid berichtenbox Belastingdienst aangifte gedaan samen "
    "brief meegenomen uitleg gegeven kon zelf verder volgende week terug telefoon laptop "
    "wachtwoord vergeten gereset UWV SVB AOW zorgtoeslag huurtoeslag machtiging geregeld "
    "voor haar zoon dochter uitkering verklaring met en ook nog graag adres nummer "
    "rekening paspoort ID-kaart klaar moeilijk Digisterker cursus sms-code QR-code "
    "scannen"
)
PUNCT_AFTER = ("", "", "", ",", ".", ";", ")", ":")


@dataclass(frozen=True)
class Sample:
    """One generated note: the value's span, the kind it is (or resembles) and its format."""

    kind: str  # the kind held (positive) or resembled (look-alike)
    family: str  # format or look-alike family, for the benchmark's breakdown
    text: str
    start: int
    end: int

    @property
    def value(self) -> str:
        return self.text[self.start : self.end]

    def _glue(self) -> Sample:
        """The same sample with the space before the value removed ('bsn123456782')."""
        if self.start == 0 or self.text[self.start - 1] != " ":
            return self
        text = self.text[: self.start - 1] + self.text[self.start :]
        return Sample(self.kind, self.family, text, self.start - 1, self.end - 1)


def filler(rng: random.Random, low: int = 0, high: int = 6) -> str:
    """Dutch-ish desk words with no digits, cues, months or street endings."""
    words = [rng.choice(FILLER) for _ in range(rng.randint(low, high))]
    return " ".join(w + (rng.choice(PUNCT_AFTER[:5]) if rng.random() < 0.2 else "") for w in words)


_FULL_WIDTH = {ch: chr(ord(ch) + 0xFEE0) for ch in "0123456789@+ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_INVISIBLE = ("\u200b", "\u00ad", "\u200d", "\u200c", "\ufeff")


def disguise(rng: random.Random, value: str) -> str:
    """The value as pasted or hidden: full-width, an invisible character or a line break
    between digits. The guard normalises all of these away, so the kind must not change."""
    style = pick(rng, ("full-width", "invisible", "break"))
    if style == "full-width":
        return "".join(_FULL_WIDTH.get(ch, ch) for ch in value)
    pairs = [i for i in range(1, len(value)) if value[i - 1].isdigit() and value[i].isdigit()]
    if style == "invisible" and pairs:
        i = rng.choice(pairs)
        return value[:i] + pick(rng, _INVISIBLE) + value[i:]
    gaps = [
        i
        for i in range(1, len(value) - 1)
        if value[i] == " " and value[i - 1].isdigit() and value[i + 1].isdigit()
    ]
    if gaps:
        i = rng.choice(gaps)
        return value[:i] + pick(rng, ("\n", "\t")) + value[i + 1 :]
    return value


# Filler words that are cues for the guard: what follows them is read as a name or a
# credential ('mevrouw Lange Voorhout 3', 'wachtwoord 0900 1234'), so they never stand
# right before the embedded value, where they would change what the value means.
CUE_FILLER = frozenset(words("mevrouw meneer wachtwoord sms-code"))


def filler_before(rng: random.Random) -> str:
    """Filler that does not end in a cue word."""
    parts = filler(rng).split(" ")
    while parts and parts[-1].rstrip(".,;):").lower() in CUE_FILLER:
        parts.pop()
    return " ".join(parts)


def embed(
    rng: random.Random, kind: str, family: str, value: str, lead: str = "", span_from: int = 0
) -> Sample:
    """Put value, after an optional lead-in, between filler; span_from trims the span's start."""
    if span_from == 0 and rng.random() < 0.15:
        value = disguise(rng, value)
    before = filler_before(rng)
    before = f"{before} {lead}".strip() if lead else before
    if before:
        before += " "
    if rng.random() < 0.1:
        before += "("
    after = rng.choice(PUNCT_AFTER)
    tail = filler(rng)
    sep = rng.choice((" ", " ", "\n")) if tail else ""
    text = f"{before}{value}{after}{sep}{tail}"
    return Sample(kind, family, text, len(before) + span_from, len(before) + len(value))


def pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return rng.choice(options)


def digits(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


# --- BSN ------------------------------------------------------------------------------------

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def eleven_test(number: str) -> bool:
    return sum(int(d) * w for d, w in zip(number, _BSN_WEIGHTS, strict=True)) % 11 == 0


def bsn_digits(rng: random.Random) -> str:
    """Eight random digits and the check digit that makes the 11-test pass."""
    while True:
        head = digits(rng, 8)
        check = sum(int(d) * w for d, w in zip(head, _BSN_WEIGHTS[:8], strict=True)) % 11
        if check < 10 and (head + str(check)).strip("0"):
            return head + str(check)


def bsn_render(rng: random.Random, number: str) -> tuple[str, str]:
    groups = pick(rng, ("9", "333", "324", "423"))
    sep = pick(rng, (" ", ".", "-"))
    if groups == "9":
        return number, "plain"
    sizes, parts, pos = [int(g) for g in groups], [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    return sep.join(parts), f"{groups}{sep!r}"


def positive_bsn(rng: random.Random) -> Sample:
    if rng.random() < 0.2:  # after the keyword, any nine digits count, glued on or mistyped
        value, fmt = bsn_render(rng, digits(rng, 9))
        lead = pick(rng, ("BSN", "bsn:", "burgerservicenummer", "BSN-nummer", "bsn nr"))
        if fmt == "plain" and rng.random() < 0.3:
            return embed(rng, "bsn", "glued to 'bsn'", value, "bsn", span_from=0)._glue()
        return embed(rng, "bsn", f"after keyword {fmt}", value, lead)
    value, fmt = bsn_render(rng, bsn_digits(rng))
    lead = pick(rng, ("", "BSN", "bsn:", "burgerservicenummer", "BSN-nummer", "nummer"))
    return embed(rng, "bsn", fmt, value, lead)


# --- IBAN -----------------------------------------------------------------------------------

_BBAN_SHAPES = {"NL": ("AAAA", 10), "BE": ("", 12), "DE": ("", 18)}


def iban_check_digits(country: str, bban: str) -> str:
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{98 - int(numeric) % 97:02d}"


def iban_parts(rng: random.Random) -> tuple[str, str]:
    country = pick(rng, tuple(_BBAN_SHAPES))
    letters, n_digits = _BBAN_SHAPES[country]
    bank = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in letters)
    return country, bank + digits(rng, n_digits)


def iban_render(rng: random.Random, compact: str) -> tuple[str, str]:
    grouped = rng.random() < 0.5
    text = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if grouped else compact
    lower = rng.random() < 0.2
    return (text.lower() if lower else text), f"{compact[:2]}{' grouped' if grouped else ''}"


def positive_iban(rng: random.Random) -> Sample:
    country, bban = iban_parts(rng)
    value, fmt = iban_render(rng, country + iban_check_digits(country, bban) + bban)
    lead = pick(rng, ("", "IBAN", "rekening", "rekeningnummer:", "iban:"))
    return embed(rng, "iban", fmt, value, lead)


# --- phone ----------------------------------------------------------------------------------

AREA_3 = words(
    "10 13 15 20 23 24 26 30 33 35 36 38 40 43 45 46 50 53 55 58 70 71 72 73 74 75 76 77 "
    "78 79 85 88"
)
AREA_4 = words(
    "111 113 114 115 117 118 161 162 164 165 166 167 168 172 174 180 181 182 183 184 186 "
    "187 222 223 224 226 227 228 229 251 252 255 294 297 299 313 314 315 316 317 318 320 "
    "321 341 342 343 344 345 346 347 348 411 412 413 416 418 475 478 481 485 486 487 488 "
    "492 493 495 497 499 511 512 513 514 515 516 517 518 519 521 522 523 524 525 527 528 "
    "529 541 543 544 545 546 547 548 561 562 566 570 571 572 573 575 577 578 591 592 593 "
    "594 595 596 597 598 599"
)


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    return sep.join(parts)


def phone_render(rng: random.Random) -> tuple[str, str]:
    kind = pick(rng, ("mobile", "area3", "area4"))
    if kind == "mobile":
        area, sub = "6", digits(rng, 8, "123456789")
        layouts = ((8,), (4, 4), (2, 2, 2, 2), (2, 3, 3))
    elif kind == "area3":
        area, sub = pick(rng, AREA_3), digits(rng, 7, "123456789")
        layouts = ((7,), (3, 4), (3, 2, 2))
    else:
        area, sub = pick(rng, AREA_4), digits(rng, 6, "123456789")
        layouts = ((6,), (2, 2, 2), (3, 3))
    subscriber = _group(sub, rng.choice(layouts), pick(rng, (" ", " ", "-", ".")))
    style = pick(
        rng, ("0-", "0 ", "0", "(0) ", "0/", "+31 ", "+31", "+31 (0)", "0031 ", "+31-", "(0)")
    )
    if style == "(0) ":
        return f"(0{area}) {subscriber}", f"{kind} (0..)"
    if style == "(0)":
        return f"(0){area}-{subscriber}", f"{kind} (0)"
    if style.startswith(("+", "00")):
        return f"{style}{area} {subscriber}", f"{kind} {style!r}"
    joiner = {"0-": "-", "0 ": " ", "0": "", "0/": "/"}[style]
    if joiner == "" and " " not in subscriber:
        return f"0{area}{sub}", f"{kind} compact"
    return f"0{area}{joiner}{subscriber}", f"{kind} {style!r}"


# Foreign numbers as residents' family abroad have them: country code, then a real-shaped
# national number (Belgian and Moroccan mobiles, German and Turkish numbers, ...).
FOREIGN = (
    ("+32", "4{2} {2} {2} {2}"),
    ("+32", "2 {3} {2} {2}"),
    ("+49", "30 {8}"),
    ("+49", "15{2} {7}"),
    ("+90", "5{2} {3} {2} {2}"),
    ("+212", "6 {2} {2} {2} {2}"),
    ("+48", "5{2} {3} {3}"),
    ("+44", "7{3} {6}"),
    ("+33", "6 {2} {2} {2} {2}"),
)


def foreign_phone_render(rng: random.Random) -> tuple[str, str]:
    code, template = pick(rng, FOREIGN)
    for n in (2, 3, 6, 7, 8):
        while "{" + str(n) + "}" in template:
            template = template.replace("{" + str(n) + "}", digits(rng, n), 1)
    if template.startswith("4") and code == "+32":
        template = "4" + str(rng.choice((6, 7, 8, 9))) + template[2:]
    style = pick(rng, ("plus", "00", "00 spaced", "(plus)"))
    if style == "00":
        return f"00{code[1:]} {template}", f"foreign {code} 00"
    if style == "00 spaced":
        return f"00 {code[1:]} {template}", f"foreign {code} 00 spaced"
    if style == "(plus)":
        return f"({code}) {template}", f"foreign {code} (+)"
    return f"{code} {template}", f"foreign {code}"


def dutch_international_render(rng: random.Random) -> tuple[str, str]:
    sub = digits(rng, 8, "123456789")
    style = pick(rng, ("(+31) 6 ", "00 31 6 ", "+31(6)", "+31 (6) ", "0031-6-"))
    return f"{style}{sub}", f"mobile {style!r}"


def positive_phone(rng: random.Random) -> Sample:
    draw = rng.random()
    if draw < 0.15:
        value, fmt = foreign_phone_render(rng)
    elif draw < 0.25:
        value, fmt = dutch_international_render(rng)
    else:
        value, fmt = phone_render(rng)
    lead = pick(rng, ("", "tel.", "tel:", "bellen op", "mobiel:", "telefoon", "nummer"))
    return embed(rng, "phone", fmt, value, lead)


# --- e-mail ---------------------------------------------------------------------------------

NAMES = words("jan piet marie fatma mohamed anna kees ingrid sanne daan lotte ahmed")
SURNAMES = words("jansen devries bakker visser smit meijer bos vandijk yilmaz elamrani mulder")
DOMAINS = words(
    "gmail.com hotmail.com outlook.com ziggo.nl kpnmail.nl live.nl planet.nl xs4all.nl "
    "hetnet.nl home.nl telenet.be icloud.com"
)


def email_render(rng: random.Random) -> tuple[str, str]:
    first, last = pick(rng, NAMES), pick(rng, SURNAMES)
    local = pick(rng, (f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}"))
    if rng.random() < 0.1:
        local += "+desk"
    host, _, tld = pick(rng, DOMAINS).rpartition(".")
    style = pick(
        rng, ("plain", "plain", "[at]", "(at)", "at-dot", "[at][punt]", "(at)(dot)", "spaced")
    )
    if style == "spaced":  # 'jan @ example . nl'
        return f"{local} @ {host} . {tld}", style
    if style == "plain":
        value = f"{local}@{host}.{tld}"
    elif style == "[at]":
        value = f"{local} [at] {host}.{tld}"
    elif style == "(at)":
        value = f"{local}(at){host}.{tld}"
    elif style == "at-dot":
        value = f"{local} at {host} {pick(rng, ('dot', 'punt'))} {tld}"
    elif style == "[at][punt]":
        value = f"{local} [at] {host} [punt] {tld}"
    else:
        value = f"{local} (at) {host} (dot) {tld}"
    if rng.random() < 0.15:
        value = value.upper()
    return value, style


def positive_email(rng: random.Random) -> Sample:
    value, fmt = email_render(rng)
    lead = pick(rng, ("", "mail", "e-mail:", "stuur naar", "mailadres"))
    return embed(rng, "email", fmt, value, lead)


# --- postcode with house number -------------------------------------------------------------

PC_WORDS = frozenset(
    words(
        "al bv ca de do di en er ha he ik in is je ja me na nu of om op te to tm uw vr wo we "
        "za zo ze zi"
    )
)  # lower-case letter pairs that the guard deliberately reads as Dutch words
STREET_STEMS = words(
    "Kerk Dorps Stations Molen School Wilhelmina Juliana Beatrix Oranje Hoofd Beuken "
    "Eiken Linden Prinsen Heren Vondel Mozart Rembrandt Burgemeester Noorder Zuider "
    "Kastanje"
)
SUFFIXES = words(
    "straat laan weg plein gracht kade singel dijk hof pad steeg dreef park erf baan "
    "markt plantsoen"
)
RING_STEMS = ["Stads", "Binnen", "Buiten", "Noord", "Zuid", "Oost", "West", "Midden"]
PLAIN_STREETS = ("Lange Voorhout", "Voorstraat", "Oudegracht", "Achter de Hoven", "Spui")


def postcode(rng: random.Random) -> tuple[str, str]:
    while True:
        letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
        if letters not in ("SA", "SD", "SS"):
            return digits(rng, 4, "123456789"), letters


def house_number(rng: random.Random) -> str:
    number = str(rng.choice((rng.randint(1, 99), rng.randint(1, 400))))
    return number + pick(rng, ("", "", "", "a", "B", "-1", " hs", " bis", "-II"))


def street_name(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return pick(rng, RING_STEMS) + "ring"
    return pick(rng, STREET_STEMS) + pick(rng, SUFFIXES)


def positive_postcode(rng: random.Random) -> Sample:
    digits4, letters = postcode(rng)
    number = house_number(rng)
    style = pick(rng, ("pc nr", "pc, nr", "pcnr", "lower", "street pc", "plain street pc", "pc-nr"))
    if style == "pc-nr":  # '1234AB-12', '1234ab/12'
        pc = f"{digits4}{letters if rng.random() < 0.5 else letters.lower()}"
        if pc[-2:].islower() and pc[-2:] in PC_WORDS:
            pc = pc.upper()
        return embed(rng, "postcode-house-number", style, f"{pc}{pick(rng, ('-', '/'))}{number}")
    if style == "lower":
        space = "" if letters.lower() in PC_WORDS else " "
        pc = f"{digits4}{space}{letters.lower()}"
        return embed(
            rng, "postcode-house-number", style, f"{pc}, {pick(rng, ('nr', 'nr.', 'no'))} {number}"
        )
    pc = f"{digits4}{pick(rng, (' ', ''))}{letters}"
    if style == "pc nr":
        return embed(
            rng, "postcode-house-number", style, f"{pc} {number}", pick(rng, ("", "adres"))
        )
    if style == "pc, nr":
        return embed(rng, "postcode-house-number", style, f"{pc}, huisnummer {number}")
    if style == "pcnr":
        return embed(rng, "postcode-house-number", style, f"{digits4}{letters}{number}")
    street = street_name(rng) if style == "street pc" else pick(rng, PLAIN_STREETS)
    value = f"{street} {number}{pick(rng, (', ', ' '))}{pc}"
    # The span that must be covered starts at the house number: the guard does not claim the
    # first words of a multi-word street name without a suffix ('Lange' in 'Lange Voorhout').
    offset = len(street) + 1 if style != "street pc" else 0
    sample = embed(rng, "postcode-house-number", style, value, "woont", span_from=offset)
    city = pick(rng, ("", " Utrecht", " Den Haag", " Zwolle"))  # outside the span to cover
    text = sample.text[: sample.end] + city + sample.text[sample.end :]
    return Sample(sample.kind, sample.family, text, sample.start, sample.end)


# --- street address -------------------------------------------------------------------------


def positive_street(rng: random.Random) -> Sample:
    name = street_name(rng)
    if name.endswith("straat") and rng.random() < 0.3:
        name = name[: -len("aat")] + "."  # 'Kerkstr. 12'
    nr_word = pick(rng, ("", "", "", "nr ", "nr. ", "huisnummer "))
    value = f"{name} {nr_word}{house_number(rng)}"
    lead = pick(rng, ("", "woont", "adres:", "woont aan de", "op de"))
    return embed(rng, "street-address", "street nr", value, lead)


# --- birth date -----------------------------------------------------------------------------

MONTHS_NL = words(
    "januari februari maart april mei juni juli augustus september oktober november december"
)
MONTHS_NL_SHORT = words("jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec.")
MONTHS_EN = words(
    "January February March April May June July August September October November December"
)
CUES = ("geboren", "geboren op", "geb.", "geboortedatum:", "geb.datum", "born", "date of birth:")
CUES += ("DOB", "°", "*")


def date_render(rng: random.Random, day: datetime.date, two_digit_ok: bool) -> tuple[str, str]:
    styles = ["d-m-yyyy", "dd-mm-yyyy", "dd/mm/yyyy", "dd.mm.yyyy", "yyyy-mm-dd", "d month yyyy"]
    styles += ["d mon. yyyy", "d Month yyyy", "Month d, yyyy"]
    if two_digit_ok:
        styles.append("dd/mm/yy")
    style = rng.choice(styles)
    d, m, y = day.day, day.month, day.year
    value = {
        "d-m-yyyy": f"{d}-{m}-{y}",
        "dd-mm-yyyy": f"{d:02d}-{m:02d}-{y}",
        "dd/mm/yyyy": f"{d:02d}/{m:02d}/{y}",
        "dd.mm.yyyy": f"{d:02d}.{m:02d}.{y}",
        "yyyy-mm-dd": f"{y}-{m:02d}-{d:02d}",
        "d month yyyy": f"{d} {MONTHS_NL[m - 1]} {y}",
        "d mon. yyyy": f"{d} {MONTHS_NL_SHORT[m - 1]} {y}",
        "d Month yyyy": f"{d} {MONTHS_EN[m - 1]} {y}",
        "Month d, yyyy": f"{MONTHS_EN[m - 1]} {d}, {y}",
        "dd/mm/yy": f"{d:02d}/{m:02d}/{y % 100:02d}",
    }[style]
    return value, style


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def positive_birth_date(rng: random.Random) -> Sample:
    adult = TODAY.replace(year=TODAY.year - 16)
    if rng.random() < 0.5:
        day = random_day(rng, datetime.date(1920, 1, 1), TODAY)
        cue = pick(rng, CUES)
    else:
        day = random_day(rng, datetime.date(1920, 1, 1), adult)
        cue = ""
    # 'dd/mm/yy' is read as 19yy only from 1928 on (20yy up to next year): documented.
    value, style = date_render(rng, day, two_digit_ok=1928 <= day.year <= 1999)
    if cue and cue != "*" and rng.random() < 0.2:  # only after a cue: '01011950', "1 mei '50"
        if rng.random() < 0.5 or not 1928 <= day.year <= 1999:
            value, style = f"{day:%d%m%Y}", "ddmmyyyy"
        else:
            value, style = f"{day.day} {MONTHS_NL[day.month - 1]} '{day:%y}", "d month 'yy"
    text = embed(rng, "birth-date", f"{style} {'cue' if cue else 'old'}", value, cue)
    if cue == "*" and text.text.startswith("*"):  # a star at line start is a bullet
        text = Sample(text.kind, text.family, "mevrouw " + text.text, text.start + 8, text.end + 8)
    return text


# --- credentials ----------------------------------------------------------------------------

CREDENTIAL_KEYS = {
    "user": words("gebruikersnaam DigiD-gebruikersnaam inlognaam username login"),
    "secret": words("wachtwoord password DigiD-wachtwoord"),
    "code": words(
        "pincode pin sms-code smscode activeringscode activatiecode inlogcode koppelcode "
        "verificatiecode herstelcode"
    ),
}
CONNECTORS = ("", "", ":", " is", " =", " nu", ": nieuw", " (tijdelijk):")
WORDS_FOR_SECRETS = words("Welkom Zomer Voetbal Appel Kat Liefde Oranje Fiets Thuis Winter")


def credential_value(rng: random.Random, group: str) -> tuple[str, str]:
    if group == "user":
        style = pick(rng, ("name+digits", "dotted", "underscore"))
        first, last = pick(rng, NAMES), pick(rng, SURNAMES)
        if style == "name+digits":
            return f"{last}{rng.randint(1, 99)}", style
        if style == "dotted":
            return f"{first[0]}.{last}", style
        return f"{first}_{last}", style
    if group == "secret":
        style = pick(rng, ("word+digits", "word+digits+symbol", "symbol inside", "quoted"))
        word = pick(rng, WORDS_FOR_SECRETS)
        if style == "word+digits":
            return f"{word}{rng.randint(1, 2026)}", style
        if style == "word+digits+symbol":
            return f"{word}{rng.randint(1, 99)}{pick(rng, tuple('!?#$*'))}", style
        if style == "symbol inside":
            return f"{word}{pick(rng, tuple('!#$_@'))}{word.lower()}", style
        return f'"{word.lower()}"', style
    style = pick(rng, ("digits", "letters", "mixed", "grouped"))
    if style == "digits":
        return digits(rng, rng.randint(4, 8)), style
    upper = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    if style == "letters":  # the DigiD app's koppelcode: four capitals
        return "".join(rng.choice(upper) for _ in range(4)), style
    code = "".join(rng.choice(upper + "23456789") for _ in range(12))
    code = code[:5] + str(rng.randint(0, 9)) + code[6:]
    if style == "grouped":
        return " ".join(code[i : i + 4] for i in range(0, 12, 4)), style
    return code, style


def positive_credential(rng: random.Random) -> Sample:
    group = pick(rng, tuple(CREDENTIAL_KEYS))
    key = pick(rng, CREDENTIAL_KEYS[group])
    value, style = credential_value(rng, group)
    lead = f"{key}{pick(rng, CONNECTORS)}"
    quoted = value.startswith('"')
    sample = embed(rng, "credential", f"{group} {style}", value, lead)
    if quoted:  # the quotes are not part of what must be covered
        return Sample(sample.kind, sample.family, sample.text, sample.start + 1, sample.end - 1)
    return sample


# --- names ----------------------------------------------------------------------------------

TITLES = words("mevrouw meneer mevr. mw. dhr. familie Mevrouw Meneer Mevr. Dhr. mr. Mrs. Mr.")
TITLES += ("de heer", "fam.")
NAME_CUES = ("naam:", "naam is", "Naam:", "name:", "achternaam:", "heet")
FIRST_NAMES = words("Jan Piet Marie Fatma Mohamed Anna Kees Ingrid Sanne Daan Lotte Ahmed Olga")
LAST_NAMES = words(
    "Jansen Bakker Visser Smit Meijer Bos Mulder Yilmaz Kaya Öztürk Nowak Kowalski Hendriks "
    "Peters Dekker Brouwer Vermeulen Postma"
)
PARTICLE_NAMES = ("de Vries", "van Dijk", "van der Berg", "El Amrani", "de Jong", "van den Broek")


def person_name(rng: random.Random, with_first: bool) -> tuple[str, str]:
    last = pick(rng, LAST_NAMES) if rng.random() < 0.6 else pick(rng, PARTICLE_NAMES)
    style = pick(rng, ("surname", "initial", "first")) if with_first else "surname"
    if style == "initial":
        return f"{pick(rng, FIRST_NAMES)[0]}. {last}", style
    if style == "first":
        return f"{pick(rng, FIRST_NAMES)} {last}", style
    return last, style


def positive_name(rng: random.Random) -> Sample:
    if rng.random() < 0.7:
        cue = pick(rng, TITLES)
        value, style = person_name(rng, with_first=cue not in ("familie", "fam."))
    else:
        cue = pick(rng, NAME_CUES)
        value, style = person_name(rng, with_first=True)
    return embed(rng, "name", f"{cue} {style}", value, cue)


# --- look-alikes ----------------------------------------------------------------------------


def lookalike_bsn_fails_check(rng: random.Random) -> Sample:
    # Not after the word BSN: there, nine digits are refused even when the test fails.
    while True:
        number = digits(rng, 9)
        if not eleven_test(number):
            value, fmt = bsn_render(rng, number)
            lead = pick(rng, ("", "nummer", "klantnummer", "ordernummer"))
            return embed(rng, "bsn", "fails 11-test", value, lead)


def lookalike_long_numbers(rng: random.Random) -> Sample:
    style = pick(rng, ("order", "zaak", "dossier", "ten"))
    if style == "order":
        value = f"bestelnummer {digits(rng, rng.randint(11, 14))}"
    elif style == "zaak":
        value = f"zaaknummer Z-{rng.randint(2015, 2027)}-{digits(rng, 6)}"
    elif style == "dossier":
        value = f"dossier {digits(rng, 4, '123456789')}-{digits(rng, 9)}-{digits(rng, 2)}"
    else:
        value = f"kenmerk {digits(rng, 10, '123456789')}"
    return embed(rng, "bsn", f"long number {style}", value)


def lookalike_iban_bad_check(rng: random.Random) -> Sample:
    country, bban = iban_parts(rng)
    good = int(iban_check_digits(country, bban))
    bad = rng.choice([n for n in range(2, 99) if n != good])
    value, fmt = iban_render(rng, f"{country}{bad:02d}{bban}")
    return embed(rng, "iban", f"bad check {fmt}", value, pick(rng, ("", "IBAN", "rekening")))


SERVICE = (
    "Belastingtelefoon 0800-0543",
    "0800 1351",
    "0800-{4}",
    "0900-{7}",
    "0900 {4}",
    "0906-{7}",
    "0909 {4}",
    "0800 {7}",
    "gemeente 14 0{2}",
    "bel 14 0{3}",
    "noodnummer 112",
)


def lookalike_service_number(rng: random.Random) -> Sample:
    template = pick(rng, SERVICE)
    for n in (2, 3, 4, 7):
        while "{" + str(n) + "}" in template:
            template = template.replace("{" + str(n) + "}", digits(rng, n, "123456789"), 1)
    return embed(rng, "phone", "service number", template)


def lookalike_email(rng: random.Random) -> Sample:
    value = pick(
        rng,
        (
            "@gemeente",
            "info at home",
            "meet at 10 uur",
            "www.mijnoverheid.nl",
            "zie rijksoverheid.nl",
            "digid.nl/inloggen",
            "kijk op rijksoverheid punt nl",
            "naam @ ",
            "help at the desk",
            "look at the app dot",
            "mail op naam at work",
            "e-mail: (geen)",
            "log in at digid.nl",
            "report it to the Fraud Helpdesk at www.fraudehelpdesk.nl",
            "the form at mijnoverheid.nl",
        ),
    )
    return embed(rng, "email", "email-like", value)


def lookalike_postcode(rng: random.Random) -> Sample:
    digits4, letters = postcode(rng)
    style = pick(
        rng, ("alone", "with city", "post box", "bad letters", "leading zero", "year word")
    )
    if style == "alone":
        value = f"postcode {digits4}{pick(rng, (' ', ''))}{letters}"
    elif style == "with city":
        value = f"{digits4} {letters} {pick(rng, ('Utrecht', 'Den Haag', 'Zwolle'))}"
    elif style == "post box":
        number = rng.randint(1, 99999)
        value = f"{pick(rng, ('Postbus', 'Antwoordnummer'))} {number}, {digits4} {letters}"
    elif style == "bad letters":
        value = f"{digits4} {pick(rng, ('SA', 'SD', 'SS'))} {house_number(rng)}"
    elif style == "leading zero":
        value = f"0{digits(rng, 3)} {letters} {house_number(rng)}"
    else:
        value = f"in {rng.randint(2015, 2026)} {pick(rng, ('en', 'of'))} {rng.randint(2015, 2027)}"
    return embed(rng, "postcode-house-number", style, value)


def lookalike_street(rng: random.Random) -> Sample:
    value = pick(
        rng,
        (
            "stap {n}",
            "Windows {n}",
            "hoofdstuk {n}",
            "pagina {n}",
            "vraag {n}",
            "bijlage {n}",
            "artikel {n}",
            "uitkering {n} maanden",
            "verzekering {n}",
            "loopbaan {n} jaar",
            "bijbaan {n} uur",
            "de weg {n} keer",
            "iOS {n}",
        ),
    )
    return embed(rng, "street-address", "step/version", value.format(n=rng.randint(1, 30)))


def lookalike_date(rng: random.Random) -> Sample:
    style = pick(rng, ("appointment", "recent", "year", "version", "impossible", "time", "month"))
    recent_first = TODAY.replace(year=TODAY.year - 15)
    if style == "appointment":
        day = random_day(rng, TODAY, TODAY + datetime.timedelta(days=700))
        value, _ = date_render(rng, day, two_digit_ok=day.year <= TODAY.year + 1)
        value = f"afspraak {value} om {rng.randint(8, 17)}:{pick(rng, ('00', '15', '30', '45'))}"
    elif style == "recent":
        day = random_day(rng, recent_first, TODAY)
        value, _ = date_render(rng, day, two_digit_ok=day.year >= 2000)
        value = f"{pick(rng, ('aangevraagd op', 'brief van', 'sinds', ''))} {value}".strip()
    elif style == "year":
        value = (
            f"{pick(rng, ('aangifte', 'jaar', 'sinds', 'geboren in'))} {rng.randint(1930, 2026)}"
        )
    elif style == "version":
        parts = [str(rng.randint(0, 30)) for _ in range(rng.randint(2, 4))]
        value = (
            f"{pick(rng, ('DigiD app versie', 'versie', 'v', 'iOS', 'Android'))} {'.'.join(parts)}"
        )
    elif style == "impossible":
        day_month = pick(
            rng, ("31-02", "30-02", "31-04", "31-06", "31-09", "31-11", "32-01", "15-13")
        )
        value = (
            f"{pick(rng, ('', 'geboren', 'geb.'))} {day_month}-{rng.randint(1920, 2000)}".strip()
        )
    elif style == "time":
        value = f"om {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    else:
        value = f"{pick(rng, MONTHS_NL)} {rng.randint(1940, 2026)}"
    return embed(rng, "birth-date", style, value)


def lookalike_credential_keyword(rng: random.Random) -> Sample:
    """The keyword without its value, as desk notes write it all day."""
    key = pick(rng, tuple(k for group in CREDENTIAL_KEYS.values() for k in group))
    rest = pick(
        rng,
        (
            "vergeten",
            "vergeten, herstel aangevraagd",
            "komt per brief",
            "niet ontvangen",
            "kwijt",
            "opnieuw ingesteld",
            "gewijzigd",
            "5 cijfers",
            "is 5-cijferig",
            "2 keer fout ingevoerd",
            "zelf gekozen",
            "aangevraagd op {date}",
            "verloopt na 20 dagen",
            "via sms ontvangen",
            "werkt niet",
            "uitgelegd",
        ),
    )
    day = random_day(rng, TODAY, TODAY + datetime.timedelta(days=40))
    return embed(
        rng, "credential", "keyword without value", f"{key} {rest.format(date=f'{day:%d-%m-%Y}')}"
    )


def lookalike_title(rng: random.Random) -> Sample:
    """A title followed by what is no name: an organisation, a product, a verb."""
    title = pick(rng, TITLES)
    rest = pick(
        rng,
        (
            "wil hulp met DigiD",
            "DigiD aangevraagd",
            "UWV brief uitgelegd",
            "MijnOverheid laten zien",
            "Belastingdienst gebeld",
            "kwam voor de toeslag",
            "ID-kaart verlopen",
            "WhatsApp ingesteld",
            "Digisterker aangeraden",
            "SVB formulier ingevuld",
            "heeft geen smartphone",
            "weer geholpen",
            "de app laten zien",
        ),
    )
    return embed(rng, "name", "title without name", f"{title} {rest}")


def lookalike_amounts(rng: random.Random) -> Sample:
    value = pick(
        rng,
        (
            f"€ {rng.randint(1, 999)}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}",
            f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}",
            f"€ {rng.randint(100, 999)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}",
            f"EUR {rng.randint(1, 99)},{rng.randint(0, 99):02d}",
            f"{rng.randint(1, 99)},{rng.randint(0, 9)}%",
            f"{rng.randint(1, 100)} %",
        ),
    )
    return embed(rng, "bsn", "amount/percentage", value)


Generator = Callable[[random.Random], Sample]

POSITIVE: dict[str, Generator] = {
    "bsn": positive_bsn,
    "iban": positive_iban,
    "phone": positive_phone,
    "email": positive_email,
    "postcode-house-number": positive_postcode,
    "street-address": positive_street,
    "birth-date": positive_birth_date,
    "credential": positive_credential,
    "name": positive_name,
}

LOOKALIKE: dict[str, Generator] = {
    "bsn failing the 11-test": lookalike_bsn_fails_check,
    "long order/case numbers": lookalike_long_numbers,
    "amounts and percentages": lookalike_amounts,
    "iban with wrong check digits": lookalike_iban_bad_check,
    "service and municipal numbers": lookalike_service_number,
    "e-mail-like text": lookalike_email,
    "postcode alone / invalid": lookalike_postcode,
    "steps, versions, nouns": lookalike_street,
    "dates that are no birth date": lookalike_date,
    "credential keyword without value": lookalike_credential_keyword,
    "title or cue without a name": lookalike_title,
}


# --- outside the promise: documented gaps, measured by the benchmark only ------------------
#
# These render real personal data the guard deliberately misses, and harmless text it
# deliberately flags. The property tests do not use them; the benchmark prints their rates
# so that the cost of each documented trade-off is a number rather than a guess.


def gap_bsn_dropped_zero(rng: random.Random) -> Sample:
    number = "0" + bsn_digits(rng)[1:]
    while not eleven_test(number):
        number = "0" + bsn_digits(rng)[1:]
    return embed(rng, "bsn", "BSN without its leading zero", number[1:], "BSN")


def gap_street_without_suffix(rng: random.Random) -> Sample:
    street = pick(rng, ("Lange Voorhout", "Singel", "Spui", "Achter de Hoven", "Voorhaven"))
    return embed(rng, "street-address", "street without suffix", f"{street} {house_number(rng)}")


def gap_old_two_digit_year(rng: random.Random) -> Sample:
    day = random_day(rng, datetime.date(1920, 1, 1), datetime.date(1927, 12, 31))
    return embed(rng, "birth-date", "dd/mm/yy before 1928, no cue", f"{day:%d/%m/%y}")


def gap_postcode_word_letters(rng: random.Random) -> Sample:
    letters = pick(rng, tuple(sorted(PC_WORDS)))
    value = f"{digits(rng, 4, '123456789')} {letters}, nr {rng.randint(1, 99)}"
    return embed(rng, "postcode-house-number", "lower-case letters forming a word", value)


def gap_email_unknown_tld(rng: random.Random) -> Sample:
    tld = pick(rng, ("shop", "nz", "store"))
    value = f"{pick(rng, NAMES)} at {pick(rng, ('firma', 'winkel'))} dot {tld}"
    return embed(rng, "email", "obfuscated, unlisted TLD", value)


def gap_email_bare_at_literal_dot(rng: random.Random) -> Sample:
    host, _, tld = pick(rng, DOMAINS).rpartition(".")
    return embed(rng, "email", "bare 'at', literal dot", f"{pick(rng, NAMES)} at {host}.{tld}")


def gap_ten_digit_order_number(rng: random.Random) -> Sample:
    value = f"bestelnummer 0{digits(rng, 9, '123456789')}"
    return embed(rng, "phone", "10-digit number starting with 0", value)


def gap_id_in_url(rng: random.Random) -> Sample:
    value = f"https://mijn.example.nl/zaak/{digits(rng, 9, '123456789')}"
    return embed(rng, "bsn", "9-digit id in a URL path", value)


def gap_old_event_date(rng: random.Random) -> Sample:
    day = random_day(rng, datetime.date(1960, 1, 1), TODAY.replace(year=TODAY.year - 17))
    value = f"{pick(rng, ('huis gekocht op', 'in dienst sinds', 'getrouwd op'))} {day:%d-%m-%Y}"
    return embed(rng, "birth-date", "old non-birth date", value)


GAP_POSITIVE: dict[str, Generator] = {
    "BSN without its leading zero": gap_bsn_dropped_zero,
    "street without a suffix": gap_street_without_suffix,
    "dd/mm/yy before 1928, no cue": gap_old_two_digit_year,
    "postcode letters forming a word": gap_postcode_word_letters,
    "obfuscated e-mail, unlisted TLD": gap_email_unknown_tld,
    "e-mail, bare 'at' + literal dot": gap_email_bare_at_literal_dot,
}

GAP_LOOKALIKE: dict[str, Generator] = {
    "10-digit number starting with 0": gap_ten_digit_order_number,
    "9-digit id in a URL path": gap_id_in_url,
    "old date that is no birth date": gap_old_event_date,
}
