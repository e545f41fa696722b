"""A deterministic municipal website of N pages, for the benchmark and the speed tests.

Pages come from a handful of templates, as on a real municipal CMS: every page shares a
header (logo without alt text) and a footer (statement link, an icon link without a
name); each template adds its own barrier (news photos without alt, a low-contrast tip
box on product pages, an unlabelled search field on the agenda); a seeded random
choice adds page-content barriers. The site has a sitemap, a robots.txt that
advertises it, a few PDFs, a web font and a video (things a fast scan may skip
downloading), a same-origin iframe and content that a script adds after load.

``generate(n)`` gives the routes for :class:`sites.Site`; the same ``n`` and ``seed``
always give the same site, so the benchmark's numbers compare across runs and tools.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sites import Response, Site

#: Templates and their share of the pages (home and the indexes come on top).
TEMPLATES = ("nieuws", "product", "agenda", "wijk", "kaart")
_WEIGHTS = (0.35, 0.3, 0.15, 0.15, 0.05)

CSS = """
body{font-family:'Gemeente Sans',sans-serif;margin:0;color:#222}
header,footer{background:#00496e;color:#fff;padding:1rem}
header a,footer a{color:#fff}
nav ul{display:flex;gap:1rem;list-style:none}
.tip{color:#999;background:#fff;padding:.5rem;border:1px solid #ddd}
main{padding:1rem;max-width:60rem}
@font-face{font-family:'Gemeente Sans';src:url(/static/gemeente.woff2) format('woff2')}
"""

ADDS_LATER = """<script>
window.addEventListener('load', () => setTimeout(() => {
  const p = document.createElement('p');
  p.innerHTML = '<a href="/nieuws"><img src="/static/banner.png"></a>';
  document.querySelector('main').append(p);
}, 50));
</script>"""


@dataclass(frozen=True)
class GeneratedSite:
    """The routes plus what the tests and the benchmark need to know about them."""

    routes: dict
    pages: tuple[str, ...]  # HTML page paths, home first
    templates: dict[str, str]  # path -> template name
    documents: tuple[str, ...]


def _shell(title: str, body: str, template: str, extra_head: str = "") -> str:
    nav = "".join(f'<li><a href="/{t}">{t.capitalize()}</a></li>' for t in TEMPLATES)
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{title} | Gemeente'
        f' Voorbeeld</title><link rel="stylesheet" href="/static/site.css">{extra_head}</head>'
        f'<body class="tpl-{template}"><header><a href="/"><img src="/static/logo.png"'
        ' width="120" height="40"></a><nav aria-label="Hoofdmenu"><ul>'
        f"{nav}</ul></nav></header><main>{body}</main>"
        '<footer><ul><li><a href="/toegankelijkheid">Toegankelijkheidsverklaring</a></li>'
        '<li><a href="/contact">Contact</a></li><li><a href="/rss"><svg width="16"'
        ' height="16"><circle cx="8" cy="8" r="6"/></svg></a></li></ul>'
        "<p>Gemeente Voorbeeld, Postbus 1</p></footer></body></html>"
    )


def _page_body(template: str, i: int, rng: random.Random, links: list[str]) -> str:
    title = f"{template.capitalize()} {i}"
    parts = [f"<h1>{title}</h1>"]
    text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 120)))
    if template == "nieuws":
        parts.append(f'<img src="/static/foto-{i % 7}.jpg" width="300" height="200">')
        parts.append(f"<p>{text}</p>")
    elif template == "product":
        parts.append(f"<p>{text}</p>")
        parts.append('<div class="tip">Tip: maak online een afspraak.</div>')
        parts.append(
            '<form action="/zoeken"><label for="q">Zoeken</label><input id="q" name="q">'
            "<button>Zoek</button></form>"
        )
    elif template == "agenda":
        parts.append(f"<p>{text}</p>")
        parts.append('<form action="/zoeken"><input name="datum" type="date"></form>')
        parts.append('<video src="/static/uitleg.mp4" controls width="320"></video>')
    elif template == "wijk":
        parts.append(f"<h3>Over de wijk</h3><p>{text}</p>")  # skipped heading level
    else:  # kaart
        parts.append(f'<iframe src="/kaart-frame/{i}" title="Kaart"></iframe><p>{text}</p>')
    if rng.random() < 0.2:  # page-content barrier: an empty link in the text
        parts.append('<p><a href="/nieuws"></a></p>')
    if rng.random() < 0.1:
        parts.append('<p style="color:#aaa">Lichtgrijze kleine lettertjes.</p>')
    if rng.random() < 0.05:
        parts.append(ADDS_LATER)
    if rng.random() < 0.05:
        parts.append(f'<p><a href="/documenten/besluit-{i}.pdf">Besluit {i} (PDF)</a></p>')
    parts.append("<ul>" + "".join(f'<li><a href="{h}">{h}</a></li>' for h in links) + "</ul>")
    return "".join(parts)


_WORDS = tuple(
    [
        "gemeente",
        "inwoners",
        "afval",
        "paspoort",
        "vergunning",
        "wijk",
        "bestemmingsplan",
        "subsidie",
        "parkeren",
        "burgerzaken",
        "melding",
        "openbare",
        "ruimte",
        "raad",
        "college",
        "wethouder",
        "afspraak",
        "loket",
        "zorg",
        "jeugd",
        "onderwijs",
        "sport",
        "cultuur",
        "verkeer",
        "belasting",
    ]
)


def generate(n: int = 200, seed: int = 7) -> GeneratedSite:
    """Routes for a site of ``n`` HTML pages (at least 8), always the same for a seed."""
    n = max(8, n)
    rng = random.Random(seed)
    fixed = ["/", "/toegankelijkheid", "/contact", *(f"/{t}" for t in TEMPLATES)]
    count = n - len(fixed)
    per_template = {t: max(1, round(count * w)) for t, w in zip(TEMPLATES, _WEIGHTS, strict=True)}
    per_template["nieuws"] += count - sum(per_template.values())
    detail: dict[str, list[str]] = {
        t: [f"/{t}/{i}" for i in range(1, k + 1)] for t, k in per_template.items()
    }
    routes: dict = {}
    templates: dict[str, str] = {}
    documents: list[str] = []

    def html(body: str) -> Response:
        return Response(body=body)

    routes["/"] = html(
        _shell(
            "Home",
            "<h1>Welkom bij Gemeente Voorbeeld</h1>"
            + "".join(f'<p><a href="/{t}">Alles over {t}</a></p>' for t in TEMPLATES),
            "home",
        )
    )
    templates["/"] = "home"
    routes["/toegankelijkheid"] = html(
        _shell("Toegankelijkheid", "<h1>Toegankelijkheidsverklaring</h1><p>Status: B</p>", "info")
    )
    routes["/contact"] = html(_shell("Contact", "<h1>Contact</h1><p>Bel 14 020.</p>", "info"))
    templates["/toegankelijkheid"] = templates["/contact"] = "info"
    for t, paths in detail.items():
        items = "".join(f'<li><a href="{p}">{t} {p.rsplit("/", 1)[1]}</a></li>' for p in paths)
        routes[f"/{t}"] = html(_shell(t.capitalize(), f"<h1>{t}</h1><ul>{items}</ul>", "index"))
        templates[f"/{t}"] = "index"
        for i, path in enumerate(paths, start=1):
            links = [paths[(i + k) % len(paths)] for k in (1, 2, 3)]
            routes[path] = html(_shell(f"{t} {i}", _page_body(t, i, rng, links), t))
            templates[path] = t
            if t == "kaart":
                routes[f"/kaart-frame/{i}"] = html(
                    '<!doctype html><html lang="nl"><head><title>Kaart</title></head><body>'
                    f'<img src="/static/kaart-{i}.png" width="200" height="200"></body></html>'
                )
    for r in list(routes.values()):
        text = r.body if isinstance(r.body, str) else ""
        if ".pdf" in text:
            for chunk in text.split('href="')[1:]:
                href = chunk.split('"', 1)[0]
                if href.endswith(".pdf") and href not in routes:
                    documents.append(href)
    for doc in documents:
        routes[doc] = Response(body=b"%PDF-1.4\n" + b"0" * 2000, content_type="application/pdf")
    routes["/static/site.css"] = Response(body=CSS, content_type="text/css")
    routes["/static/gemeente.woff2"] = Response(body=b"\0" * 20_000, content_type="font/woff2")
    routes["/static/uitleg.mp4"] = Response(body=b"\0" * 50_000, content_type="video/mp4")
    pages = tuple([*fixed, *(p for ps in detail.values() for p in ps)])
    return GeneratedSite(routes, pages, templates, tuple(documents))


def serve(n: int = 200, seed: int = 7) -> tuple[Site, GeneratedSite]:
    """Start the generated site on 127.0.0.1 with its sitemap and robots.txt."""
    gen = generate(n, seed)
    site = Site(routes=dict(gen.routes))

    def sitemap(_path: str) -> Response:
        locs = "".join(f"<url><loc>{site.url}{p}</loc></url>" for p in gen.pages)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><urlset'
            f' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        )
        return Response(body=xml, content_type="application/xml")

    def robots(_path: str) -> Response:
        return Response(
            body=f"User-agent: *\nDisallow: /beheer/\nSitemap: {site.url}/sitemap.xml\n",
            content_type="text/plain",
        )

    site.routes["/sitemap.xml"] = sitemap
    site.routes["/robots.txt"] = robots
    site.start()
    return site, gen
