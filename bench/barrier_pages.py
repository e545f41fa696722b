"""A corpus of single-barrier pages, one barrier per page, plus clean control pages.

The barrier kinds are the ones issue 16 lists (tables, form groups, links, images,
headings, duplicate ids, orientation, blink/marquee, media, page language). Every page
shares one clean frame (language, title, one h1, landmarks), so a flag on a barrier page
is about its barrier and a flag on a ``clean-`` page is a false alarm. Kept in ``bench/``,
not ``tests/``: it measures how much axe alone and the default find (``barriers_vs_axe.py``)
and asserts nothing; our own rules have their test pages in ``tests/check_pages``.
Built in memory, so the corpus is one readable table rather than fifty files.
"""

from __future__ import annotations

_EN_TEXT = (
    "The library is open every weekday from nine in the morning until six in the evening, "
    "and on Saturdays until five. Residents can borrow books, magazines and films, print "
    "documents, use the computers and ask the staff for help with forms of the council. "
) * 2
_NL_TEXT = (
    "De bibliotheek is elke werkdag open van negen uur 's ochtends tot zes uur 's avonds, "
    "en op zaterdag tot vijf uur. Inwoners kunnen boeken, tijdschriften en films lenen, "
    "documenten printen, de computers gebruiken en de medewerkers om hulp vragen. "
) * 2
_ROWS = "<tr><td>Noord</td><td>maandag</td><td>gft</td></tr><tr><td>Zuid</td><td>dinsdag</td><td>rest</td></tr>"
_HEAD = "<tr><th scope='col'>Wijk</th><th scope='col'>Dag</th><th scope='col'>Afval</th></tr>"
_IMG = "/img/markt.png"

