"""Personal data that only a cue word gives away: credentials and names.

A password or a surname has no shape of its own; what marks it is the word before it
('wachtwoord Welkom123!', 'mevr. Jansen'). These detectors look for the Dutch and English
cue words a DigiD desk writes and judge the words after them. They are kept apart from the
shape-based rules in `helpdesk.privacy` because their trade-off differs: a desk note names
the keyword all the time without a value ('wachtwoord vergeten, herstel aangevraagd',
'activeringscode komt per brief'), so a value must look like a value. What is and is not
caught is documented in `helpdesk.privacy`'s module docstring, the single list.

Both detectors work on normalised text (see `helpdesk.privacy_normalise`) and yield spans
of the value only, never of the cue, so a message points at what must go.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, so that long vocabularies stay compact."""
    return tuple(text.split())


# --- credentials ----------------------------------------------------------------------------

_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_SEP = r"[ \-]?"
# Codes: a value of upper-case letters counts too ('koppelcode KBWT'), and groups join.
_CODE_WORDS = (
    rf"pin{_SEP}code|pin|puk{_SEP}code|sms{_SEP}(?:controle)?code|controlecode"
    r"|verificatiecode|verification code|activeringscode|activatiecode|activation code"
    rf"|inlogcode|log{_SEP}in{_SEP}code|koppelcode|herstelcode|beveiligingscode"
    r"|security code|toegangscode|tan{_SEP}code"
)
_SECRET_WORDS = r"wachtwoord(?:en)?|wachtwoordzin|password|passwd|pass word|passphrase"
_USER_WORDS = (
    r"(?:digid[ \-]?)?(?:gebruikersnaam|gebruikers naam|inlognaam|loginnaam|accountnaam"
    r"|username|user name|user id|userid|login|log-in)"
)
_CREDENTIAL = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:(?P<code>{_CODE_WORDS})|{_SECRET_WORDS}|(?P<user>{_USER_WORDS}))"
    rf"{_NOT_LETTER_AFTER}"
    # What staff put between keyword and value: ':' '=' 'is' 'nu' 'nieuw' 'tijdelijk' ...
    r"(?P<conn>(?:[ ]*(?:[:=]|->|→|-(?= )|\(?\b(?:is|was|wordt|werd|nu|luidt|nieuw|nieuwe"
    r"|tijdelijk|tijdelijke|new|temporary)\b\)?))*)[ ]*\(?",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"'“‘„«‹](?P<v>[^\"'”’»›\n]{3,60})[\"'”’»›]")
_BARE = re.compile(r"[^\s\"'“”‘’«»,;()\[\]]+")
# A code written in groups ('ABCD 1234 EFGH', '123 456'); three capitals are an acronym.
_CODE_TOKEN = re.compile(r"[A-Z0-9]*\d[A-Z0-9]*|[A-Z]{4,6}")
_CODE_GROUP = re.compile(r" (?P<g>[A-Z0-9]{3,6})(?![\w])")
_TRAILING = ".,;:)]"
_DATE_OR_TIME = re.compile(
    r"\d{1,4}[-./]\d{1,2}(?:[-./]\d{1,4})?|\d{1,2}[:.]\d{2}(?:u|uur)?|\d{1,2}u\d{0,2}"
)
# '5-cijferig', '6-cijferige', '2e', '3x', '10keer': a count, not a code.
_COUNT = re.compile(r"\d{1,2}-?[a-z]+")
_SYMBOLS = frozenset("!@#$%^&*_+=?~<>|\\/")
# Words staff write in capitals after a code keyword ('koppelcode KWIJT'), not a code.
_NOT_A_CODE = frozenset(
    _words(
        "DIGID NIET GEEN NOG OOK PDF SMS APP CODE KWIJT FOUT VERLOPEN OPNIEUW NODIG KLAAR "
        "MAIL BRIEF POST NIEUW ONTVANGEN"
    )
)


