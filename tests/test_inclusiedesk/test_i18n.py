"""The translation catalog: every message file complete, plurals, numbers and dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from inclusiedesk.i18n import (
    LANGUAGES,
    PLURAL_FORMS,
    Catalog,
    CatalogError,
    fields_of,
    format_date,
    month_name,
    number,
    percent,
)

PRODUCTS = ("inclusiedesk", "helpdesk", "a11y")


@pytest.mark.parametrize("package", PRODUCTS)
def test_every_key_has_both_languages_with_the_same_fields(package):
    catalog = Catalog.load(package)
    assert catalog.messages
    for key, message in catalog.messages.items():
        assert set(message) == set(LANGUAGES), key
        texts = {}
        for lang in LANGUAGES:
            value = message[lang]
            if isinstance(value, dict):
                assert set(value) == set(PLURAL_FORMS), (key, lang)
                assert isinstance(message["nl"], dict) and isinstance(message["en"], dict), key
                texts[lang] = [value[form] for form in PLURAL_FORMS]
            else:
                assert isinstance(value, str), (key, lang)
                texts[lang] = [value]
        fields = {lang: set().union(*(fields_of(x) for x in texts[lang])) for lang in LANGUAGES}
        assert fields["nl"] == fields["en"], key


def test_a_missing_key_is_an_error_not_the_key():
    with pytest.raises(CatalogError):
        Catalog.load("helpdesk").t("no-such-key", "nl")


def test_plural_picks_the_form_by_n():
    catalog = Catalog(
        "test",
        {
            "error": {
                "nl": {"one": "{n} fout", "other": "{n} fouten"},
                "en": {"one": "{n} error", "other": "{n} errors"},
            }
        },
    )
    assert catalog.t("error", "nl", n=1) == "1 fout"
    assert catalog.t("error", "nl", n=3) == "3 fouten"
    assert catalog.t("error", "en", n=0) == "0 errors"
    assert catalog.t("error", "en", n=1) == "1 error"


def test_numbers_percentages_and_dates_in_both_languages():
    assert number(1234.5, "nl", 1) == "1.234,5"
    assert number(1234.5, "en", 1) == "1,234.5"
    assert number(1234567, "nl") == "1.234.567"
    assert percent(0.684, "nl") == percent(0.684, "en") == "68%"
    day = dt.date(2026, 4, 3)
    assert format_date(day, "nl") == "3 april 2026"
    assert format_date(day, "en") == "3 April 2026"
    assert format_date(day, "de") == "3 april 2026"  # Dutch for any other language
    assert [month_name(m, "nl") for m in (1, 12)] == ["januari", "december"]


# t("key", ...) or t('key') with a plain literal key (not an f-string, not "a" + b)
_LITERAL_KEY = re.compile(r"""\bt\(\s*["']([^"'{}]+)["']\s*[,)]""")


@pytest.mark.parametrize("package", ["helpdesk", "a11y"])
def test_every_literal_key_in_the_code_is_in_the_catalog(package):
    """A typo in t("key", ...) would only fail when that line runs; find it here."""
    catalog = Catalog.load(package)
    root = Path(__file__).resolve().parents[2] / package
    missing = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if f"from {package}.i18n import" not in text:
            continue
        missing += [(path.name, k) for k in _LITERAL_KEY.findall(text) if not catalog.has(k)]
    assert missing == []
