"""PDF checks (a11y.checks.pdf) on real PDF files built with pikepdf and served locally."""

from __future__ import annotations

import io

import pikepdf
import pytest
import requests
from sites import Response, Site

from a11y.checks.pdf import check_pdf, fetch_and_check

ENC = pikepdf.Encryption
NO_COPY = pikepdf.Permissions(extract=False)
TEXT = b"BT /F1 12 Tf 72 720 Td (Afvalkalender 2026) Tj ET"


def build(
    *,
    tagged: bool = True,
    lang: str | None = "nl-NL",
    title: str | None = "Afvalkalender",
    show_title: bool = True,
    pages: int = 1,
    scanned: bool = False,
    outline: bool = False,
    encryption: pikepdf.Encryption | None = None,
) -> bytes:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    image = pdf.make_stream(
        b"\xff" * 300,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=10,
        Height=10,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
    )
    for _ in range(pages):
        if scanned:
            content, resources = (
                b"q 500 0 0 700 50 50 cm /Im0 Do Q",
                pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            )
        else:
            content, resources = TEXT, pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Contents=pdf.make_stream(content),
            Resources=resources,
        )
        pdf.pages.append(pikepdf.Page(page))
    if tagged:
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot)
        )
    if lang:
        pdf.Root.Lang = lang
    if title:
        pdf.docinfo["/Title"] = title
    if show_title:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    if outline:
        with pdf.open_outline() as o:
            o.root.append(pikepdf.OutlineItem("Inleiding", 0))
    out = io.BytesIO()
    pdf.save(out, encryption=encryption or False)
    return out.getvalue()


def rules(data: bytes) -> dict[str, str]:
    return {rule: outcome for rule, outcome, _ in check_pdf(data)}


def test_accessible_pdf_passes() -> None:
    assert check_pdf(build()) == []
    assert check_pdf(build(pages=25, outline=True)) == []


@pytest.mark.parametrize(
    ("options", "rule", "outcome"),
    [
        ({"tagged": False}, "idesk-pdf-tagged", "failed"),
        ({"lang": None}, "idesk-pdf-language", "failed"),
        ({"title": None}, "idesk-pdf-title", "failed"),
        ({"show_title": False}, "idesk-pdf-title", "failed"),
        ({"scanned": True}, "idesk-pdf-scanned", "needs-review"),
        ({"pages": 25}, "idesk-pdf-bookmarks", "needs-review"),
        (  # revision 2 has no separate accessibility permission: no extraction at all
            {"encryption": ENC(owner="o", user="", R=2, aes=False, metadata=False, allow=NO_COPY)},
            "idesk-pdf-protected",
            "failed",
        ),
        (
            {"encryption": ENC(owner="o", user="", R=4, allow=NO_COPY)},
            "idesk-pdf-protected",
            "needs-review",
        ),
        ({"encryption": ENC(owner="o", user="open", R=4)}, "idesk-pdf-protected", "failed"),
    ],
)
def test_each_problem_is_found_alone(options: dict, rule: str, outcome: str) -> None:
    found = rules(build(**options))
    assert found.get(rule) == outcome
    if "encryption" not in options or "user" not in repr(options):
        assert set(found) <= {rule}, found


def test_a_damaged_file_is_a_note_not_a_crash() -> None:
    assert rules(b"%PDF-1.7\nthis is no pdf") == {"idesk-check-error": "needs-review"}


def test_download_respects_scope_and_size() -> None:
    site = Site(
        routes={
            "/jaarverslag.pdf": Response(body=build(tagged=False), content_type="application/pdf")
        }
    ).start()
    try:
        url = f"{site.url}/jaarverslag.pdf"
        session = requests.Session()
        assert (
            dict((r, o) for r, o, _ in fetch_and_check(url, session, lambda u: True, 10))[
                "idesk-pdf-tagged"
            ]
            == "failed"
        )
        assert fetch_and_check(url, session, lambda u: False, 10) == []
        too_big = fetch_and_check(url, session, lambda u: True, 10, max_bytes=100)
        assert [r for r, _, _ in too_big] == ["idesk-check-error"]
        assert [m for m, _ in site.log].count("GET") == 2  # the refused URL was never requested
    finally:
        site.stop()