def _credential_like(value: str, is_code: bool, is_user: bool) -> bool:
    """Does a bare word after a credential keyword look like the credential itself?"""
    if len(value) < 4 or _DATE_OR_TIME.fullmatch(value) or _COUNT.fullmatch(value):
        return False
    if any(ch.isdigit() for ch in value):
        return True
    if any(ch in _SYMBOLS for ch in value[:-1]):
        return True  # 'Wel!kom', 'jan_jansen'; a final '!' or '?' is punctuation
    if is_user and "." in value.strip(".") and value.islower():
        return True  # 'j.jansen' as a user name
    return is_code and value.isalpha() and value.isupper() and value not in _NOT_A_CODE


def find_credentials(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    """A user name, password, PIN or code written right after its keyword."""
    for m in _CREDENTIAL.finditer(text):
        pos = m.end()
        quoted = _QUOTED.match(text, pos)
        if quoted:
            yield quoted.start("v"), quoted.end("v")
            continue
        bare = _BARE.match(text, pos)
        if not bare:
            continue
        start, end = bare.start(), bare.end()
        is_code = m.group("code") is not None
        if is_code and _CODE_TOKEN.fullmatch(text, start, end):
            while group := _CODE_GROUP.match(text, end):
                end = group.end()
        value = text[start:end]
        trimmed = value.rstrip(_TRAILING)
        if " " in trimmed and not any(ch.isdigit() for ch in trimmed):
            trimmed = trimmed.split(" ")[0]  # 'KBWT SVB': capitals after a code are words
        if not trimmed:
            continue
        if _credential_like(trimmed.replace(" ", ""), is_code, m.group("user") is not None):
            yield start, start + len(trimmed)


# --- names ----------------------------------------------------------------------------------

# Titles and cues after which a capitalised word is a person's name.
_NAME_CUE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:"
    r"(?P<naam>(?:naam|name|achternaam|voornaam|surname)[ ]*(?::|=|\bis\b)|heet|genaamd|called)"
    r"|mevrouw|meneer|de heer|familie|miss|madam|sir"
    # Abbreviations only in lower case or capitalised: 'MW', 'MR' and 'MS' after a
    # postcode's digits are its letters ('1234 MW Utrecht'), 'MS' is also a disease.
    r"|(?-i:[Mm]evr\.?|[Mm]vr\.?|[Mm]w\.?|[Dd]hr\.?|[Hh]r\.|[Ff]am\.|[Mm]rs?\.?|[Mm]s\.)"
    rf"){_NOT_LETTER_AFTER}",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"[ \n]\(?(?P<t>[^\W\d_][\w'’-]*\.?|(?:[A-Z]\.)+)(?=[\s,;:!?)]|$)")
