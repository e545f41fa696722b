"""Element fingerprints: the same barrier from the same template gets the same key.

A header logo without alt text shows up on every page; the web team fixes it once,
so the report groups it into one issue. Two nodes group when the rule, the
normalised CSS target and the normalised HTML snippet agree.

axe's selectors are the shortest unique ones *for that page* (``img`` on one page,
``img[src$="logo.png"]`` on another), so the target is reduced to the element type
per frame/shadow step; the HTML snippet carries the identity.
"""

from __future__ import annotations

import hashlib
import re

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
