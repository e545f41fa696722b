"""Statement detection, status reading and the 'what does not comply' draft."""

from __future__ import annotations

import pytest
from sample_report import HOSTILE_URL, empty_report, sample_report

from a11y import report_from_dict
from a11y.statement import compliance_status, draft_nonconformities, find_statement_link

SITE = "https://www.voorbeeldrecht.nl/"

# A typical municipal footer (shape taken from many gemeente sites).
FOOTER = [
    ("https://www.voorbeeldrecht.nl/contact", "Contact"),
    ("https://www.voorbeeldrecht.nl/privacyverklaring", "Privacyverklaring"),
    ("https://www.voorbeeldrecht.nl/cookies", "Cookies"),
    ("https://www.voorbeeldrecht.nl/proclaimer", "Proclaimer"),
    ("https://www.voorbeeldrecht.nl/over-deze-website/toegankelijkheid", "Toegankelijkheid"),
    ("https://www.voorbeeldrecht.nl/kwetsbaarheid-melden", "Kwetsbaarheid melden"),
    ("https://www.facebook.com/gemeentevoorbeeldrecht", "Facebook"),
]


def test_plain_footer_link_is_found() -> None:
    assert find_statement_link(SITE, FOOTER) == (
        "https://www.voorbeeldrecht.nl/over-deze-website/toegankelijkheid"
    )


def test_news_about_accessible_building_does_not_win() -> None:
    links = [
        (
            "https://www.voorbeeldrecht.nl/nieuws/toegankelijk-bouwen-in-het-centrum",
            "Toegankelijk bouwen in het centrum",
        ),
        ("https://www.voorbeeldrecht.nl/nieuws/toegankelijkheid-speeltuinen", "Toegankelijkheid"),
        ("https://www.digitoegankelijk.nl/", "Meer over digitale toegankelijkheid"),
        *FOOTER,
    ]
    assert find_statement_link(SITE, links) == (
        "https://www.voorbeeldrecht.nl/over-deze-website/toegankelijkheid"
    )


def test_only_near_misses_find_nothing() -> None:
    links = [
        (
            "https://www.voorbeeldrecht.nl/nieuws/toegankelijk-bouwen",
            "Toegankelijk bouwen: nieuwe regels voor winkels",
        ),
        ("https://www.digitoegankelijk.nl/", "DigiToegankelijk"),
        ("mailto:toegankelijkheid@voorbeeldrecht.nl", "Toegankelijkheid"),
        ("javascript:void(0)", "Toegankelijkheidsverklaring"),
        (
            "https://www.voorbeeldrecht.nl/wonen/gehandicaptenparkeerkaart",
            "Gehandicaptenparkeerkaart",
        ),
    ]
    assert find_statement_link(SITE, links) is None


def test_other_sites_about_accessibility_are_not_the_statement() -> None:
    info = [("https://www.digitoegankelijk.nl/", "Digitale toegankelijkheid")]
    assert find_statement_link(SITE, info) is None
    # The statement on the municipality's main site, linked from its service portal.
    portal = "https://loket.voorbeeldrecht.nl/"
    main_site = [("https://www.voorbeeldrecht.nl/toegankelijkheid", "Toegankelijkheid")]
    assert find_statement_link(portal, main_site) == main_site[0][0]
    # A statement hosted elsewhere counts when the link names it.
    hosted = [("https://verklaringen.example.org/voorbeeldrecht", "Toegankelijkheidsverklaring")]
    assert find_statement_link(SITE, info + hosted) == hosted[0][0]


def test_explicit_statement_text_beats_general_page() -> None:
    links = [
        ("https://www.voorbeeldrecht.nl/toegankelijkheid", "Toegankelijkheid"),
        ("https://www.voorbeeldrecht.nl/over-ons/verklaring", "Toegankelijkheidsverklaring"),
    ]
    assert find_statement_link(SITE, links) == "https://www.voorbeeldrecht.nl/over-ons/verklaring"


def test_register_badge_is_found_and_beats_general_page() -> None:
    links = [
        ("https://www.voorbeeldrecht.nl/over-deze-website", "Over deze website"),
        (
            "https://www.toegankelijkheidsverklaring.nl/register/4821",
            "Status toegankelijkheidslabel van voorbeeldrecht.nl",
        ),
        ("https://www.voorbeeldrecht.nl/toegankelijkheid", "Toegankelijkheid"),
    ]
    assert find_statement_link(SITE, links) == (
        "https://www.toegankelijkheidsverklaring.nl/register/4821"
    )
    # The register's home page is not a statement.
    register_home = [("https://toegankelijkheidsverklaring.nl/register", "Register")]
    assert find_statement_link(SITE, register_home) is None