_PARTICLES = frozenset(
    _words(
        "van de der den 't te ter ten in op la le du da di del della el al bin ben von zu vd "
        "v.d. d' l' mc o'"
    )
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?")
# Capitalised words that follow a title in a desk note but are no name: organisations,
# products, days and months, and Dutch words that start a sentence.
_NOT_NAMES = frozenset(
    _words(
        "digisterker belastingdienst belastingtelefoon toeslagen gemeente bibliotheek "
        "overheid rijksoverheid postbus antwoordnummer windows android apple google samsung "
        "microsoft outlook gmail hotmail whatsapp facebook instagram marktplaats zoom teams "
        "word excel chrome safari edge firefox ziggo kpn vodafone odido rabobank ing abn "
        "triodos bunq menzis zilveren achmea postnl wijkteam schuldhulp humanitas "
        "vluchtelingenwerk nederland nederlands nederlandse engels english turks arabisch "
        "pools duits frans oekraïens spaans tigrinya somalisch koerdisch maandag dinsdag "
        "woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday "
        "saturday sunday januari februari maart april mei juni juli augustus september "
        "oktober november december january february march may june july august october de het "
        "een is heeft had wil wilde kwam komt kan kon moet moest was werd wordt gaat ging "
        "belt belde en met voor bij om uit naar van die dat deze zij hij ze nog ook niet geen "
        "zelf samen graag vandaag morgen gisteren alles weer eerst daarna toen nu geholpen "
        "heb wist weet snapt begreep vond vroeg vraagt zegt zei krijgt kreeg had the and has "
        "had was is wants needs called came will with balie desk app brief formulier aanvraag "
        "afspraak ouder ouders zoon dochter zorgtoeslag huurtoeslag kinderbijslag "
        "kindgebonden toeslag uitkering bijstand aangifte belasting pensioen paspoort "
        "rijbewijs verblijfsvergunning zorgverzekering cursus laptop telefoon tablet computer "
        "printer wachtwoord pincode bank internetbankieren mail email account verhuizing huur "
        "energie hulp vraag vragen inloggen machtiging bezwaar boete schulden post gezin kind "
        "kinderen partner man vrouw buurvrouw buurman mantelzorger tolk vrijwilliger weduwe "
        "weduwnaar engelstalig nederlandstalig"
    )
)
# After 'naam:' a lower-case word is a name too, unless it says the name is missing.
_NO_NAME_WORDS = frozenset(
    _words(
        "onbekend niet geen nvt n.v.t. anoniem ontbreekt staat klopt verkeerd fout onjuist "
        "gewijzigd veranderd aangepast wordt is was op van in bij unknown none not withheld "
        "missing wrong"
    )
)


# Nationalities and languages, which a note gives after a title ('meneer Eritrees,
# spreekt Tigrinya'): the stems below with the endings -e, -s, -se, -er, -ers.
_NATIONALITY = re.compile(
    r"(?:nederland|marokkaan|turk|syri|syrisch|oekraïen|oekraïn|eritre|pool|pools|somali"
    r"|somalisch|afghaan|iraan|irak|surinaam|antilliaan|chine|indiaa?|arabisch|duits"
    r"|belgisch|engel|spaan|portuge|roemeen|bulgaar|hongaar|russisch|koerdisch|ethiopisch"
    r"|ghane|nigeriaan|braziliaan|kaapverdisch|filipijn|indonesisch|vietname|egyptisch"
    r"|algerijn|tunesisch|jemenitisch|soedane|amerikaan|brit|frans|italiaan|grieks"
    r"|kroatisch|servisch|bosnisch|albane|armeen|georgisch|pakistaan|bengaal|thai)"
    r"(?:e|s|se|es|er|ers|ër|ërs)?",
    re.IGNORECASE,
)
_STREET_WORD = re.compile(
    r".{2,}(?:straat|str|laan|weg|plein|gracht|kade|singel|dijk|pad|steeg|dreef|plantsoen|markt)",
    re.IGNORECASE,
)


def _name_word(token: str, after_particle: bool = False) -> bool:
    """A capitalised word that can be a surname or first name ('de Turk' is one)."""
    core = token.rstrip(".")
    if not core[:1].isupper() or core.lower() in _NOT_NAMES:
        return False
    if _NATIONALITY.fullmatch(core) and not after_particle:
        return False
    if _STREET_WORD.fullmatch(core):
        return False  # a street name is the address rules' to judge
    if core.isupper() and len(core) <= 5:
        return False  # acronyms: UWV, SVB, AOW, DUO, IND
    # No capital inside a word except after a hyphen or apostrophe: DigiD, MijnOverheid,
    # ID-kaart and iPhone are products; El-Amrani and O'Brien are names.
    return not any(ch.isupper() and core[i - 1] not in "-'’" for i, ch in enumerate(core) if i > 0)


def find_names(text: str, today: datetime.date) -> Iterator[tuple[int, int]]:
    """Words after a title or name cue that make up a person's name."""
    for cue in _NAME_CUE.finditer(text):
        explicit = cue.group("naam") is not None
        pos, start, end, count = cue.end(), -1, -1, 0
        while count < 6 and (token := _NAME_TOKEN.match(text, pos)):
            word = token.group("t")
            lower = word.lower()
            if count and text[token.start("t") - 1] == "(":
                break  # a bracket opens something else: 'meneer Jansen (zoon)'
            if _INITIALS.fullmatch(word) or lower in _PARTICLES:
                start = token.start("t") if start < 0 else start
            elif _name_word(word, after_particle=count > 0 and end < 0):
                start = token.start("t") if start < 0 else start
                end = token.end("t") - (1 if word.endswith(".") and len(word) > 2 else 0)
            elif explicit and count == 0 and word.islower() and lower not in _NO_NAME_WORDS:
                start, end = token.start("t"), token.end("t")  # 'naam: jan'
            else:
                break
            pos, count = token.end(), count + 1
        if end > start >= 0:
            yield start, end
