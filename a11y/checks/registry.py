"""Our own rules: id -> WCAG criteria, EN 301 549 clauses, help text and honest limits.

Rules are data, as in axe-core: a check module only says *which* rule fired on *which*
elements with which outcome; this table turns that into a :class:`a11y.browser.axe.Finding`
in the same Bdto terms as axe's results, so every report, grouping, diff and statement
draft treats them alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from a11y import criteria
from a11y.browser.axe import Finding, Node

#: Tag every own finding carries, so reports can tell our results from axe's.
TAG = "idesk"
#: Outcomes a check may give: certain failure, or likely and left to a person.
FAILED = "failed"
REVIEW = "needs-review"


@dataclass(frozen=True)
class Rule:
    id: str
    wcag: tuple[str, ...]
    impact: str
    help_en: str
    help_nl: str
    decides: str  # what the check can decide by itself
    cannot: str  # what it leaves to a person
    act: tuple[str, ...] = ()  # W3C ACT rule ids it is validated against
    en301549: tuple[str, ...] = ()  # only for documents (chapter 10); else from wcag


def _r(*args: object, **kw: object) -> Rule:
    rule = Rule(*args, **kw)  # type: ignore[arg-type]
    RULES[rule.id] = rule
    return rule


RULES: dict[str, Rule] = {}

# --- page (a11y.checks.page) ------------------------------------------------------------
_r(
    "idesk-page-title",
    ("2.4.2",),
    "serious",
    "Page has a non-empty title",
    "Pagina heeft een niet-lege titel",
    "missing or empty <title> (failed); a generic title such as 'Home' or 'Untitled' (review)",
    "whether a non-generic title describes the page",
    ("2779a5", "c4a8a4"),
)
_r(
    "idesk-meta-viewport",
    ("1.4.4",),
    "critical",
    "Viewport meta does not block zooming",
    "Viewport-meta blokkeert zoomen niet",
    "user-scalable=no or maximum-scale below 2 in a viewport meta (failed)",
    "zoom blocked by scripts or by CSS touch-action",
    ("b4f0c3",),
)
_r(
    "idesk-orientation",
    ("1.3.4",),
    "serious",
    "Page is not locked to one orientation with CSS transforms",
    "Pagina is niet met CSS-transformaties op één oriëntatie vastgezet",
    "text rotated by a quarter turn in one orientation only (failed)",
    "orientation locked by scripts (screen.orientation.lock), or essential locks",
    ("b33eff",),
)
_r(
    "idesk-link-purpose",
    ("2.4.4",),
    "serious",
    "Link text says where the link goes",
    "Linktekst maakt het doel van de link duidelijk",
    "links named only 'lees meer', 'klik hier', 'here' … or only punctuation, with fewer "
    "than three other words in their sentence, list item, table cell, preceding heading "
    "of their card or aria-describedby (failed)",
    "whether any other link text describes its target; same-named links to different "
    "places (left out: on the ACT cases most such links are fine)",
    ("5effbb",),
)
_r(
    "idesk-input-purpose",
    ("1.3.5",),
    "moderate",
    "Personal data fields declare their purpose (autocomplete)",
    "Velden voor persoonsgegevens geven hun doel aan (autocomplete)",
    "name, e-mail, phone, postcode and address fields without autocomplete (review); "
    "invalid autocomplete values are axe's rule autocomplete-valid",
    "whether a field really asks for the user's own data",
    ("73f2c2",),
)
_r(
    "idesk-tabindex",
    ("2.4.3",),
    "moderate",
    "No positive tabindex",
    "Geen positieve tabindex",
    "elements with tabindex above 0, which reorder keyboard focus (review)",
    "whether the resulting order still preserves meaning",
)
_r(
    "idesk-text-spacing-important",
    ("1.4.12",),
    "serious",
    "Text spacing in style attributes can be overridden",
    "Tekstafstand in style-attributen is aan te passen",
    "style attributes with !important letter-, word-spacing or line height below the "
    "WCAG 1.4.12 values (failed)",
    "spacing fixed in style sheets",
    ("24afc2", "78fd32", "9e45ec"),
)
_r(
    "idesk-language-of-parts",
    ("3.1.2",),
    "moderate",
    "Passages in another language are marked with lang",
    "Passages in een andere taal zijn met lang gemarkeerd",
    "long passages a language detector confidently puts in another language than the "
    "declared one (review)",
    "short passages, names and borrowed words",
)
_r(
    "idesk-label-in-name",
    ("2.5.3",),
    "serious",
    "The visible label is part of the accessible name",
    "Het zichtbare label is deel van de toegankelijke naam",
    "links, buttons and labelled form fields whose aria-label or aria-labelledby does not "
    "contain the visible text as whole words in order (failed; review when the visible "
    "text is longer than ten words)",
    "labels drawn in images or icon fonts, and which part of a long text is the label "
    "(an abbreviation such as 'Stationsstr.' is accepted when the name spells it out)",
    ("2ee8b8",),
)
_r(
    "idesk-click-keyboard",
    ("2.1.1",),
    "serious",
    "What reacts to a mouse click can be reached with the keyboard",
    "Wat op een muisklik reageert is met het toetsenbord te bereiken",
    "elements with a click handler (onclick or addEventListener) that are not focusable, "
    "have no control inside and are not inside a control (failed with a pointer cursor "
    "or a widget role, else review)",
    "handlers delegated to the document or a framework root, mouse-down or pointer "
    "handlers, and whether the same function is offered elsewhere on the page",
)
# --- content (a11y.checks.content) -----------------------------------------------------
_r(
    "idesk-alt-text",
    ("1.1.1",),
    "serious",
    "Alt text describes the image",
    "Alt-tekst beschrijft de afbeelding",
    "alt texts that are a file name or only say 'afbeelding', 'image', 'foto' (failed); "
    "'logo' alone (review); empty alt with a title (failed: the markup contradicts itself)",
    "whether any other alt text describes the image, and images without alt (axe's image-alt)",
    ("23a2a8", "qt1vmo", "e88epe", "46ca7f"),
)
_r(
    "idesk-decorative-alt",
    ("1.1.1",),
    "moderate",
    "An image hidden as decoration has no alt text that says otherwise",
    "Een als decoratie verborgen afbeelding heeft geen alt-tekst die iets anders zegt",
    "role presentation/none on an image with a non-empty alt (review: ACT rules 46ca7f and "
    "e88epe count it as a decorative image that passes)",
    "whether the image is decoration or its alt text is lost information",
    ("46ca7f", "e88epe"),
)
_r(
    "idesk-empty-heading",
    ("1.3.1",),
    "moderate",
    "Headings are not empty",
    "Koppen zijn niet leeg",
    "h1-h6 and role=heading in the accessibility tree without an accessible name (failed)",
    "whether a heading describes its section (2.4.6)",
    ("ffd0e9",),
)
_r(
    "idesk-duplicate-id",
    ("4.1.1",),
    "serious",
    "Ids that labels, ARIA or the keyboard use are unique",
    "Id's die labels, ARIA of het toetsenbord gebruiken zijn uniek",
    "an id used more than once on a focusable element or referenced by aria-labelledby, "
    "aria-describedby, aria-controls, label for or headers (failed)",
    "other parsing errors; duplicate ids nothing refers to (harmless)",
)
_r(
    "idesk-orientation-css",
    ("1.3.4",),
    "serious",
    "Style sheets do not lock the page to one orientation",
    "Stijlbladen zetten de pagina niet vast op één oriëntatie",
    "a rule in an (orientation: …) media query that turns the whole page a quarter turn "
    "or hides it (failed)",
    "style sheets from another origin, and locks by scripts (the browser check in full)",
    ("b33eff",),
)
_r(
    "idesk-page-language",
    ("3.1.1",),
    "serious",
    "The page language is the language of its text",
    "De paginataal is de taal van de tekst",
    "more than 200 words in the page's own language that a language detector is at least "
    "99% sure are another language (failed)",
    "short pages, and pages that mix languages evenly",
    ("ucwvc8",),
)
# --- layout (a11y.checks.layout) --------------------------------------------------------
_r(
    "idesk-reflow",
    ("1.4.10",),
    "serious",
    "Content reflows at 320 CSS pixels",
    "Content past zich aan bij 320 CSS-pixels",
    "elements that make a 320 px wide page scroll sideways, outside tables, images, maps, "
    "code and scroll areas (review)",
    "whether the content needs two-dimensional layout",
)
_r(
    "idesk-text-spacing",
    ("1.4.12",),
    "serious",
    "Text stays readable with increased text spacing",
    "Tekst blijft leesbaar met grotere tekstafstand",
    "text clipped by a fixed-size box once the WCAG text spacing is applied (review)",
    "overlap that does not clip",
)
_r(
    "idesk-resize-text",
    ("1.4.4",),
    "serious",
    "Text stays readable at 200% text size",
    "Tekst blijft leesbaar bij 200% tekstgrootte",
    "text clipped by a fixed-size box (overflow hidden) when text is twice as large (review)",
    "overlap that does not clip, and browser zoom",
    ("59br37",),
)
# --- keyboard (a11y.checks.keyboard) ----------------------------------------------------
_r(
    "idesk-focus-visible",
    ("2.4.7",),
    "serious",
    "Keyboard focus is visible",
    "Toetsenbordfocus is zichtbaar",
    "elements reached with Tab whose focus changes nothing on screen (failed) or nothing "
    "near the element (review)",
    "focus indicators too faint to notice",
    ("oj04fd",),
)
_r(
    "idesk-keyboard-trap",
    ("2.1.2",),
    "critical",
    "Keyboard focus is not trapped",
    "Toetsenbordfocus zit niet vast",
    "Tab and Shift+Tab both leave focus on the same element (failed)",
    "traps that need other keys, or that only occur after interaction",
    ("80af7b", "a1b64e"),
)
_r(
    "idesk-focus-order",
    ("2.4.3",),
    "moderate",
    "Tab order follows the visual order",
    "De tabvolgorde volgt de visuele volgorde",
    "Tab moving focus back up or leftwards against the reading order three times or more "
    "within the first 40 stops (review)",
    "whether the order preserves meaning; orders that only differ within one line",
)
# --- site (a11y.checks.site) ------------------------------------------------------------
_r(
    "idesk-title-unique",
    ("2.4.2",),
    "moderate",
    "Pages have distinct titles",
    "Pagina's hebben verschillende titels",
    "the same title on several different pages of the site (review)",
    "whether the pages really differ",
)
_r(
    "idesk-consistent-navigation",
    ("3.2.3",),
    "moderate",
    "Navigation is in the same order on every page",
    "Navigatie staat op elke pagina in dezelfde volgorde",
    "pages whose main navigation links come in another relative order (review)",
    "navigation that is not in a <nav> element",
)
_r(
    "idesk-consistent-identification",
    ("3.2.4",),
    "moderate",
    "The same function has the same name on every page",
    "Dezelfde functie heeft op elke pagina dezelfde naam",
    "the home (logo) link and the search field named differently across pages (review)",
    "other components with the same function",
)
_r(
    "idesk-multiple-ways",
    ("2.4.5",),
    "moderate",
    "The site offers more than one way to find pages",
    "De site biedt meer dan één manier om pagina's te vinden",
    "fewer than two of: search, sitemap page, navigation menu, A-Z list (review)",
    "ways that are not links or forms on the checked pages",
)
_r(
    "idesk-statement-link",
    (),
    "moderate",
    "Every page links to the accessibility statement",
    "Elke pagina linkt naar de toegankelijkheidsverklaring",
    "checked pages without a link to the statement (review; a Bdto duty, not a WCAG criterion)",
    "statements reachable in other ways",
)
# --- documents (a11y.checks.pdf) --------------------------------------------------------
_r(
    "idesk-pdf-tagged",
    ("1.3.1",),
    "serious",
    "PDF is tagged",
    "PDF is getagd",
    "no StructTreeRoot or MarkInfo/Marked not true (failed)",
    "quality of the tags",
    en301549=("10.1.3.1",),
)
_r(
    "idesk-pdf-language",
    ("3.1.1",),
    "serious",
    "PDF states its language",
    "PDF geeft de taal aan",
    "no /Lang in the document catalog (failed)",
    "whether the language is right",
    en301549=("10.3.1.1",),
)
_r(
    "idesk-pdf-title",
    ("2.4.2",),
    "moderate",
    "PDF has a title shown in the title bar",
    "PDF heeft een titel die in de titelbalk staat",
    "no title in the metadata, or DisplayDocTitle not set (failed)",
    "whether the title describes the document",
    en301549=("10.2.4.2",),
)
_r(
    "idesk-pdf-scanned",
    ("1.1.1",),
    "critical",
    "PDF has a text layer",
    "PDF heeft een tekstlaag",
    "pages with images but no text (review: likely a scan)",
    "text in vector outlines",
    en301549=("10.1.1.1",),
)
_r(
    "idesk-pdf-bookmarks",
    ("2.4.5",),
    "minor",
    "Long PDF has bookmarks",
    "Lange PDF heeft bladwijzers",
    "documents of more than 20 pages without an outline (review)",
    "whether the bookmarks are useful",
    en301549=("10.2.4.5",),
)
_r(
    "idesk-pdf-protected",
    ("1.1.1",),
    "critical",
    "PDF lets assistive technology read it",
    "PDF is leesbaar voor hulpsoftware",
    "encryption that forbids content extraction for accessibility (failed)",
    "other protections",
    en301549=("10.1.1.1",),
)
# --- a check that could not run ---------------------------------------------------------
_r(
    "idesk-check-error",
    (),
    "minor",
    "An own check could not run",
    "Een eigen controle kon niet draaien",
    "that the check failed to run on this page (review)",
    "anything about the page",
)

# --- the browser fence (a11y.browser.fence) ----------------------------------------------
#: A navigation the page started itself (script, meta refresh, pop-up, form, a redirect
#: served only to browsers) that the crawler's fence refused; not an accessibility verdict.
BLOCKED_NAVIGATION = "idesk-blocked-navigation"
_r(
    BLOCKED_NAVIGATION,
    (),
    "minor",
    "The page tried to go to an address the scan may not visit: not allowed",
    "De pagina probeerde naar een adres te gaan dat de scan niet mag bezoeken: niet toegestaan",
    "that the page started a navigation the fence refused, and where to (review)",
    "anything about accessibility",
)


#: A request of the page (image, script, fetch, ...) that the fence refused: in practice an
#: internal address on a public page, which its visitors cannot load either.
BLOCKED_REQUEST = "idesk-blocked-request"
_r(
    BLOCKED_REQUEST,
    (),
    "minor",
    "The page tried to load something from an address the scan may not visit: not allowed",
    "De pagina probeerde iets te laden van een adres dat de scan niet mag bezoeken: niet toegestaan",
    "that the page requested an address the fence refused, and which (review)",
    "anything about accessibility",
)


def _understanding(number: str) -> str:
    c = criteria.criteria_by_number().get(number)
    return f"https://www.w3.org/WAI/WCAG21/Understanding/{c.slug}" if c else ""


def finding(rule_id: str, nodes: list[tuple[str, str, str]]) -> Finding:
    """A Finding of one of our rules; ``nodes`` are (css target, html, summary)."""
    rule = RULES[rule_id]
    tags = (TAG, *(f"wcag{n.replace('.', '')}" for n in rule.wcag))
    en = rule.en301549 or tuple(criteria.en301549_from_tags(tags))
    return Finding(
        rule=rule.id,
        impact=rule.impact,
        wcag=rule.wcag,
        en301549=en,
        help=rule.help_en,
        help_url=_understanding(rule.wcag[0]) if rule.wcag else "",
        tags=tags,
        nodes=tuple(Node(target=t, html=h[:500], failure_summary=s) for t, h, s in nodes),
    )


#: Rules only the full set runs; a scan with the standard set does not claim their criteria.
FULL_ONLY_RULES = frozenset(
    {
        "idesk-language-of-parts",
        "idesk-orientation",
        "idesk-reflow",
        "idesk-text-spacing",
        "idesk-resize-text",
        "idesk-focus-visible",
        "idesk-keyboard-trap",
        "idesk-focus-order",
    }
)


def covered(skip: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Success criterion -> our rule ids that test (part of) it, leaving out ``skip``."""
    out: dict[str, list[str]] = {}
    for rule in RULES.values():
        if rule.id in skip:
            continue
        for number in rule.wcag:
            out.setdefault(number, []).append(rule.id)
    return out


