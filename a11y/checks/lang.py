"""Language of parts (3.1.2): long passages in another language than the one declared.

Uses langdetect (a port of Google's language-detection, offline, pure Python). Only
long passages with a confident verdict are reported, and only as needs review:
names, quotes and borrowed words are for a person to judge. Without langdetect
installed the check does nothing.
"""

from __future__ import annotations

from typing import Any

from a11y import js

#: Passages shorter than this (characters / words) are not judged, and how sure the
#: detector must be; at most MAX_PASSAGES per page are judged (longest first).
MIN_CHARS, MIN_WORDS = 120, 20
MIN_CONFIDENCE = 0.98
MAX_PASSAGES = 12
#: Languages the detector mixes up; a verdict inside one group is not a difference.
_SAME = [{"nl", "af"}, {"no", "da", "sv"}, {"hr", "sr", "bs", "sl"}, {"id", "ms"}]

_PASSAGES_JS = js.load("check_helpers", "check_lang_passages")


def primary(tag: str) -> str:
    return (tag or "").strip().lower().split("-")[0]


def same_language(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME)


def check(driver: Any) -> list[list[str]]:
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return []
    DetectorFactory.seed = 0  # the same verdict every run
    hits = []
    for target, html, text, declared in driver.execute_script(
        _PASSAGES_JS, MIN_CHARS, MAX_PASSAGES
    ):
        lang = primary(declared)
        if not lang or len(text.split()) < MIN_WORDS:
            continue
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            continue
        if best.prob >= MIN_CONFIDENCE and not same_language(best.lang, lang):
            hits.append(
                [
                    "idesk-language-of-parts",
                    "needs-review",
                    target,
                    html,
                    f"This passage reads as '{best.lang}' but the page says '{declared}'; "
                    f'mark it with lang="{best.lang}".',
                ]
            )
    return hits
