"""Catalogues, the current language and formatting per locale.

Expected texts are written out by hand from CLDR 47 (Babel 2.18): Swedish and Norwegian
group digits with U+00A0 NO-BREAK SPACE (CLDR's ``group`` symbol for sv and nb; not the
narrow U+202F, which French uses), write a decimal comma, and put U+00A0 before ``%``.
"""

import datetime
import subprocess
import sys

import pytest

from orgmodel import i18n
from orgmodel.i18n import (
    UnknownLabelError,
    UnknownLanguageError,
    catalog,
    format_date,
    format_money,
    format_number,
    format_percent,
    get_language,
    language,
    missing_keys,
    set_language,
    t,
)

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _english_session(monkeypatch):
    monkeypatch.delenv("ORGMODEL_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


def test_every_english_key_is_translated_and_no_stray_keys():
    # fails when someone adds an English label without Swedish and Norwegian texts
    problems = missing_keys()
    assert problems == [], "catalogue gaps:\n" + "\n".join(
        f"  {lang}.yaml: {key!r}: {why}" for lang, key, why in problems
    )


def test_missing_keys_reports_a_gap(monkeypatch):
    english = {"a.b": "A {x}", "c": "C"}
    swedish = {"a.b": "Ä", "d": "D"}
    monkeypatch.setattr(
        i18n, "_load", lambda code: {"en": english, "sv": swedish}.get(code, english)
    )
    rows = missing_keys()
    assert ("sv", "c", "missing") in rows
    assert ("sv", "d", "unknown") in rows
    assert ("sv", "a.b", "fields differ") in rows


def test_catalogues_hold_text_only_and_are_package_data():
    for lang in ("en", "sv", "nb"):
        data = catalog(lang)
        assert data and all(isinstance(v, str) and v for v in data.values())


def test_missing_translation_falls_back_to_english(monkeypatch):
    english = dict(i18n._load("en"))
    english["only.english"] = "Only English"
    real = i18n._load

    monkeypatch.setattr(i18n, "_load", lambda code: english if code == "en" else real(code))
    assert t("only.english", lang="nb") == "Only English"
    assert t("simulator.undo", lang="nb") == "Angre"


def test_unknown_label_names_close_keys():
    with pytest.raises(UnknownLabelError, match=r"simulator\.undo"):
        t("simulator.undoo")


def test_unknown_language_lists_the_valid_ones():
    with pytest.raises(UnknownLanguageError) as info:
        set_language("de")
    message = str(info.value)
    assert "'de'" in message
    for code in ("en", "sv", "nb"):
        assert f"{code} (" in message
    with pytest.raises(UnknownLanguageError):
        t("simulator.apply", lang="fi")
    assert get_language() == "en"  # unchanged by the failed call


def test_language_codes_accepted():
    assert [set_language(x) for x in ("sv_SE", "nb-NO", "no", "EN")] == ["sv", "nb", "nb", "en"]


def test_context_manager_restores_even_after_an_error():
    set_language("nb")
    with pytest.raises(RuntimeError), language("sv"):
        assert t("simulator.apply") == "Tillämpa"
        raise RuntimeError
    assert get_language() == "nb"
    assert t("simulator.apply") == "Utfør"


def test_environment_variable_sets_the_default(monkeypatch):
    monkeypatch.setenv("ORGMODEL_LANG", "sv")
    assert get_language() == "sv"
    set_language("nb")
    assert get_language() == "nb"  # an explicit choice wins
    set_language(None)
    monkeypatch.setenv("ORGMODEL_LANG", "klingon")
    with pytest.raises(UnknownLanguageError, match="ORGMODEL_LANG"):
        get_language()
    monkeypatch.delenv("ORGMODEL_LANG")


def test_environment_variable_in_a_fresh_interpreter():
    code = "from orgmodel.i18n import t; print(t('simulator.redo'))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"ORGMODEL_LANG": "nb", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "Gjør om"


def test_params_fill_fields():
    assert t("simulator.table.more", lang="sv", n=3) == "… och 3 till"
    assert t("figure.units_needed", lang="nb", need="Viktor") == "Enheter som trengs: Viktor"


# ---- numbers ------------------------------------------------------------------------------
def test_format_number_per_locale():
    # 1234567.5 by hand: groups of three, decimal sign per CLDR
    assert format_number(1234567.5, lang="en") == "1,234,567.5"
    assert format_number(1234567.5, lang="sv") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(1234567.5, lang="nb") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(2.0, digits=2, lang="sv") == "2,00"
    assert format_number(1999.96, digits=1, lang="nb") == f"2{NBSP}000,0"
    assert format_number(None) == "–"


def test_format_number_follows_the_session():
    with language("sv"):
        assert format_number(0.5) == "0,5"
    assert format_number(0.5) == "0.5"


def test_format_percent_per_locale():
    assert format_percent(0.625, lang="en") == "62%"  # 62.5 -> 62 (half to even, as Python)
    assert format_percent(0.625, lang="sv") == f"62{NBSP}%"
    assert format_percent(0.4567, digits=1, lang="nb") == f"45,7{NBSP}%"
    assert format_percent(float("nan")) == "–"


@pytest.mark.parametrize(
    ("value", "currency", "lang", "expected"),
    [
        # English keeps the charts' earlier texts (tests/plot/test_plot_style.py)
        (1_800_000, "SEK", "en", "1.8 MSEK"),
        (3_240_000, "GBP", "en", "£3.2m"),
        (850_000, "NOK", "en", "850 kNOK"),
        (-2500, "SEK", "en", "-2.5 kSEK"),
        # Swedish municipal budgets: tkr, mnkr, mdkr
        (1_800_000, "SEK", "sv", "1,8 mnkr"),
        (850_000, "SEK", "sv", "850 tkr"),
        (1.25e9, "SEK", "sv", "1,2 mdkr"),
        (999, "SEK", "sv", "999 kr"),
        (-2500, "SEK", "sv", "-2,5 tkr"),
        (1_800_000, "NOK", "sv", "1,8 mn NOK"),  # CLDR sv short form "mn"
        # Norwegian: "mill. kr", "mrd. kr", "tusen kr"
        (1_800_000, "NOK", "nb", "1,8 mill. kr"),
        (2_390_000_000, "NOK", "nb", "2,4 mrd. kr"),
        (45_000, "NOK", "nb", "45,0 tusen kr"),
        (1_800_000, "SEK", "nb", "1,8 mill. SEK"),
        (0, "NOK", "nb", "0 kr"),
    ],
)
def test_format_money(value, currency, lang, expected):
    assert format_money(value, currency, lang=lang) == expected


def test_format_money_missing():
    assert format_money(float("nan"), "SEK", lang="sv") == "–"


# ---- dates --------------------------------------------------------------------------------
def test_format_date_per_locale():
    day = datetime.date(2026, 3, 5)
    # CLDR medium date: en_GB "d MMM y", sv "d MMM y" (abbreviations with a dot), nb "d. MMM y"
    assert format_date(day, lang="en") == "5 Mar 2026"
    assert format_date(day, lang="sv") == "5 mars 2026"
    assert format_date(day, lang="nb") == "5. mars 2026"
    assert format_date(day, "short", lang="sv") == "2026-03-05"
    assert format_date(day, "short", lang="nb") == "05.03.2026"
    assert format_date(datetime.datetime(2026, 3, 5, 14, 0), "long", lang="en") == "5 March 2026"
    assert format_date("2026-03-05", lang="nb") == "5. mars 2026"


def test_format_date_bad_input():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        format_date("5/3/2026")
    with pytest.raises(ValueError, match="short, medium, long or full"):
        format_date(datetime.date(2026, 3, 5), "tiny")


def test_format_date_takes_pandas_timestamps_and_refuses_other_things():
    import pandas as pd

    assert format_date(pd.Timestamp("2026-03-05 09:30"), "short", lang="nb") == "05.03.2026"
    assert format_date(pd.NaT) == "–"
    with pytest.raises(TypeError, match="expected a date"):
        format_date(20260305)


def test_a_broken_catalogue_is_named_with_every_bad_key(monkeypatch):
    from orgmodel.errors import FormatError

    class Fake:
        def __init__(self, text):
            self.text = text

        def files(self, _package):
            return self

        def joinpath(self, *_parts):
            return self

        def read_text(self, _encoding):
            return self.text

    i18n._load.cache_clear()
    try:
        monkeypatch.setattr(i18n, "resources", Fake("a: [1, 2]\nb: ok\nc: 3\n"))
        with pytest.raises(FormatError) as info:
            catalog("sv")
        assert str(info.value) == (
            "orgmodel/i18n/catalog/sv.yaml: key 'a': expected text, got list; "
            "key 'c': expected text, got int"
        )
        monkeypatch.setattr(i18n, "resources", Fake("- a list\n"))
        with pytest.raises(FormatError, match=r"nb\.yaml: expected a mapping"):
            catalog("nb")
    finally:
        monkeypatch.undo()
        i18n._load.cache_clear()
    assert catalog("sv")["simulator.apply"] == "Tillämpa"