def test_url_alone_and_english_sites() -> None:
    assert find_statement_link(
        SITE, [("https://www.voorbeeldrecht.nl/toegankelijkheidsverklaring", "Lees meer")]
    ) == ("https://www.voorbeeldrecht.nl/toegankelijkheidsverklaring")
    assert find_statement_link(
        "https://www.example.nl/en/",
        [
            (
                "https://www.example.nl/en/news/accessibility-week",
                "Accessibility week 2026 was a success",
            ),
            ("https://www.example.nl/en/accessibility", "Accessibility statement"),
        ],
    ) == ("https://www.example.nl/en/accessibility")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("De status van deze website is: B - voldoet gedeeltelijk ? - Ga naar de informatie", "B"),
        ("Nalevingsstatus: voldoet volledig", "A"),
        ("Gemeente X verklaart dat de eerste maatregelen zijn genomen om de website", "C"),
        ("Nalevingsstatus: eerste maatregelen genomen", "C"),
        ("Er zijn nog geen maatregelen genomen.", "D"),
        ("Status E", "E"),
        ("Toegankelijkheid: niet aangetoond", "E"),
        ("status: B", "B"),
        ("Nalevingsstatus\nA", "A"),
        ("D - geen maatregelen genomen", "D"),
        ("Deze website voldoet nog niet volledig; de website voldoet gedeeltelijk.", "B"),
        ("The website is partially compliant with the decree.", "B"),
        ("Welkom bij de gemeente. Afval, paspoort, verhuizen.", None),
        ("", None),
    ],
)
def test_compliance_status(text: str, status: str | None) -> None:
    assert compliance_status(text) == status


def test_register_page_status_not_confused_by_status_explanations() -> None:
    text = (
        "Verklaring van Gemeente Voorbeeldrecht. De status van deze website is: "
        "C - eerste maatregelen genomen. ... Uitleg over de nalevingsstatussen: "
        "status A voldoet volledig, status B voldoet gedeeltelijk, D geen maatregelen genomen."
    )
    assert compliance_status(text) == "C"
    listing = "Dat is zo met status A, B en C. Onze website voldoet gedeeltelijk."
    assert compliance_status(listing) == "B"


def test_draft_lists_failing_criteria_with_counts_and_examples() -> None:
    draft = draft_nonconformities(report_from_dict(sample_report()))
    assert "alleen een geautomatiseerde test" in draft
    assert "### 1.1.1 Niet-tekstuele content (niveau A, EN 301 549 9.1.1.1)" in draft
    section = draft.split("### 1.1.1")[1].split("###")[0]
    assert "Gevonden op 4 pagina's, 4 elementen." in section
    assert "image-alt" in section
    assert section.count("https://") == 3  # at most three examples
    section = draft.split("### 4.1.2")[1].split("###")[0]
    assert {"button-name", "label", "link-name"} <= set(section.replace("`", " ").split())
    assert HOSTILE_URL in section
    # heading-order maps to no success criterion, so it is not in the statement draft
    assert "heading-order" not in draft
    assert draft.index("### 1.1.1") < draft.index("### 1.4.3") < draft.index("### 4.1.2")


def test_draft_in_english_and_without_failures() -> None:
    assert "### 1.1.1 Non-text Content (level A" in draft_nonconformities(
        report_from_dict(sample_report()), "en"
    )
    assert "automated testing only" in draft_nonconformities(
        report_from_dict(sample_report()), "en"
    )
    clean = draft_nonconformities(report_from_dict(empty_report()))
    assert "geen fouten" in clean and "###" not in clean


def test_draft_counts_each_pdf_problem_over_the_checked_documents() -> None:
    draft = draft_nonconformities(report_from_dict(sample_report()))
    section = draft.split("### Documenten (EN 301 549 hoofdstuk 10)")[1]
    assert "3 pdf-documenten zijn automatisch getest op tags, taal" in section
    assert "2 andere documenten" in section
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert lines == [
        "- 2 van 3 pdf-documenten hebben geen tags (10.1.3.1 / WCAG 1.3.1).",
        "- 1 van 3 pdf-documenten geeft de taal niet aan (10.3.1.1 / WCAG 3.1.1).",
        "- 1 van 3 pdf-documenten lijkt een scan zonder tekstlaag (10.1.1.1 / WCAG 1.1.1;"
        " nakijken).",
    ]
    english = draft_nonconformities(report_from_dict(sample_report()), "en")
    assert "- 2 of 3 PDF documents are not tagged (10.1.3.1 / WCAG 1.3.1)." in english


def test_draft_with_clean_or_unchecked_documents_only() -> None:
    report = empty_report()
    report["documents"] = [
        {"url": "https://g.nl/a.pdf", "checked": True, "problems": []},
        {"url": "https://g.nl/b.docx", "checked": False, "problems": []},
    ]
    draft = draft_nonconformities(report_from_dict(report))
    assert "1 pdf-document is automatisch getest" in draft
    assert "1 ander document (zoals Word of Excel, of een pdf boven het maximum) is niet" in draft
    assert "In de geteste pdf-documenten zijn geen problemen gevonden." in draft
    assert "geen fouten" in draft  # the pages part still says nothing failed