#: name -> (kind, page language, body inside <main> after the h1). ``clean-`` pages have
#: no barrier at all.
PAGES: dict[str, tuple[str, str, str]] = {
    # tables
    "table-no-headers": (
        "tables",
        "nl",
        f"<table><tr><td>Wijk</td><td>Dag</td><td>Afval</td></tr>{_ROWS}</table>",
    ),
    "table-empty-header": (
        "tables",
        "nl",
        f"<table><tr><th scope='col'>Wijk</th><th scope='col'></th><th scope='col'>Afval</th></tr>{_ROWS}</table>",
    ),
    "table-headers-only": (
        "tables",
        "nl",
        "<table><tr><th>Wijk</th><th>Dag</th></tr><tr><th>Noord</th><th>maandag</th></tr></table>",
    ),
    "table-scope-on-data": (
        "tables",
        "nl",
        f"<table>{_HEAD}<tr><td scope='row'>Noord</td><td>maandag</td><td>gft</td></tr></table>",
    ),
    "table-nested": (
        "tables",
        "nl",
        f"<table>{_HEAD}<tr><td>Noord</td><td><table><tr><td>ma</td><td>di</td></tr></table></td><td>gft</td></tr></table>",
    ),
    "table-layout-with-headers": (
        "tables",
        "nl",
        "<table role='presentation'><tr><th>Menu</th><th>Inhoud</th></tr><tr><td><a href='/a'>Afval</a></td><td>Welkom bij de gemeente.</td></tr></table>",
    ),
    "table-headers-unlinked": (
        "tables",
        "nl",
        "<table><tr><td><b>Wijk</b></td><td><b>Dag</b></td></tr><tr><td>Noord</td><td>maandag</td></tr></table>",
    ),
    # form groups
    "radios-no-group": (
        "forms",
        "nl",
        "<form><p>Hoe wilt u betalen?</p><input type='radio' id='r1' name='b'><label for='r1'>iDEAL</label> <input type='radio' id='r2' name='b'><label for='r2'>Acceptgiro</label></form>",
    ),
    "checkboxes-no-group": (
        "forms",
        "nl",
        "<form><p>Welke containers heeft u?</p><input type='checkbox' id='c1' name='c'><label for='c1'>Groen</label> <input type='checkbox' id='c2' name='c'><label for='c2'>Grijs</label></form>",
    ),
    "empty-legend": (
        "forms",
        "nl",
        "<form><fieldset><legend></legend><input type='radio' id='r1' name='b'><label for='r1'>Ja</label> <input type='radio' id='r2' name='b'><label for='r2'>Nee</label></fieldset></form>",
    ),
    "duplicate-labels": (
        "forms",
        "nl",
        "<form><label for='a'>Naam</label> <input id='a' name='a' autocomplete='name'><br><label for='b'>Naam</label> <input id='b' name='b' autocomplete='off'></form>",
    ),
    "placeholder-only": (
        "forms",
        "nl",
        "<form><input name='q' type='text' placeholder='Zoekterm'> <button>Zoeken</button></form>",
    ),
    "select-no-label": (
        "forms",
        "nl",
        "<form><p>Kies uw wijk</p><select name='w'><option>Noord</option><option>Zuid</option></select></form>",
    ),
    # links
    "link-klik-hier": (
        "links",
        "nl",
        "<p>Afvalkalender</p><p><a href='/kalender'>Klik hier</a></p>",
    ),
    "link-lees-meer": (
        "links",
        "nl",
        "<ul><li><a href='/n/1'>Lees meer</a></li><li><a href='/n/2'>Lees meer</a></li></ul>",
    ),
    "link-meer": ("links", "nl", "<div><a href='/n/1'>Meer</a></div>"),
    "link-hier": (
        "links",
        "nl",
        "<p>Bekijk de kalender <a href='/kalender'>hier</a>.</p><p><a href='/a'>hier</a></p>",
    ),
    "link-meer-info": ("links", "nl", "<ul><li><a href='/paspoort'>Meer info</a></li></ul>"),
    "link-click-here": ("links", "en", "<p><a href='/calendar'>Click here</a></p>"),
    "link-read-more": ("links", "en", "<ul><li><a href='/n/1'>Read more</a></li></ul>"),
    "link-full-stop": ("links", "nl", "<ul><li><a href='/n/1'>.</a></li></ul>"),
    "link-javascript": (
        "links",
        "nl",
        "<p><a href='javascript:void(0)' onclick='return false'>Menu openen</a></p>",
    ),
    "link-image-no-alt": (
        "links",
        "nl",
        f"<a href='/kaart'><img src='{_IMG}' width='40' height='40'></a>",
    ),
    "link-empty": ("links", "nl", "<p><a href='/x'></a></p>"),
    # images
    "img-alt-filename": (
        "images",
        "nl",
        "<img src='/img/IMG_1234.jpg' alt='IMG_1234.jpg' width='40' height='40'>",
    ),
    "img-alt-afbeelding": (
        "images",
        "nl",
        f"<img src='{_IMG}' alt='afbeelding' width='40' height='40'>",
    ),
    "img-alt-foto": ("images", "nl", f"<img src='{_IMG}' alt='foto' width='40' height='40'>"),
    "img-alt-image": ("images", "en", f"<img src='{_IMG}' alt='image' width='40' height='40'>"),
    "img-empty-alt-title": (
        "images",
        "nl",
        f"<img src='{_IMG}' alt='' title='Kaart van de markt' width='40' height='40'>",
    ),
    "img-presentation-alt": (
        "images",
        "nl",
        f"<img src='{_IMG}' alt='Kaart van de markt' role='presentation' width='40' height='40'>",
    ),
    "img-no-alt": ("images", "nl", f"<img src='{_IMG}' width='40' height='40'>"),
    # headings
    "heading-empty": ("headings", "nl", "<h2></h2><p>Tekst onder de kop.</p>"),
    "heading-empty-image": ("headings", "nl", f"<h2><img src='{_IMG}' alt=''></h2><p>Tekst.</p>"),
    # duplicate ids
    "duplicate-id-label": (
        "parsing",
        "nl",
        "<form><label for='n'>Naam</label> <input id='n' name='n' autocomplete='name'> <input id='n' name='m' aria-label='Naam partner' autocomplete='off'></form>",
    ),
    "duplicate-id-focusable": (
        "parsing",
        "nl",
        "<p><button id='b' type='button'>Opslaan</button> <button id='b' type='button'>Wissen</button></p>",
    ),
    "duplicate-id-describedby": (
        "parsing",
        "nl",
        "<form><input id='c' aria-label='Code' aria-describedby='h' autocomplete='off'> <span id='h'>Zes cijfers</span><span id='h'>Zie brief</span></form>",
    ),
    # orientation
    "orientation-css": (
        "orientation",
        "nl",
        "<style>@media (orientation: portrait) { body { transform: rotate(90deg); } }</style><p>Alleen liggend.</p>",
    ),
    # blink / marquee
    "blink": ("moving", "nl", "<p><blink>Nieuw: de afvalkalender</blink></p>"),
    "marquee": (
        "moving",
        "nl",
        "<marquee>Nieuw: de afvalkalender voor 2027 staat online</marquee>",
    ),
    # media
    "video-no-captions": (
        "media",
        "nl",
        "<video src='/media/film.mp4' controls width='320' height='180'></video>",
    ),
    "audio-no-transcript": ("media", "nl", "<audio src='/media/podcast.mp3' controls></audio>"),
    # language
    "lang-wrong": ("language", "nl", "".join(f"<p>{_EN_TEXT}</p>" for _ in range(3))),
    "lang-missing": ("language", "", f"<p>{_NL_TEXT}</p>"),
    "lang-invalid": ("language", "xx-nonsense", f"<p>{_NL_TEXT}</p>"),
    # clean control pages
    "clean-news": (
        "clean",
        "nl",
        "<article><h2>Nieuwe bibliotheek open</h2><p>Sinds maandag.</p><a href='/n/1'>Lees meer</a></article><p><a href='/kalender'>Lees meer</a> over de afvalkalender van 2027.</p>",
    ),
    "clean-form": (
        "clean",
        "nl",
        "<form><fieldset><legend>Hoe wilt u betalen?</legend><input type='radio' id='r1' name='b'><label for='r1'>iDEAL</label> <input type='radio' id='r2' name='b'><label for='r2'>Acceptgiro</label></fieldset><p><label for='e'>E-mailadres</label> <input id='e' type='email' autocomplete='email'></p><button>Verstuur</button></form>",
    ),
    "clean-table": ("clean", "nl", f"<table><caption>Ophaaldagen</caption>{_HEAD}{_ROWS}</table>"),
    "clean-images": (
        "clean",
        "nl",
        f"<img src='{_IMG}' alt='Kraam met verse vis op de zaterdagmarkt' width='40' height='40'><img src='/img/lijn.png' alt='' width='40' height='4'><a href='/'><img src='/img/logo.png' alt='Gemeente Voorbeeld, naar de startpagina' width='40' height='40'></a>",
    ),
    "clean-media": (
        "clean",
        "nl",
        "<video controls width='320' height='180'><source src='/media/film.mp4' type='video/mp4'><track kind='captions' src='/media/film.vtt' srclang='nl' label='Nederlands'></video><p><a href='/media/film-tekst.html'>Uitgeschreven tekst van de film</a></p>",
    ),
    "clean-headings": (
        "clean",
        "nl",
        f"<h2>Openingstijden</h2><p>{_NL_TEXT}</p><h2><img src='/img/logo.png' alt='Over de bibliotheek'></h2><p>Sinds 1990.</p>",
    ),
    "clean-english": ("clean", "en", "".join(f"<p>{_EN_TEXT}</p>" for _ in range(3))),
    "clean-ids": (
        "clean",
        "nl",
        "<form><label for='n'>Naam</label> <input id='n' name='n' autocomplete='name'></form><div id='x'>Blok</div><div id='x'>Nog een blok</div>",
    ),
    "clean-orientation": (
        "clean",
        "nl",
        "<style>@media (orientation: portrait) { .zijbalk { display: none; } }</style><p>Werkt staand en liggend.</p><aside class='zijbalk'>Tip</aside>",
    ),
}


def page_html(name: str) -> str:
    """The whole page: the clean frame around one corpus entry."""
    kind, lang, body = PAGES[name]
    lang_attr = f' lang="{lang}"' if lang else ""
    title = name.replace("-", " ").capitalize()
    return (
        f'<!doctype html><html{lang_attr}><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} - Gemeente Voorbeeld</title></head><body>"
        f'<header><a href="/">Gemeente Voorbeeld</a></header>'
        f"<main><h1>{title}</h1>{body}</main>"
        f'<footer><a href="/toegankelijkheid">Toegankelijkheidsverklaring</a></footer>'
        f"</body></html>"
    )
