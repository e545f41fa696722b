"""``helpdesk serve``: the desk app served to browsers, tried as a desk would use it.

The server runs as a real subprocess on a free port with the test's database and
settings; the browser test types a request into the served page in real headless
Chromium and finds it with ``helpdesk list --json`` in another process.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpdesk import serve
from helpdesk.settings import Settings, save_settings

sys.path.insert(0, str(Path(__file__).parent.parent))

ROOT = Path(__file__).resolve().parents[2]
STARTUP = 60  # seconds a loaded 2-core machine may take to start the server or the app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment() -> dict[str, str]:
    """This test's database and settings (set by conftest), and this checkout's code."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "INCLUSIEDESK_PRINT": "save"}


def helpdesk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpdesk", *argv],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=STARTUP,
    )


def wait_for_port(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"helpdesk serve stopped: {process.communicate()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"helpdesk serve did not listen on {port}")


def start_server(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "helpdesk", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    try:
        return process.communicate(timeout=STARTUP)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


@pytest.fixture
def desk_set_up() -> None:
    save_settings(
        Settings(location="bieb-centrum", staff="m01"), Path(os.environ["HELPDESK_CONFIG"])
    )


# ---------------------------------------------------------------- the plan


def test_every_session_runs_the_desk_app_on_the_same_database(tmp_path: Path) -> None:
    plan = serve.plan("127.0.0.1", 8123, tmp_path / "desk.db")
    assert plan.url == "http://127.0.0.1:8123" and not plan.open_to_network
    assert plan.command.split()[1:] == ["-m", "helpdesk", "--db", str(tmp_path / "desk.db")]
    assert "--lang en" in serve.plan("127.0.0.1", 8123, tmp_path / "d.db", "en").command


def test_on_every_address_desks_get_this_machines_network_address(tmp_path: Path) -> None:
    plan = serve.plan("0.0.0.0", 8123, tmp_path / "desk.db")
    assert plan.open_to_network
    assert plan.url.endswith(":8123") and "0.0.0.0" not in plan.url  # desks cannot open that
    proxied = serve.plan("0.0.0.0", 8123, tmp_path / "d.db", public_url="https://balie.bieb.nl/")
    assert proxied.url == "https://balie.bieb.nl"


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ([], "Let op: iedereen op dit netwerk kan de balie openen"),
        (["--lang", "en"], "Warning: everyone on this network can open the desk"),
    ],
)
def test_serving_to_the_network_warns_in_the_chosen_language(
    desk_set_up: None, lang: list[str], warning: str
) -> None:
    port = free_port()
    server = start_server(*lang, "serve", "--host", "0.0.0.0", "--port", str(port))
    try:
        wait_for_port(port, server)
    finally:
        out, err = stop(server)
    assert warning in err
    assert ("geen inlog" in err) if not lang else ("no login" in err)
    assert f":{port}" in out


def test_serving_locally_gives_no_warning(desk_set_up: None) -> None:
    port = free_port()
    server = start_server("serve", "--port", str(port))
    try:
        wait_for_port(port, server)
    finally:
        out, err = stop(server)
    assert "Let op" not in err
    assert f"http://127.0.0.1:{port}" in out


def test_a_bad_port_is_one_line_and_exit_2() -> None:
    done = helpdesk("serve", "--port", "70000")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- in Chromium


@pytest.fixture
def served(desk_set_up: None, needs_browser: None) -> Iterator[str]:
    port = free_port()
    server = start_server("serve", "--port", str(port))
    try:
        wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(server)


def wait_for_terminal(driver) -> None:  # type: ignore[no-untyped-def]
    """Until the desk app has drawn its screen in the page's terminal.

    The terminal draws on a canvas, so there is no text to wait for: an empty terminal
    screenshot is a few kB, the drawn desk form tens of kB.
    """
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        drawn = driver.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea")
        if drawn and len(driver.get_screenshot_as_png()) > 30_000:
            return
        time.sleep(0.2)
    raise AssertionError("the served desk app never appeared in the page")


def press(driver, letter: str) -> None:  # type: ignore[no-untyped-def]
    """ctrl+LETTER in the page's terminal."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).key_down(Keys.CONTROL).send_keys(letter).key_up(Keys.CONTROL).perform()


def saved_requests() -> list[dict[str, object]]:
    done = helpdesk("list", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_request_typed_into_the_served_page_is_saved(served: str) -> None:
    from axe_check import chromium  # real headless Chromium with the product's flags
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with chromium() as driver:
        driver.get(served)
        wait_for_terminal(driver)
        box = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        driver.execute_script("arguments[0].focus()", box)
        press(driver, "n")
        # Whole Dutch label words: they match however the pickers rank their choices.
        for word in ("digid", "digid", "informatie", "opgelost"):
            box.send_keys(word)
            box.send_keys(Keys.ENTER)
            time.sleep(0.3)
        press(driver, "s")
        deadline = time.monotonic() + STARTUP
        while not (found := saved_requests()) and time.monotonic() < deadline:
            time.sleep(0.5)
    [request] = found
    assert request["organisations"] == ["digid"]
    assert request["help_type"] == "information" and request["outcome"] == "solved"
    assert request["location"] == "bieb-centrum"


def test_a_slip_printed_in_the_served_page_opens_in_that_browser(served: str) -> None:
    """The slip goes to the desk's own browser (its printer), not the serving machine's."""
    from axe_check import chromium
    from selenium.webdriver.common.by import By

    when = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    logged = helpdesk(
        "log", "--org", "digid", "--subject", "digid-apply", "--help-type", "information",
        "--outcome", "follow-up", "--follow-up", f"{when} 10:30", "--bring", "Paspoort",
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    with chromium() as driver:
        driver.get(served)
        wait_for_terminal(driver)
        box = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        driver.execute_script("arguments[0].focus()", box)
        press(driver, "f")  # ctrl+f: the follow-ups
        time.sleep(1)
        box.send_keys("p")
        deadline = time.monotonic() + STARTUP
        while len(driver.window_handles) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(driver.window_handles) == 2, "no slip opened in the browser"
        driver.switch_to.window(driver.window_handles[1])
        deadline = time.monotonic() + STARTUP
        while "Paspoort" not in driver.page_source and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Uw vervolgafspraak" in driver.page_source and "Paspoort" in driver.page_source
    [kept] = Path(os.environ["INCLUSIEDESK_PRINT_DIR"]).glob("afspraak-*.html")
    assert "Paspoort" in kept.read_text(encoding="utf-8")
