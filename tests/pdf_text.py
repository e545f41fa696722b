"""Print a page to PDF in real headless Chromium, then count its pages and read its text.

What a resident takes home is paper, so tests of printed pages check the PDF Chromium
prints (CDP ``Page.printToPDF``), not the HTML. Pages are counted and text is read with
pikepdf, a dependency already (the checker's PDF checks): Chromium writes its text as
two-byte glyph codes with a ToUnicode map per font, which is all this reader follows.
Enough to find words on a page; no layout, no reading order beyond the content stream.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path

import pikepdf
from selenium.webdriver.remote.webdriver import WebDriver

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def print_to_pdf(driver: WebDriver, page: Path) -> bytes:
    """``page`` opened in ``driver`` (a Chromium) and printed as the page's CSS asks.

    A4 is passed as well, for pages that do not name a paper size.
    """
    driver.get(page.as_uri())
    result = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {
            "paperWidth": 8.27,  # A4 in inches
            "paperHeight": 11.69,
            "preferCSSPageSize": True,
            "printBackground": True,
        },
    )
    return base64.b64decode(result["data"])


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """Glyph code -> text from a font's ToUnicode CMap (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes()
    out: dict[int, str] = {}

    def text(hex_bytes: bytes) -> str:
        return bytes.fromhex(hex_bytes.decode()).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=False):
            out[int(src, 16)] = text(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for line in block.splitlines():
            codes = _HEX.findall(line)
            if len(codes) < 3:
                continue
            lo, hi = int(codes[0], 16), int(codes[1], 16)
            if b"[" in line:  # <lo> <hi> [<dst> <dst> ...]
                for i, dst in enumerate(codes[2:]):
                    out[lo + i] = text(dst)
            else:  # <lo> <hi> <dst>: consecutive code points
                start = int(codes[2], 16)
                for i in range(hi - lo + 1):
                    out[lo + i] = chr(start + i)
    return out


def _shown(raw: bytes, cmap: dict[int, str]) -> str:
    return "".join(
        cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2)
    )


def _text_of(stream_owner: pikepdf.Object, resources: pikepdf.Object) -> list[str]:
    fonts = resources.get("/Font", {})
    maps = {str(name): _to_unicode(font) for name, font in fonts.items()}
    xobjects = resources.get("/XObject", {})
    out: list[str] = []
    cmap: dict[int, str] = {}
    for operands, op in pikepdf.parse_content_stream(stream_owner):
        name = str(op)
        if name == "Tf":
            cmap = maps.get(str(operands[0]), {})
        elif name == "Tj":
            out.append(_shown(bytes(operands[0]), cmap))
        elif name == "TJ":
            out.append(
                "".join(
                    _shown(bytes(x), cmap) for x in operands[0] if isinstance(x, pikepdf.String)
                )
            )
        elif name == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                out += _text_of(xobject, xobject.get("/Resources", resources))
    return out


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, NFKC-normalised (ligatures such as 'ﬀ' read as 'ff')."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            unicodedata.normalize("NFKC", "".join(_text_of(page.obj, page.Resources)))
            for page in pdf.pages
        ]


def squeezed(text: str) -> str:
    """Text without whitespace: Chromium breaks lines and runs where it likes."""
    return "".join(text.split())
