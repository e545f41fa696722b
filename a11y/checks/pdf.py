"""PDF documents (EN 301 549 chapter 10) checked with pikepdf.

pikepdf (qpdf underneath) reads the document structure without rendering it, so the
checks are about structure only: tags, language, title, text layer, bookmarks and
permissions. Whether the tags, title or language are *right* stays a manual job.
Results are hits ``(rule, outcome, summary)``; rules and their clauses live in
:mod:`a11y.checks.registry`.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import requests

#: Documents larger than this are not downloaded (bytes).
MAX_PDF_BYTES = 20_000_000
#: Pages sampled for the text-layer test, and the length that calls for bookmarks.
SAMPLE_PAGES = 10
BOOKMARK_PAGES = 20

_TEXT_OPS = {"Tj", "TJ", "'", '"'}

Hit = tuple[str, str, str]


def _truthy(value: object) -> bool:
    try:
        return bool(value) and str(value).lower() not in ("false", "0")
    except Exception:  # noqa: BLE001 - odd objects count as not set
        return False


def _has_text(page: pikepdf.Page) -> bool:
    try:
        ops = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return True  # unreadable stream: do not guess 'scan'
    return any(str(op) in _TEXT_OPS for _, op in ops)


def _has_image(page: pikepdf.Page) -> bool:
    try:
        xobjects = page.Resources.get("/XObject") or {}
        return any(x.get("/Subtype") == "/Image" for x in xobjects.values())
    except (AttributeError, pikepdf.PdfError):
        return False


def _protection(pdf: pikepdf.Pdf) -> list[Hit]:
    """Permission bit 10 (extraction for accessibility) read from /P itself, since qpdf
    reports it as always allowed for newer handlers; revision 2 has no such bit, so
    there forbidding extraction blocks assistive technology too."""
    p, revision = pdf.encryption.P, pdf.encryption.R
    if (revision <= 2 and not pdf.allow.extract) or (revision >= 3 and not p & 512):
        return [
            (
                "idesk-pdf-protected",
                "failed",
                "The PDF's permissions forbid extracting its text for accessibility.",
            )
        ]
    if not pdf.allow.extract:
        return [
            (
                "idesk-pdf-protected",
                "needs-review",
                "The PDF forbids copying its text; some assistive technology honours that.",
            )
        ]
    return []


def check_pdf(data: bytes) -> list[Hit]:
    """The problems of one PDF; an unreadable file is one needs-review hit."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return [("idesk-pdf-protected", "failed", "The PDF needs a password to open.")]
    except pikepdf.PdfError as exc:
        return [("idesk-check-error", "needs-review", f"The PDF could not be read: {exc}")]
    hits: list[Hit] = []
    with pdf:
        root = pdf.Root
        if pdf.is_encrypted:
            hits.extend(_protection(pdf))
        mark = root.get("/MarkInfo")
        marked = mark is not None and _truthy(mark.get("/Marked"))
        if "/StructTreeRoot" not in root or not marked:
            hits.append(
                (
                    "idesk-pdf-tagged",
                    "failed",
                    "The PDF is not tagged (no structure tree or MarkInfo/Marked not true).",
                )
            )
        if not str(root.get("/Lang") or "").strip():
            hits.append(
                ("idesk-pdf-language", "failed", "The PDF does not state its language (/Lang).")
            )
        title = str(pdf.docinfo.get("/Title") or "").strip() if pdf.trailer.get("/Info") else ""
        if not title:
            try:
                with pdf.open_metadata() as meta:
                    title = str(meta.get("dc:title") or "").strip()
            except Exception:  # noqa: BLE001 - broken XMP: no title from it
                title = ""
        prefs = root.get("/ViewerPreferences")
        shows = prefs is not None and _truthy(prefs.get("/DisplayDocTitle"))
        if not title:
            hits.append(("idesk-pdf-title", "failed", "The PDF has no title in its metadata."))
        elif not shows:
            hits.append(
                (
                    "idesk-pdf-title",
                    "failed",
                    "The PDF's title is not shown in the title bar (DisplayDocTitle not set).",
                )
            )
        sample = list(pdf.pages)[:SAMPLE_PAGES]
        if sample and all(_has_image(p) and not _has_text(p) for p in sample):
            hits.append(
                (
                    "idesk-pdf-scanned",
                    "needs-review",
                    "The sampled pages hold images and no text: probably a scan without a text layer.",
                )
            )
        if len(pdf.pages) > BOOKMARK_PAGES:
            outlines = root.get("/Outlines")
            if outlines is None or outlines.get("/First") is None:
                hits.append(
                    (
                        "idesk-pdf-bookmarks",
                        "needs-review",
                        f"The PDF has {len(pdf.pages)} pages and no bookmarks.",
                    )
                )
    return hits


def fetch_and_check(
    url: str,
    session: requests.Session,
    allowed: Callable[[str], bool],
    timeout: float,
    max_bytes: int = MAX_PDF_BYTES,
) -> list[Hit]:
    """Download one in-scope PDF (no redirects out of scope, at most ``max_bytes``) and check it."""
    if not allowed(url):
        return []
    with session.get(url, timeout=timeout, stream=True, allow_redirects=False) as response:
        if response.status_code != 200:
            return []
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            return [
                (
                    "idesk-check-error",
                    "needs-review",
                    f"The PDF is larger than {max_bytes // 1_000_000} MB and was not checked.",
                )
            ]
        data = bytearray()
        for chunk in response.iter_content(65536):
            data.extend(chunk)
            if len(data) > max_bytes:
                return [
                    (
                        "idesk-check-error",
                        "needs-review",
                        f"The PDF is larger than {max_bytes // 1_000_000} MB and was not checked.",
                    )
                ]
    return check_pdf(bytes(data))


#: PDFs downloaded per scan at most; further ones are listed only.
MAX_PDFS = 50


def is_pdf(content_type: str | None, url: str) -> bool:
    return (content_type or "").lower() == "application/pdf" or url.lower().split("?")[0].endswith(
        ".pdf"
    )


def problems(checks_json: str | None) -> list[dict[str, object]]:
    """Stored hits of one document in the report's shape, with their WCAG and EN numbers."""
    import json

    from a11y.checks import registry

    out = []
    for rule_id, outcome, summary in json.loads(checks_json or "[]"):
        rule = registry.RULES.get(rule_id)
        out.append(
            {
                "rule": rule_id,
                "outcome": outcome,
                "wcag": list(rule.wcag) if rule else [],
                "en301549": list(rule.en301549) if rule else [],
                "help": rule.help_en if rule else "",
                "summary": summary,
            }
        )
    return out
