"""Run real axe-core in real headless Chromium from tests.

Reports, handouts and the demo site all promise "passes axe-core"; this helper lets
any test keep that promise honest with one call. It starts a fresh browser per call
(with a throw-away profile) so a hostile page cannot leak state into the next test.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    UnexpectedAlertPresentException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium_axe_python import Axe

from a11y import settings

CHROMIUM = settings.chromium_path()
CHROMEDRIVER = settings.chromedriver_path()
WCAG_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@contextmanager
def chromium() -> Iterator[WebDriver]:
    """A headless Chromium with a fresh profile, always quit and cleaned up."""
    profile = tempfile.mkdtemp(prefix="a11y-test-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in settings.CHROMIUM_ARGS:  # the product's own flags for a closed network
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    # Leave alerts open so tests can see that a page tried to open one.
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)
        yield driver
    finally:
        if driver is not None:
            with suppress(WebDriverException):
                driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def to_url(url_or_path: str | Path) -> str:
    """Accept a URL or a local file path, so reports written to tmp_path open directly."""
    text = str(url_or_path)
    if text.startswith(("http://", "https://", "file://")):
        return text
    return Path(text).resolve().as_uri()


def _inject_everywhere(driver: WebDriver, script: str, depth: int = 0) -> None:
    """axe needs its script inside every frame it should test; inject recursively."""
    driver.execute_script(script)
    if depth > 3:
        return
    frames = driver.find_elements(By.CSS_SELECTOR, "iframe, frame")
    for index in range(len(frames)):
        try:
            driver.switch_to.frame(index)
        except WebDriverException:
            continue
        try:
            _inject_everywhere(driver, script, depth + 1)
        except WebDriverException:
            pass  # a cross-origin or broken frame: axe reports it as needs-review
        finally:
            driver.switch_to.parent_frame()


def run_axe(driver: WebDriver, tags: Sequence[str] = WCAG_AA_TAGS) -> dict[str, Any]:
    """Run axe on the current page (and its frames) and return axe's full result."""
    axe = Axe(driver)
    with open(axe.script_url, encoding="utf-8") as fh:
        script = fh.read()
    driver.switch_to.default_content()
    _inject_everywhere(driver, script)
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "iframes": True}
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done, e => done({error: String(e)}));",
        options,
    )


def axe_violations(
    url_or_path: str | Path, tags: Sequence[str] = WCAG_AA_TAGS
) -> list[dict[str, Any]]:
    """Open a URL or file in headless Chromium and return axe's violations."""
    with chromium() as driver:
        driver.get(to_url(url_or_path))
        result = run_axe(driver, tags)
    if "error" in result:
        raise RuntimeError(f"axe failed: {result['error']}")
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable assertion message: rule, impact and the first failing targets."""
    lines = []
    for v in violations:
        targets = [n["target"] for n in v.get("nodes", [])][:3]
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} at {targets}")
    return "\n".join(lines)


@dataclass
class ScriptEvidence:
    """What a page did that a safely escaped page never does."""

    alerts: list[str] = field(default_factory=list)
    markers: dict[str, Any] = field(default_factory=dict)

    @property
    def script_ran(self) -> bool:
        return bool(self.alerts) or any(v is not None for v in self.markers.values())


def _dismiss_alerts(driver: WebDriver, evidence: ScriptEvidence, limit: int = 20) -> None:
    """Close every open dialog (payloads often open several), remembering their text."""
    for _ in range(limit):
        try:
            alert = driver.switch_to.alert
            evidence.alerts.append(alert.text or "")
            alert.dismiss()
        except NoAlertPresentException:
            return


def script_evidence(driver: WebDriver, markers: Sequence[str] = ("__pwned",)) -> ScriptEvidence:
    """Check for open alerts and for window globals that injected payloads set."""
    evidence = ScriptEvidence()
    _dismiss_alerts(driver, evidence)
    for name in markers:
        for _ in range(20):
            try:
                evidence.markers[name] = driver.execute_script(
                    "const v = window[arguments[0]]; return v === undefined ? null : String(v);",
                    name,
                )
                break
            except UnexpectedAlertPresentException:
                _dismiss_alerts(driver, evidence)
    return evidence
