"""Own content rules for barriers neither axe nor a second engine reports, in one script run.

Alt texts that say nothing (a file name, 'afbeelding'), images whose markup contradicts
itself (empty alt with a title, ``role="presentation"`` with an alt), empty headings,
duplicate ids that a label, ARIA or the keyboard depends on, orientation locked in the
style sheets, and a page whose long text is clearly in another language than its
``lang`` says. The page script (``check_content.js``) does the DOM work in one call; the
language verdict is made here with langdetect, as in :mod:`a11y.checks.lang`.
Whether a rule's 'failed' stays a violation is decided by :data:`registry.VALIDATION`.
"""

from __future__ import annotations

from typing import Any

from a11y import js
from a11y.checks import lang

#: Alt texts that only say 'this is an image' (nl and en), compared lower-case.
PLACEHOLDER_ALTS = [
    "afbeelding",
    "plaatje",
    "foto",
    "figuur",
    "illustratie",
    "icoon",
    "image",
    "img",
    "picture",
    "photo",
    "graphic",
    "icon",
    "spacer",
    "blank",
    "alt",
    "untitled",
    "naamloos",
    "*",
]
#: Alt texts that may do when the context names the organisation: for a person to judge.
REVIEW_ALTS = ["logo", "banner", "header"]
#: File extensions that make an alt text a file name.
IMAGE_EXT = ["jpe?g", "png", "gif", "webp", "svg", "bmp", "tiff?", "avif", "heic"]
#: The page language is judged only on this much text in the page's own language, and
#: only when the detector is this sure (a short page is mostly names and menu words).
MIN_WORDS = 200
MIN_CONFIDENCE = 0.99

_CONTENT_JS = js.load("check_helpers", "check_content")


def language_hit(declared: str, text: str) -> list[str] | None:
    """A hit when long text is clearly in another language than the page declares."""
    primary = lang.primary(declared)
    if not primary or len(text.split()) < MIN_WORDS:
        return None
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return None
    DetectorFactory.seed = 0  # the same verdict every run
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    if best.prob < MIN_CONFIDENCE or lang.same_language(best.lang, primary):
        return None
    return [
        "idesk-page-language",
        "failed",
        "html",
        f'<html lang="{declared[:20]}">',
        f"The page says its language is '{declared[:20]}', but its text reads as '{best.lang}'.",
    ]


def check(driver: Any) -> list[list[str]]:
    """Hits of the content rules on the current page."""
    out = driver.execute_script(_CONTENT_JS, PLACEHOLDER_ALTS, REVIEW_ALTS, IMAGE_EXT)
    hits: list[list[str]] = out["hits"]
    found = language_hit(out["lang"], out["text"])
    if found:
        hits.append(found)
    return hits
