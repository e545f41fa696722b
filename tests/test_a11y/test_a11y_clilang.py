"""Issue 17, the rest of the command's lines: config file, accepted findings, baseline,
progress without a terminal, a scan that cannot start and Ctrl-C speak the run's --lang
(Dutch by default), so a Dutch run shows no English sentence we wrote."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from a11y import cli as a11y_cli
from a11y.cli import main
from a11y.crawl.engine import CrawlConfig, StartError, scan
from a11y.i18n import CATALOG, set_cli_lang
from a11y.progress import Progress, ProgressPrinter

URL = "http://127.0.0.1:9/"  # never reached: every run here stops before the crawl


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _err(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    return capsys.readouterr().err


def test_unknown_config_key_in_dutch_and_english(folder: Path, capsys) -> None:
    (folder / "a11y.toml").write_text("max_pages = 3\n", encoding="utf-8")
    assert _err(capsys, "scan", URL) == (
        "a11y: a11y.toml: onbekende sleutel 'max_pages' (bedoel je 'max-pages'?)\n"
    )
    assert _err(capsys, "scan", URL, "--lang", "en") == (
        "a11y: a11y.toml: unknown key 'max_pages' (did you mean 'max-pages'?)\n"
    )


def test_bad_baseline_in_dutch_and_english(folder: Path, capsys) -> None:
    (folder / "b.json").write_text('{"issues": []}', encoding="utf-8")
    assert _err(capsys, "scan", URL, "--baseline", "b.json") == (
        "a11y: --baseline: b.json is geen a11y-baseline (maak er een met: a11y baseline)\n"
    )
    assert _err(capsys, "scan", URL, "--baseline", "b.json", "--lang", "en") == (
        "a11y: --baseline: b.json is no a11y baseline (write one: a11y baseline)\n"
    )
    assert _err(capsys, "scan", URL, "--fail-on-new", "serious") == (
        "a11y: --fail-on-new: geef ook --baseline SCANNUMMER|BESTAND\n"
    )


def _status_line(lang: str | None) -> str:
    """The line a CI log gets without a terminal: ``tick`` writes it at once (every=0
    starts no ticker thread), the clock is the test's, so no real time is involved."""
    stream = io.StringIO()
    printer = ProgressPrinter(stream=stream, every=0, limit=20, clock=lambda: 100.0, lang=lang)
    assert not printer.live
    printer(Progress(discovered=12, checked=3, failed=1, elapsed=4.0))
    printer.tick()
    return stream.getvalue()


def test_progress_line_without_a_terminal_in_dutch_and_english() -> None:
    assert _status_line("nl") == (
        "a11y: 3 pagina's gecontroleerd, 1 mislukt · wachtrij 8 · 1,00 pagina's/s"
        " · nog ongeveer 8 s\n"
    )
    assert _status_line("en") == (
        "a11y: 3 pages checked, 1 failed · queue 8 · 1.00 pages/s · about 8 s left\n"
    )
    set_cli_lang("en")  # without its own language the printer follows the command's --lang
    assert _status_line(None) == _status_line("en")
    one = Progress(discovered=1, checked=1, elapsed=1.0)
    assert one.status(lang="nl").startswith("1 pagina gecontroleerd, 0 mislukt")


def test_a_scan_that_cannot_start_says_why_in_the_runs_language() -> None:
    with pytest.raises(StartError, match="^geef minstens één start-URL of --sitemap$"):
        scan(CrawlConfig())
    set_cli_lang("en")
    with pytest.raises(StartError, match="^give at least one start URL or --sitemap$"):
        scan(CrawlConfig())


def test_ctrl_c_is_said_in_the_runs_language(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(a11y_cli.COMMANDS, "scans", interrupted)
    assert main(["scans"]) == 130
    assert capsys.readouterr().err == "a11y: onderbroken\n"
    assert main(["scans", "--lang", "en"]) == 130
    assert capsys.readouterr().err == "a11y: interrupted\n"


#: Config files the command refuses, one per message of the config and accepted blocks.
BAD_FILES = [
    "max_pages = 3\n",
    "maxpages = 3\n",
    "[sites.www]\nurls = []\nstart = 1\n",
    "sites = 3\n",
    "max-pages = \n",
    "max-pages = [1, 2]\n",
    'no-robots = "ja"\n',
    "urls = [1]\n",
    "accepted = 3\n",
    "accepted = [3]\n",
    '[[accepted]]\nrule = "x"\nreason = "r"\nwhy = 1\n',
    '[[accepted]]\nrule = ""\nreason = "r"\n',
    '[[accepted]]\nrule = "x"\n',
    '[[accepted]]\nreason = "r"\n',
    '[[accepted]]\nrule = "x"\nreason = "r"\nuntil = "morgen"\n',
    '[[accepted]]\nurl = "[a-"\nreason = "r"\n',
]


def _english_fragments() -> set[str]:
    """The words of our English config, accepted, baseline and pipeline messages between
    their placeholders: none of them may show up in a Dutch run."""
    fragments = set()
    for key, message in CATALOG.messages.items():
        if key.split(".")[0] in ("config", "accepted", "baseline", "pipeline", "os"):
            texts = message["en"].values() if isinstance(message["en"], dict) else [message["en"]]
            for text in texts:
                for part in re.split(r"\{[^}]*\}", text):
                    part = part.strip(" :()'\"")
                    if len(part) >= 8 and part not in str(message["nl"]):
                        fragments.add(part)
    return fragments


def test_a_dutch_run_of_a_failing_config_has_no_english_sentence(folder: Path, capsys) -> None:
    english = _english_fragments()
    assert "unknown key" in english and "did you mean" in english  # the check can see them
    said = []
    for text in BAD_FILES:
        (folder / "a11y.toml").write_text(text, encoding="utf-8")
        err = _err(capsys, "scan", URL)
        assert err.startswith("a11y: a11y.toml: ") and err.count("\n") == 1, err
        said.append(err)
    (folder / "a11y.toml").unlink()
    (folder / "b.json").write_text("{", encoding="utf-8")
    said.append(_err(capsys, "scan", URL, "--baseline", "b.json"))
    said.append(_err(capsys, "scan", URL, "--config", "geen.toml"))
    said.append(_err(capsys, "scan", URL, "--site", "www"))
    for err in said:
        leaked = [fragment for fragment in english if fragment in err]
        assert not leaked, (err, leaked)
