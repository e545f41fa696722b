"""Page templates: a layout fingerprint per page, and the --sample policy built on it.

A municipal site has thousands of pages but a handful of templates (home, news item,
product page, agenda ...). A barrier in a template shows up on every page made from
it, so checking a few pages per template finds it; WCAG-EM calls these the
structured sample and adds a random sample of the rest. The fingerprint is the DOM
skeleton of the shared regions (header, navigation, footer), the body's classes
(where CMSs name their template) and the kinds of blocks directly inside main: text
varies from page to page, the skeleton does not.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter

from a11y import js, settings

#: Returns the layout skeleton of the loaded page as a string.
FINGERPRINT_JS = js.load("fingerprint")


def fingerprint(skeleton: str) -> str:
    """A short stable key for a page's layout skeleton."""
    return hashlib.sha1(skeleton.encode("utf-8")).hexdigest()[:12]


def _chance(url: str) -> float:
    """A fixed number in [0, 1) per URL, so the random sample is reproducible."""
    return int(hashlib.sha1(url.encode("utf-8")).hexdigest()[:8], 16) / 2**32


class Sampler:
    """Decides per rendered page whether axe runs: WCAG-EM-style structured + random sample.

    The first ``per_template`` pages of each template are checked ("template"); of the
    rest a fixed ``random_share`` is checked ("random"); the others are not checked
    (``None``) but still crawled, so every template is found.
    """

    def __init__(
        self,
        per_template: int = settings.SAMPLE_PER_TEMPLATE,
        random_share: float = settings.SAMPLE_RANDOM_SHARE,
    ) -> None:
        self.per_template = per_template
        self.random_share = random_share
        self.checked: Counter[str] = Counter()
        self._lock = threading.Lock()

    def decide(self, url: str, template: str) -> str | None:
        with self._lock:
            if self.checked[template] < self.per_template:
                self.checked[template] += 1
                return "template"
        if _chance(url) < self.random_share:
            return "random"
        return None