#: Status of the rules validated on the W3C ACT test cases (bench/act_rules.py): a rule
#: that flags more than 5% of the passed or inapplicable cases of any of its ACT rules
#: reports needs-review instead of violations. Rules not listed keep the outcome their
#: check gives. Figures of 2026-12-03 (false flags on passed/inapplicable cases):
#: link purpose 0/12 (5effbb); alt text 0/48 (23a2a8, qt1vmo, e88epe, 46ca7f); empty
#: heading 0/7 (ffd0e9); orientation in CSS 0/9 (b33eff); page language 0/10 (ucwvc8).
#: Duplicate ids have no ACT rule any more (3ea0c8 was retired with 4.1.1 in WCAG 2.2):
#: validated on the sweep of all 1,197 ACT pages instead, 0 of 804 passed/inapplicable.
VALIDATION: dict[str, str] = {
    "idesk-link-purpose": FAILED,
    "idesk-alt-text": FAILED,
    "idesk-empty-heading": FAILED,
    "idesk-duplicate-id": FAILED,
    "idesk-orientation-css": FAILED,
    "idesk-page-language": FAILED,
    # ACT 46ca7f and e88epe pass role="none" with an alt (2 of 22 flagged): a person decides
    "idesk-decorative-alt": REVIEW,
}


