"""Interface strings of the desk app in Dutch and English.

Taxonomy labels come from the taxonomy itself; this module holds only the app's own
words, so a translator finds every sentence of the interface in one file. Dutch is the
default because the desk's users are Dutch counter staff.
"""

from __future__ import annotations

DEFAULT_LANG = "nl"

# key -> (nl, en)
STRINGS: dict[str, tuple[str, str]] = {
    # desk screen
    "title": ("Inclusiedesk: vragen aan de balie", "Inclusiedesk: questions at the desk"),
    "today": ("Vandaag bij {location}", "Today at {location}"),
    "new_request": ("Nieuwe vraag", "New request"),
    "editing": ("Vraag bewerken", "Editing request"),
    "timer": ("Tijd", "Time"),
    "saved": ("Vraag opgeslagen", "Request saved"),
    "updated": ("Vraag bijgewerkt", "Request updated"),
    "deleted": ("Vraag verwijderd", "Request deleted"),
    "not_saved": (
        "Niet opgeslagen: verbeter de gemarkeerde velden",
        "Not saved: fix the marked fields",
    ),
    "store_error": ("Database-fout: {error}", "Database error: {error}"),
    "no_store": ("Geen database geopend", "No database open"),
    "nothing_selected": ("Kies eerst een vraag in de lijst", "Select a request in the list first"),
    "settings_error": ("Instellingen niet gelezen: {error}", "Settings not read: {error}"),
    # form fields
    "organisations": ("Organisatie", "Organisation"),
    "subjects": ("Onderwerp", "Subject"),
    "help_type": ("Soort hulp", "Help type"),
    "outcome": ("Resultaat", "Outcome"),
    "referred_to": ("Doorverwezen naar", "Referred to"),
    "channel": ("Kanaal", "Channel"),
    "visitor_type": ("Bezoeker", "Visitor"),
    "age_band": ("Leeftijd", "Age band"),
    "first_visit": ("Eerste bezoek", "First visit"),
    "barriers": ("Drempels", "Barriers"),
    "minutes": ("Minuten", "Minutes"),
    "minutes_placeholder": ("leeg: van de klok", "empty: from the timer"),
    "note": ("Notitie", "Note"),
    "note_placeholder": ("kort, zonder persoonsgegevens", "short, no personal data"),
    "guides": ("Handleidingen", "Guides"),
    "guides_placeholder": (
        "F2: handleiding zoeken en koppelen; of typ id's met komma's",
        "F2: find and attach a guide; or type ids, comma separated",
    ),
    "guide_attached": ("{title} (tot stap {step})", "{title} (reached step {step})"),
    "guide_attached_nostep": ("{title}", "{title}"),
    "followup": ("Vervolgafspraak", "Follow-up"),
    "followup_date": ("JJJJ-MM-DD", "YYYY-MM-DD"),
    "followup_time": ("UU:MM", "HH:MM"),
    "bring": ("Meenemen", "What to bring"),
    "picker_placeholder": ("typ een paar letters", "type a few letters"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "unknown": ("onbekend", "unknown"),
    # form errors the app itself finds (before validation)
    "err_minutes": ("minuten: typ een heel getal", "minutes: type a whole number"),
    "err_followup_date": (
        "datum als JJJJ-MM-DD en tijd als UU:MM",
        "date as YYYY-MM-DD and time as HH:MM",
    ),
    "err_followup_missing": (
        "vul datum en tijd van de afspraak in",
        "fill in the appointment date and time",
    ),
    "err_guides": (
        "handleiding-id's: kleine letters, cijfers, streepjes",
        "guide ids: lowercase letters, digits, hyphens",
    ),
    # table
    "col_time": ("Tijd", "Time"),
    "col_organisations": ("Organisatie", "Organisation"),
    "col_subjects": ("Onderwerp", "Subject"),
    "col_help_type": ("Hulp", "Help"),
    "col_outcome": ("Resultaat", "Outcome"),
    "col_minutes": ("Min", "Min"),
    # confirm
    "confirm_delete": (
        "Deze vraag verwijderen? Dit kan niet ongedaan worden.",
        "Delete this request? This cannot be undone.",
    ),
    "confirm_yes": ("Ja, verwijderen", "Yes, delete"),
    "confirm_no": ("Nee, houden", "No, keep"),
    # setup
    "setup_title": ("Deze balie instellen", "Set up this desk"),
    "setup_help": (
        "Gebruik codes, geen namen: kleine letters, cijfers en streepjes.",
        "Use codes, not names: lowercase letters, digits and hyphens.",
    ),
    "location": ("Locatiecode", "Location code"),
    "staff": ("Medewerkerscode", "Staff code"),
    "location_kind": ("Soort locatie", "Location kind"),
    "library": ("bibliotheek", "library"),
    "municipal": ("gemeentebalie", "municipal counter"),
    "err_code": (
        "gebruik een code van kleine letters, cijfers of streepjes (geen naam)",
        "use a code of lowercase letters, digits or hyphens (not a name)",
    ),
    "setup_saved": ("Balie ingesteld: {location} / {staff}", "Desk set up: {location} / {staff}"),
    # follow-ups
    "followups_title": ("Komende vervolgafspraken", "Upcoming follow-up appointments"),
    "no_followups": ("Geen komende vervolgafspraken.", "No upcoming follow-up appointments."),
    "nothing_to_bring": ("(niets opgegeven)", "(nothing listed)"),
    "printed": ("Checklist opgeslagen in {path}", "Checklist saved to {path}"),
    "print_failed": ("Checklist niet opgeslagen: {error}", "Checklist not saved: {error}"),
    # guides: the list
    "guides_title": ("Handleidingen", "Guides"),
    "guide_search": ("Zoeken", "Search"),
    "guide_search_placeholder": (
        "typ een paar letters, bijvoorbeeld toesl of digi",
        "type a few letters, e.g. toesl or digi",
    ),
    "guides_count": ("{n} handleidingen", "{n} guides"),
    "guides_none": (
        "Geen handleiding gevonden. Probeer een ander woord of haal een filter weg.",
        "No guide found. Try another word or remove a filter.",
    ),
    "guides_problems": (
        "{n} handleiding(en) niet geladen; eerste: {first}",
        "{n} guide file(s) not loaded; first: {first}",
    ),
    "guide_missing": ("Handleiding {id} niet gevonden", "Guide {id} not found"),
    "only_nl": ("alleen in het Nederlands", "Dutch only"),
    "only_en": ("alleen in het Engels", "English only"),
    # guides: one step at a time
    "step_of": ("Stap {n} van {total}", "Step {n} of {total}"),
    "warning": ("Let op", "Warning"),
    "tip": ("Tip", "Tip"),
    "check": ("Controle", "Check"),
    "step_done": ("Klaar: deze stap is gedaan (spatie)", "Done: this step is finished (space)"),
    "steps_overview": ("Stappen", "Steps"),
    "first_step": ("Dit is de eerste stap", "This is the first step"),
    "last_step": ("Dit is de laatste stap", "This is the last step"),
    "attached": ("Gekoppeld aan de vraag: {title}", "Attached to the request: {title}"),
    "already_attached": (
        "Staat al bij de vraag: {title}. De stap wordt bij opslaan bijgewerkt.",
        "Already attached: {title}. The step is updated when saving.",
    ),
    "attached_mark": ("gekoppeld aan de vraag", "attached to the request"),
    "handout_saved": ("Uitdeelblad opgeslagen in {path}", "Handout saved to {path}"),
    "handout_failed": ("Uitdeelblad niet opgeslagen: {error}", "Handout not saved: {error}"),
    # settings toggles
    "lang_now": ("Taal: Nederlands", "Language: English"),
    "theme_now": ("Thema: {theme}", "Theme: {theme}"),
    "large_now": ("Grote tekst: {state}", "Large text: {state}"),
    "on": ("aan", "on"),
    "off": ("uit", "off"),
    # command palette help
    "cmd_new": ("Begin een nieuwe vraag en start de klok", "Start a new request and the timer"),
    "cmd_save": ("Sla de vraag in het formulier op", "Save the request in the form"),
    "cmd_followups": ("Toon komende vervolgafspraken", "Show upcoming follow-ups"),
    "cmd_lang": ("Wissel tussen Nederlands en Engels", "Switch between Dutch and English"),
    "cmd_theme": ("Hoog contrast aan of uit", "High contrast on or off"),
    "cmd_setup": ("Locatie- en medewerkerscode wijzigen", "Change location and staff code"),
    "cmd_large": ("Grote tekst aan of uit", "Large text on or off"),
    "cmd_guides": (
        "Zoek een handleiding en loop de stappen door",
        "Find a guide and walk through its steps",
    ),
    "cmd_open_guide": ("Open deze handleiding", "Open this guide"),
    # statistics screen (F3)
    "stats_title": ("Statistieken", "Statistics"),
    "stats_tab_figures": ("Cijfers", "Figures"),
    "stats_tab_a11y": ("Toegankelijkheid", "Accessibility"),
    "stats_period_label": ("Periode", "Period"),
    "stats_location_label": ("Locatie", "Location"),
    "stats_period_placeholder": (
        "of typ: 2026-Q3, 2026-10, 2026 (Enter)",
        "or type: 2026-Q3, 2026-10, 2026 (Enter)",
    ),
    "this_month": ("deze maand", "this month"),
    "last_month": ("vorige maand", "last month"),
    "this_quarter": ("dit kwartaal", "this quarter"),
    "this_year": ("dit jaar tot vandaag", "this year to date"),
    "last_12_months": ("laatste 12 maanden", "last 12 months"),
    "typed": ("getypte periode", "typed period"),
    "stats_all_locations": ("alle locaties", "all locations"),
    "stats_bad_period": ("Onbekende periode: {error}", "Unknown period: {error}"),
    "stats_busy": ("Cijfers worden berekend...", "Computing the figures..."),
    "stats_failed": ("Cijfers niet berekend: {error}", "Figures not computed: {error}"),
    "stats_period": ("Periode {label}: {since} t/m {until}", "Period {label}: {since} to {until}"),
    "stats_total": ("Hulpvragen: {n}", "Requests: {n}"),
    "stats_solved": ("Direct aan de balie geholpen: {pct}", "Solved at the desk: {pct}"),
    "stats_minutes": (
        "Minuten: {total} in totaal, mediaan {median}, 90e percentiel {p90}",
        "Minutes: {total} in total, median {median}, 90th percentile {p90}",
    ),
    "stats_minutes_few": (
        "Minuten: {total} in totaal (mediaan weggelaten: te weinig bezoeken)",
        "Minutes: {total} in total (median left out: too few visits)",
    ),
    "stats_change": (
        "Verschil met {prev}: {change}{pct} (toen {prev_total})",
        "Change against {prev}: {change}{pct} (then {prev_total})",
    ),
    "stats_rule": (
        "Aantallen van 1 tot {n} staan als <{n}; totalen zijn de echte aantallen. "
        "Zo kan dit scherm ook op een beamer.",
        "Counts from 1 to below {n} are shown as <{n}; totals are the real counts. "
        "So this screen may also go on a beamer.",
    ),
    "stats_left_out": (
        "Niet getekend (te klein, zie de tabel met t): {names}",
        "Not drawn (too small, see the table with t): {names}",
    ),
    "stats_no_data": ("Geen hulpvragen in deze periode.", "No requests in this period."),
    "stats_week": ("Week", "Week"),
    "stats_count": ("Aantal", "Count"),
    "stats_table_on": ("Tabellen in plaats van grafieken", "Tables instead of charts"),
    "stats_table_off": ("Grafieken", "Charts"),
    "a11y_none": ("Nog geen websites gescand.", "No websites scanned yet."),
    "a11y_failed": ("Scans niet gelezen: {error}", "Scans not read: {error}"),
    "a11y_help": (
        "Enter of i: de problemen van de laatste scan van de gekozen site.",
        "Enter or i: the issues of the chosen site's latest scan.",
    ),
    "a11y_site": ("Website", "Website"),
    "a11y_scanned": ("Laatste scan", "Latest scan"),
    "a11y_pages_checked": ("Pagina's", "Pages"),
    "a11y_criteria": ("Criteria niet gehaald", "Failing criteria"),
    "a11y_by_impact": ("Problemen naar ernst", "Issues by impact"),
    "a11y_statement": ("Verklaring", "Statement"),
    "a11y_trend": ("Verloop (fouten per scan)", "Trend (violations per scan)"),
    "a11y_issues_title": (
        "{site}: {n} gegroepeerde problemen in de laatste scan",
        "{site}: {n} grouped issues in the latest scan",
    ),
    "a11y_no_issues": (
        "{site}: geen problemen gevonden in de laatste scan",
        "{site}: no issues found in the latest scan",
    ),
    "a11y_rule": ("Regel", "Rule"),
    "a11y_impact": ("Ernst", "Impact"),
    "a11y_pages": ("Pagina's", "Pages"),
    "a11y_nodes": ("Elementen", "Nodes"),
    "a11y_example": ("Voorbeeld", "Example"),
    "cmd_stats": (
        "Statistieken: cijfers per periode en toegankelijkheid van de websites",
        "Statistics: figures per period and accessibility of the websites",
    ),
}

# Footer and command-palette words for key bindings, keyed by the binding's English
# description (what Textual stores), so BINDINGS stay plain declarations.
BINDING_WORDS: dict[str, str] = {
    "New request": "Nieuwe vraag",
    "Save": "Opslaan",
    "Follow-ups": "Vervolg",
    "List": "Lijst",
    "Form": "Formulier",
    "Edit": "Bewerken",
    "Delete": "Verwijderen",
    "Language": "Taal",
    "High contrast": "Hoog contrast",
    "Large text": "Grote tekst",
    "Back": "Terug",
    "Print checklist": "Checklist afdrukken",
    "Yes": "Ja",
    "No": "Nee",
    "Quit": "Stoppen",
    "Cancel": "Annuleren",
    "Desk setup": "Balie instellen",
    "Guides": "Handleidingen",
    "Next": "Volgende",
    "Previous": "Vorige",
    "Done": "Klaar",
    "Attach to request": "Aan vraag koppelen",
    "Handout": "Uitdeelblad",
    "Statistics": "Statistieken",
    "Table view": "Tabellen",
    "Period": "Periode",
    "Location": "Locatie",
    "Figures": "Cijfers",
    "Accessibility": "Toegankelijkheid",
    "Issues": "Problemen",
}


def t(key: str, lang: str, **values: object) -> str:
    """The interface string ``key`` in ``lang``; unknown keys show as themselves."""
    nl, en = STRINGS.get(key, (key, key))
    text = en if lang == "en" else nl
    return text.format(**values) if values else text


def binding_word(description: str, lang: str) -> str:
    """A binding description in ``lang`` (descriptions are declared in English)."""
    if lang == "en":
        return description
    return BINDING_WORDS.get(description, description)
