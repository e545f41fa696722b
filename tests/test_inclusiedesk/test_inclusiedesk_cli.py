"""The shared CLI shell (inclusiedesk.cli): one line on stderr and an exit code."""

from __future__ import annotations

import io

import pytest

from inclusiedesk import cli


class DomainError(Exception):
    """A product's own error, such as a settings or store error."""


def _raise(exc: BaseException) -> int:
    raise exc


def test_a_cli_error_is_one_line_with_its_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.run(lambda: _raise(cli.CliError("--rows must be at least 1")), prog="tool")
    assert (code, capsys.readouterr().err) == (2, "tool: --rows must be at least 1\n")
    code = cli.run(lambda: _raise(cli.CliError("busy", exit_code=3)), prog="tool")
    assert (code, capsys.readouterr().err) == (3, "tool: busy\n")


def test_listed_domain_errors_exit_2_in_the_products_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = cli.run(
        lambda: _raise(DomainError("no such scan")),
        prog="tool",
        errors=(DomainError,),
        text=lambda exc: f"error: {exc}",
    )
    assert (code, capsys.readouterr().err) == (2, "tool: error: no such scan\n")
    with pytest.raises(ValueError):  # not listed: a bug, not refused input
        cli.run(lambda: _raise(ValueError("bug")), prog="tool", errors=(DomainError,))


def test_the_body_exit_code_is_returned(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(lambda: 1, prog="tool") == 1
    assert capsys.readouterr().err == ""


def test_a_broken_pipe_ends_quietly_unless_the_product_lists_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    assert cli.run(lambda: _raise(BrokenPipeError()), prog="tool") == cli.EXIT_OK
    assert stderr.getvalue() == ""  # nothing said: the reader left on purpose
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    code = cli.run(lambda: _raise(BrokenPipeError(32, "Broken pipe")), prog="t", errors=(OSError,))
    assert (code, stderr.getvalue()) == (2, "t: [Errno 32] Broken pipe\n")


def test_ctrl_c_is_reported_once_by_the_outermost_run(capsys: pytest.CaptureFixture[str]) -> None:
    def inner() -> int:
        return cli.run(lambda: _raise(KeyboardInterrupt()), prog="tool group", interrupt=False)

    assert cli.run(inner, prog="tool") == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "tool: interrupted\n"


def test_each_product_has_one_cli_error_class_on_the_shared_base() -> None:
    from a11y.cli import A11yCliError
    from helpdesk.cli import HelpdeskCliError

    assert issubclass(A11yCliError, cli.CliError)
    assert issubclass(HelpdeskCliError, cli.CliError)
