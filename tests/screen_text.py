"""The text of the screen as a user sees it, read from Textual's own SVG screenshot.

Pilot tests that promise "visible at 80x24" read the rendered screen, not widget state:
a widget can hold a count that is clipped, scrolled away or covered. Rich's SVG export
puts every run of text in a ``<text>`` element clipped to its line, at x = column times
the cell width (spaces are left out, so runs are placed by column).
"""

from __future__ import annotations

import html
import re

from textual.app import App

_RUN = re.compile(
    r'<text [^>]*?x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)">(?P<text>[^<]*)</text>'
)


_CELL = 12.2  # width of one terminal cell in Rich's SVG export


def screen_lines(app: App) -> list[str]:
    """Every line of the current screen, as plain text (no styles)."""
    svg = app.export_screenshot()
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    for m in _RUN.finditer(svg):
        text = html.unescape(m["text"]).replace("\xa0", " ")
        row, col = int(m["line"]), round(float(m["x"]) / _CELL)
        for i, ch in enumerate(text):
            if row < height and col + i < width:
                grid[row][col + i] = ch
    return ["".join(line).rstrip() for line in grid]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))
