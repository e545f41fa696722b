"""Element fingerprints: the same barrier from the same template gets the same key.

A header logo without alt text shows up on every page; the web team fixes it once,
so the report groups it into one issue. Two nodes group when the rule, the
normalised CSS target and the normalised HTML snippet agree.

axe's selectors are the shortest unique ones *for that page* (``img`` on one page,
``img[src$="logo.png"]`` on another), so the target is reduced to the element type
per frame/shadow step; the HTML snippet carries the identity.
"""

from __future__ import annotations

import functools
import hashlib
import re

from bs4 import BeautifulSoup

_SPACE = re.compile(r"\s+")
#: Long digit runs are ids, timestamps, cache busters: they vary per page, not per template.
_DIGITS = re.compile(r"\d{4,}")


_STEP = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*")


def normalise_target(target: str) -> str:
    """``iframe#x >>> main > img[src$="a.png"]`` -> ``iframe >>> img``."""
    steps = []
    for step in target.split(" >>> "):
        last = _SPACE.sub(" ", step.strip()).replace(" > ", " ").split(" ")[-1]
        match = _STEP.match(last)
        steps.append(match.group(0).lower() if match else "*")
    return " >>> ".join(steps)


def normalise_html(html: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub(" ", html.strip()))


def fingerprint(rule: str, target: str, html: str) -> str:
    """Stable 16-hex-digit key of (rule, frame path, html) after normalisation.

    The element's own selector step is left out: axe may call the same logo ``img`` on
    one page and ``.logo-img`` on another, while its HTML snippet is identical. Only
    the frame/shadow path in front of it counts, so an iframe's element stays apart.
    """
    frame_path = normalise_target(target).rsplit(" >>> ", 1)[0] if " >>> " in target else ""
    key = "\x1f".join((rule, frame_path, normalise_html(html)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --- where a grouped issue sits: a shared template region or one page's content ---------

#: A barrier whose fingerprint recurs on at least this many checked pages comes from
#: something the pages share (header, menu, footer, a component of the CMS): an element
#: written by hand in one article is very rarely byte-identical on three pages.
TEMPLATE_MIN_PAGES = 3

#: Site-level checks (a11y.checks.site) compare pages; where their fix lives follows from
#: the rule: navigation, the home link, search and the statement link are template parts,
#: a page title is typed per page.
SITE_RULE_REGIONS = {
    "idesk-consistent-navigation": "template",
    "idesk-consistent-identification": "template",
    "idesk-multiple-ways": "template",
    "idesk-statement-link": "template",
    "idesk-title-unique": "content",
}

#: Words in tag names, roles, ids and classes that mark a shared landmark, per landmark.
_LANDMARK_WORDS = {
    "header": {"header", "banner", "masthead", "topbar"},
    "nav": {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs"},
    "footer": {"footer", "contentinfo"},
    "aside": {"aside", "complementary", "sidebar"},
    "search": {"search"},
}
_WORD_LANDMARK = {word: name for name, words in _LANDMARK_WORDS.items() for word in words}
#: Landmarks that an <article> or <main> can also contain as its own (sectioning) parts.
_SECTIONING = {"header", "footer"}
_COMPOUND_SPLIT = re.compile(r"\s*[\s>+~]\s*")
_NAMES = re.compile(r"[#.]([\w-]+)")
_ROLE = re.compile(r"\[role\s*[~|^$*]?=\s*[\"']?([\w-]+)", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-_\s]+")


@functools.lru_cache(maxsize=4096)
def _open_tag(html: str) -> tuple[str, tuple[str, ...], str, str] | None:
    """(tag, classes, id, role) of the element a snippet starts with, read by Beautiful
    Soup rather than a regular expression (quotes, ``>`` inside values, odd case).

    axe and our checks cut long snippets, sometimes inside the opening tag; it is then
    closed (inside a quoted value or after one) so the part that is there still counts.
    Snippets repeat across pages (one template), hence the cache.
    """
    if not html.lstrip().startswith("<"):
        return None
    for text in (html, html + ">", html + '">', html + "'>"):
        element = BeautifulSoup(text, "html.parser").find(True)
        if element is not None:
            break
    else:
        return None
    classes = element.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return (
        element.name,
        tuple(classes),
        str(element.get("id") or ""),
        str(element.get("role") or ""),
    )


def _landmark_of(tag: str, roles: list[str], names: list[str]) -> str | None:
    for word in [tag.lower(), *(r.lower() for r in roles)]:
        if word in _WORD_LANDMARK:
            return _WORD_LANDMARK[word]
    for name in names:
        for word in _WORD_SPLIT.split(name.lower()):
            if word in _WORD_LANDMARK:
                return _WORD_LANDMARK[word]
    return None


def landmark(target: str, html: str) -> str | None:
    """The shared landmark (header, nav, footer, aside, search) a failing element sits in.

    axe's selector lists some of the element's ancestors (``.site-header > a > img``,
    ``footer a``) and the snippet starts with the element's own tag; tag names, roles,
    ids and classes that name a landmark count. A ``<header>`` or ``<footer>`` after
    ``main`` or ``article`` in the selector belongs to that content, not the template.
    This is a heuristic on what axe gives: an element whose selector names no ancestor
    is only caught through repetition (:data:`TEMPLATE_MIN_PAGES`).
    """
    step = target.split(" >>> ")[-1].strip()
    compounds = [c for c in _COMPOUND_SPLIT.split(step) if c]
    open_tag = _open_tag(html or "")
    if open_tag:
        name, classes, id_, role = open_tag
        own = "".join(f".{c}" for c in classes)
        own += f"#{id_}" if id_ else ""
        own += f"[role={role}]" if role else ""
        compounds.append(name + own)
    in_content = False
    for compound in compounds:
        match = _STEP.match(compound)
        tag = match.group(0).lower() if match else ""
        roles = _ROLE.findall(compound)
        if tag in ("main", "article") or any(r.lower() == "main" for r in roles):
            in_content = True
            continue
        found = _landmark_of(tag, roles, _NAMES.findall(compound))
        if found and not (in_content and found in _SECTIONING):
            return found
    return None


def region(
    rule: str, landmark_name: str | None, pages: int, templates: int, site_check: bool = False
) -> tuple[str, str]:
    """('template' | 'content', why): fix once in the template, or per page.

    ``why`` is 'site-check' (follows from the site-level rule), 'landmark' (inside a
    shared header, nav, footer, aside or search), 'repeated' (the same element on
    :data:`TEMPLATE_MIN_PAGES` or more pages, or on pages of two or more layouts found
    with --sample) or 'page-content'.
    """
    if site_check and rule in SITE_RULE_REGIONS:
        return SITE_RULE_REGIONS[rule], "site-check"
    if landmark_name:
        return "template", "landmark"
    if pages >= TEMPLATE_MIN_PAGES or (pages >= 2 and templates >= 2):
        return "template", "repeated"
    return "content", "page-content"


def site_fingerprint(rule: str, target: str, html: str) -> str:
    """Key of a site-level finding: unlike an element, its target ('nav', 'home link',
    'body') is what tells two findings of one rule apart, so it is part of the key."""
    key = "\x1f".join(("site", rule, _SPACE.sub(" ", target.strip()), normalise_html(html)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
