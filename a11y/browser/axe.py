"""Running axe-core in a page (and its same-origin frames) and normalising the results.

Results keep axe's vocabulary (rule, impact, target, html) and gain the Bdto terms:
WCAG success criterion numbers and EN 301 549 clauses from :mod:`a11y.criteria`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver
from selenium_axe_python import Axe

from a11y import criteria, js, settings
from a11y.browser.axe_locale import configure_js

#: axe tags per conformance level; AA includes A.
LEVEL_TAGS = {
    "A": ("wcag2a", "wcag21a"),
    "AA": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
}
#: Separator between frame / shadow-root steps of a nested axe target.
TARGET_JOIN = " >>> "


@dataclass(frozen=True)
class Node:
    """One failing (or needs-review) element."""

    target: str
    html: str
    failure_summary: str


@dataclass(frozen=True)
class Finding:
    """One axe rule result on one page, in Bdto terms."""

    rule: str
    impact: str | None
    wcag: tuple[str, ...]
    en301549: tuple[str, ...]
    help: str
    help_url: str
    tags: tuple[str, ...]
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class AxeRun:
    """Everything one axe run yields: normalised findings plus the raw JSON."""

    violations: tuple[Finding, ...]
    incomplete: tuple[Finding, ...]
    raw: dict[str, Any]
    #: What the site-level checks need of this page (a11y.checks.site); None when our own
    #: checks did not run. Stored in its own column, never inside axe's raw JSON.
    facts: dict[str, Any] | None = None


@dataclass(frozen=True)
class AxeInfo:
    """Per-build facts: the version, and which success criteria the selected rules cover."""

    version: str
    covered: tuple[str, ...]


@lru_cache(maxsize=4)
def _script(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def script_source(path: str | None = None, lang: str = "en") -> str:
    """The text of the axe build (cached: every session of a scan uses the same one),
    followed by axe.configure with axe-core's own locale for ``lang`` when one is installed
    (see :mod:`a11y.browser.axe_locale`), so its help texts and failure summaries are in
    the scan's language."""
    path = path or settings.axe_script_path()
    return _script(path) + configure_js(path, lang)


class FrameAxe(Axe):
    """selenium-axe-python's Axe, injecting into same-origin frames too.

    axe only reports on a frame when axe itself runs inside it; the upstream
    ``inject`` loads the top document only, so frames would be silently skipped.
    """

    #: The language of axe's texts (its locale is configured right after the build).
    lang = "en"

    def inject(self) -> None:
        self._inject_here(depth=0)

    def _inject_here(self, depth: int) -> None:
        driver = self.selenium
        origin, frames = driver.execute_script(
            script_source(self.script_url, self.lang) + ";\n" + js.load("axe_frames")
        )
        if depth >= 5:
            return
        for frame in frames:
            try:
                driver.switch_to.frame(frame)
                try:
                    if driver.execute_script(js.load("frame_origin")) == origin:
                        self._inject_here(depth + 1)
                finally:
                    driver.switch_to.parent_frame()
            except WebDriverException as exc:
                if _is_fatal(exc):
                    raise
                continue  # frame went away or is not scriptable: axe reports it as untested


def _is_fatal(exc: WebDriverException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("invalid session", "disconnected", "not reachable", "crash"))


def axe_info(driver: WebDriver, level: str) -> AxeInfo:
    """Version and covered criteria; axe must already be injected in the page."""
    version, tag_lists = driver.execute_script(
        js.load("axe_info"),
        list(LEVEL_TAGS[level]),
    )
    covered: set[str] = set()
    for tags in tag_lists:
        covered.update(criteria.wcag_numbers_from_tags(tags))
    ordered = tuple(c.number for c in criteria.criteria() if c.number in covered)
    return AxeInfo(version=str(version), covered=ordered)


#: Runs axe and hands back its results as one JSON string (faster than the driver's own
#: conversion); with ``arguments[1]`` it first answers ``{"missing": true}`` when axe is
#: absent from the page or one of its same-origin frames.
_RUN_JS = js.load("axe_run")


def _injector(driver: WebDriver, script_path: str | None, lang: str) -> FrameAxe:
    injector = FrameAxe(driver, script_path or settings.axe_script_path())
    injector.lang = lang
    return injector


def run_axe(
    driver: WebDriver,
    level: str,
    script_path: str | None = None,
    preloaded: bool = False,
    lang: str = "en",
) -> AxeRun:
    """Run axe in the loaded page and its same-origin frames, normalise the results.

    With ``preloaded`` (axe added to every new document through CDP, see
    :mod:`a11y.browser.cdp`) the script is only injected where it is missing; otherwise it
    is injected into the page and its same-origin frames first.
    """
    if not preloaded:
        _injector(driver, script_path, lang).inject()
    options = {
        "runOnly": {"type": "tag", "values": list(LEVEL_TAGS[level])},
        "resultTypes": ["violations", "incomplete"],
        "iframes": True,
        "frameWaitTime": settings.FRAME_WAIT_MS,
        # Media files are blocked (settings.BLOCKED_URL_PATTERNS), so axe's media preload
        # would wait its full 10 s for metadata that never comes, on every page with a
        # <video> or <audio>. Only autoplaying media need it (no-autoplay-audio), and
        # axe reports those as needs review without it.
        "preload": {"assets": ["cssom"]},
    }
    raw = json.loads(driver.execute_async_script(_RUN_JS, options, preloaded))
    if raw.get("missing"):
        _injector(driver, script_path, lang).inject()
        raw = json.loads(driver.execute_async_script(_RUN_JS, options, False))
    if "error" in raw and "violations" not in raw:
        raise WebDriverException(f"axe.run failed: {raw['error']}")
    return AxeRun(
        violations=tuple(finding(r) for r in raw.get("violations", [])),
        incomplete=tuple(finding(r) for r in raw.get("incomplete", [])),
        raw=raw,
    )


def join_target(target: Any) -> str:
    """axe target (list per frame, nested list per shadow root) as one string."""
    if isinstance(target, str):
        return target
    return TARGET_JOIN.join(join_target(step) for step in target or [])


def finding(result: dict[str, Any]) -> Finding:
    tags = tuple(result.get("tags") or ())
    return Finding(
        rule=result.get("id", ""),
        impact=result.get("impact"),
        wcag=tuple(criteria.wcag_numbers_from_tags(tags)),
        en301549=tuple(criteria.en301549_from_tags(tags)),
        help=result.get("help", ""),
        help_url=result.get("helpUrl", ""),
        tags=tags,
        nodes=tuple(
            Node(
                target=join_target(n.get("target")),
                html=n.get("html", ""),
                failure_summary=n.get("failureSummary") or "",
            )
            for n in result.get("nodes", [])
        ),
    )