def graded(hit: list[str]) -> list[str]:
    """The hit with its outcome lowered to needs-review when its rule did not pass validation."""
    if hit[1] == FAILED and VALIDATION.get(hit[0]) == REVIEW:
        return [hit[0], REVIEW, *hit[2:]]
    return hit


#: Rules that can give a certain 'failed' (the others only ever say 'needs review').
CAN_FAIL = frozenset(
    {
        "idesk-page-title",
        "idesk-meta-viewport",
        "idesk-orientation",
        "idesk-text-spacing-important",
        "idesk-focus-visible",
        "idesk-keyboard-trap",
        "idesk-label-in-name",
        "idesk-click-keyboard",
    }
    | {rule for rule, status in VALIDATION.items() if status == FAILED}
)


def decides(rule_ids: list[str] | tuple[str, ...]) -> bool:
    """True when one of the rules can fail a criterion, so 'no violations found' means something."""
    return any(r in CAN_FAIL for r in rule_ids)


def tested_by(axe: bool, rule_ids: list[str] | tuple[str, ...]) -> str:
    """How a criterion was tested: 'axe', 'own', 'axe+own', 'partly' (our checks only
    point at likely problems) or 'none' (left to a manual audit)."""
    own = decides(rule_ids)
    if axe:
        return "axe+own" if rule_ids else "axe"
    if own:
        return "own"
    return "partly" if rule_ids else "none"
