"""Labels in English, Swedish and Norwegian bokmål, and numbers and dates per locale.

Every user-facing label of orgmodel's widgets, charts and reports comes from a catalogue:
one YAML file per language in ``orgmodel/i18n/catalog/`` (``en.yaml``, ``sv.yaml``,
``nb.yaml``), each a flat mapping ``key: text``. English is complete by definition; a key
missing from the Swedish or Norwegian catalogue falls back to English, and
:func:`missing_keys` lists every such gap (a test fails on any). Texts may hold
``{name}`` fields, filled by :func:`t`'s keyword arguments (:meth:`str.format`).

The language is per session: a module-level current language, English unless the
environment variable ``ORGMODEL_LANG`` names another, changed with :func:`set_language`
or for a block with :func:`language`. Widgets take ``lang=`` so that two widgets in one
notebook can differ; ``lang=None`` everywhere means "the current language".

Content is not translated: shipped KS checklists keep their Norwegian wording, and the
names of units, posts and initiatives are the user's data.

Numbers, money, percentages and dates are formatted with Babel (CLDR data) in the
locales ``en_GB`` (UK government departments are the English-speaking users), ``sv_SE``
and ``nb_NO``. CLDR 47 (Babel 2.18) groups thousands in Swedish and Norwegian with a
NO-BREAK SPACE (U+00A0), not the narrow one (U+202F) that French uses; percent signs
are preceded by U+00A0 in both.

Compact money (:func:`format_money`), the way each language writes amounts in tables
and charts:

====  =============================  ==================================  ===============
lang  own currency                   other currencies                    below 1000
====  =============================  ==================================  ===============
en    ``1.8 MSEK``, ``850 kNOK``,    ``£1.8m``, ``€12.4m``, ``$3.0bn``   ``£999``,
      ``1.2 bn SEK`` (SI prefixes)   (symbol first, UK suffixes)         ``999 SEK``
sv    ``850 tkr``, ``1,8 mnkr``,     ``1,8 mn NOK``, ``850 tn GBP``      ``999 kr``
      ``1,2 mdkr`` (SEK)             (CLDR's sv short forms)
nb    ``850 tusen kr``,              ``1,8 mill. SEK``, ``1,2 mrd. EUR`` ``999 kr``
      ``1,8 mill. kr`` (NOK)
====  =============================  ==================================  ===============

One decimal below 100 of the step (thousand, million, billion), none from 100 on; the
rounding is Python's (``f"{x:.1f}"``) in every language, so only the symbols differ.

>>> t("simulator.apply"), t("simulator.apply", lang="sv"), t("simulator.apply", lang="nb")
('Apply', 'Tillämpa', 'Utfør')
>>> with language("sv"):
...     format_number(1234567.5) == "1\\xa0234\\xa0567,5", format_money(1_800_000, "SEK")
(True, '1,8 mnkr')
>>> get_language()
'en'
>>> format_money(1_800_000, "NOK", lang="nb"), format_money(1_800_000, "GBP")
('1,8 mill. kr', '£1.8m')
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import string
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from orgmodel.errors import OrgModelError, did_you_mean

__all__ = [
    "LANGUAGES",
    "LOCALES",
    "UnknownLabelError",
    "UnknownLanguageError",
    "catalog",
    "check_language",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "get_language",
    "language",
    "missing_keys",
    "set_language",
    "t",
]

#: The languages orgmodel speaks, with their own names.
LANGUAGES: dict[str, str] = {"en": "English", "sv": "svenska", "nb": "norsk bokmål"}
#: The Babel (CLDR) locale used to format numbers and dates in each language.
LOCALES: dict[str, str] = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO"}
#: Other spellings accepted for a language (lower case, ``-`` or ``_`` before a region).
_ALIASES = {"no": "nb", "nob": "nb", "swe": "sv", "eng": "en"}
ENV_VARIABLE = "ORGMODEL_LANG"


class UnknownLanguageError(OrgModelError, ValueError):
    """A language orgmodel has no labels for; the message lists en, sv and nb."""


class UnknownLabelError(OrgModelError, KeyError):
    """A label key that is not in the English catalogue."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


def check_language(lang: str) -> str:
    """The language code for ``lang`` (``"sv"``, ``"sv_SE"``, ``"nb-NO"``, ``"no"``...).

    Raises :class:`UnknownLanguageError`, listing the valid languages, for any other.

    >>> check_language("sv_SE"), check_language("NO"), check_language("en-GB")
    ('sv', 'nb', 'en')
    >>> check_language("de")
    Traceback (most recent call last):
    ...
    orgmodel.i18n.UnknownLanguageError: unknown language 'de'; orgmodel speaks en (English), sv (svenska), nb (norsk bokmål)
    """
    text = str(lang).strip().lower().replace("-", "_")
    code = text.split("_", 1)[0]
    code = _ALIASES.get(code, code)
    if code not in LANGUAGES:
        valid = ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items())
        raise UnknownLanguageError(f"unknown language {lang!r}; orgmodel speaks {valid}")
    return code


_current: str | None = None  # None: not chosen yet, read ORGMODEL_LANG on first use


def get_language() -> str:
    """The current language: the last :func:`set_language`, else ``ORGMODEL_LANG``, else en.

    >>> get_language()
    'en'
    """
    if _current is not None:
        return _current
    env = os.environ.get(ENV_VARIABLE, "").strip()
    if not env:
        return "en"
    try:
        return check_language(env)
    except UnknownLanguageError as exc:
        raise UnknownLanguageError(f"environment variable {ENV_VARIABLE}: {exc}") from None


def set_language(lang: str | None) -> str:
    """Choose the language of this session; ``None`` goes back to ``ORGMODEL_LANG`` or en.

    Returns the language code now in effect.

    >>> set_language("nb_NO")
    'nb'
    >>> t("simulator.heading.key_figures")
    'Nøkkeltall'
    >>> set_language(None)
    'en'
    """
    global _current
    _current = None if lang is None else check_language(lang)
    return get_language()


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block, then the language before it again.

    >>> with language("sv") as code:
    ...     code, t("simulator.undo")
    ('sv', 'Ångra')
    >>> t("simulator.undo")
    'Undo'
    """
    global _current
    code = check_language(lang)
    before = _current
    _current = code
    try:
        yield code
    finally:
        _current = before


def _resolve(lang: str | None) -> str:
    return get_language() if lang is None else check_language(lang)


def catalog(lang: str) -> dict[str, str]:
    """The catalogue of one language as read from its YAML file (``key -> text``).

    Raises :class:`~orgmodel.errors.FormatError` naming the file and key when an entry is
    not text.

    >>> catalog("en")["simulator.redo"]
    'Redo'
    """
    return dict(_load(check_language(lang)))


@cache
def _load(code: str) -> dict[str, str]:
    import yaml

    from orgmodel.errors import FormatError

    name = f"{code}.yaml"
    text = resources.files("orgmodel.i18n").joinpath("catalog", name).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise FormatError(f"orgmodel/i18n/catalog/{name}: expected a mapping of key: text")
    problems = [
        f"key {k!r}: expected text, got {type(v).__name__}"
        for k, v in data.items()
        if not isinstance(k, str) or not isinstance(v, str)
    ]
    if problems:
        raise FormatError(f"orgmodel/i18n/catalog/{name}: " + "; ".join(problems))
    return dict(data)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def missing_keys() -> list[tuple[str, str, str]]:
    """Every gap between the catalogues, as ``(language, key, problem)`` rows.

    ``problem`` is ``"missing"`` (an English key without a translation), ``"unknown"`` (a
    key English does not have: a typo or a label since removed) or ``"fields differ"``
    (the ``{name}`` fields of the translation are not those of the English text).

    >>> [row for row in missing_keys() if row[0] == "en"]
    []
    """
    english = catalog("en")
    rows: list[tuple[str, str, str]] = []
    for code in LANGUAGES:
        if code == "en":
            continue
        other = catalog(code)
        rows += [(code, k, "missing") for k in english if k not in other]
        rows += [(code, k, "unknown") for k in other if k not in english]
        rows += [
            (code, k, "fields differ")
            for k, v in other.items()
            if k in english and _fields(v) != _fields(english[k])
        ]
    return rows


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """The label ``key`` in ``lang`` (default: the current language), fields filled in.

    A key missing from the Swedish or Norwegian catalogue falls back to English; a key
    English lacks raises :class:`UnknownLabelError` naming the closest keys.

    >>> t("simulator.status.steps", "sv", n=2)
    '2 steg gäller'
    >>> t("simulator.aply")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.i18n.UnknownLabelError: no label 'simulator.aply'; did you mean 'simulator.apply' or ...?
    """
    code = _resolve(lang)
    text = _load(code).get(key)
    if text is None:
        text = _load("en").get(key)
        if text is None:
            raise UnknownLabelError(f"no label {key!r}{did_you_mean(key, _load('en'))}")
    return text.format(**params) if params else text


def _missing_number(x: Any) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def format_number(x: float, digits: int | None = None, lang: str | None = None) -> str:
    """A number with the locale's decimal sign and thousands grouping.

    ``digits=None`` shows up to three decimals (CLDR's pattern ``#,##0.###``); a number
    gives exactly that many. Missing values (None, NaN) are ``"–"``.

    >>> format_number(1234567.5, lang="en"), format_number(0.25, digits=1, lang="nb")
    ('1,234,567.5', '0,2')
    >>> format_number(float("nan"))
    '–'
    """
    from babel.numbers import format_decimal

    if _missing_number(x):
        return "–"
    locale = LOCALES[_resolve(lang)]
    if digits is None:
        return format_decimal(x, locale=locale)
    if digits < 0:
        raise ValueError(f"digits must be 0 or more, got {digits}")
    # rounded by Python first, so every language shows the same digits
    fixed = Decimal(f"{float(x):.{digits}f}")
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(fixed, format=pattern, locale=locale)


def format_percent(x: float, digits: int = 0, lang: str | None = None) -> str:
    """A share (0.625) as a percentage in the locale's way: ``62%`` en, ``62 %`` sv/nb.

    >>> format_percent(0.625, lang="en"), format_percent(0.125, digits=1, lang="sv")
    ('62%', '12,5\\xa0%')
    """
    from babel.numbers import format_percent as babel_percent

    if _missing_number(x):
        return "–"
    from babel import Locale

    locale = LOCALES[_resolve(lang)]
    fixed = Decimal(f"{100 * float(x):.{digits}f}") / 100
    pattern = Locale.parse(locale).percent_formats[None].pattern  # "#,##0\xa0%" in sv
    if digits:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return babel_percent(fixed, format=pattern, locale=locale)


_STEPS = (1e9, 1e6, 1e3)
_SYMBOL_BEFORE = {"GBP": "£", "EUR": "€", "USD": "$"}
_EN_SUFFIX = {1e9: "bn", 1e6: "m", 1e3: "k"}
_EN_PREFIX = {1e9: "bn ", 1e6: "M", 1e3: "k"}
#: Swedish kronor in Swedish: tkr, mnkr, mdkr (as in municipal budgets).
_SV_OWN = {1e9: "mdkr", 1e6: "mnkr", 1e3: "tkr", 1.0: "kr"}
#: CLDR's Swedish short forms for other currencies.
_SV_OTHER = {1e9: "md ", 1e6: "mn ", 1e3: "tn ", 1.0: ""}
#: Norwegian budgets: "mill. kr", "mrd. kr", "tusen kr".
_NB_WORD = {1e9: "mrd. ", 1e6: "mill. ", 1e3: "tusen ", 1.0: ""}
_OWN_CURRENCY = {"sv": "SEK", "nb": "NOK"}


def format_money(x: float, currency: str = "SEK", lang: str | None = None) -> str:
    """A short amount for tables and charts, in the language's own way (see the module).

    >>> format_money(1_800_000, "SEK", "sv"), format_money(1_800_000, "NOK", "nb")
    ('1,8 mnkr', '1,8 mill. kr')
    >>> format_money(1_800_000, "SEK", "en"), format_money(1_800_000, "GBP", "en")
    ('1.8 MSEK', '£1.8m')
    >>> format_money(-2500, "SEK", "en"), format_money(850_000, "NOK", "sv")
    ('-2.5 kSEK', '850 tn NOK')
    """
    if _missing_number(x):
        return "–"
    code = _resolve(lang)
    cur = str(currency or "").upper()
    value = float(x)
    v = abs(value)
    step = next((s for s in _STEPS if v >= s), 1.0)
    scaled = v / step
    digits = 1 if step > 1 and scaled < 100 else 0
    if code == "en":
        number = f"{scaled:.{digits}f}"
        sign = "-" if value < 0 else ""
        if cur in _SYMBOL_BEFORE:
            return f"{sign}{_SYMBOL_BEFORE[cur]}{number}{_EN_SUFFIX.get(step, '')}"
        return f"{sign}{number} {_EN_PREFIX.get(step, '')}{cur}".rstrip()
    from babel.numbers import format_decimal

    locale = LOCALES[code]
    fixed = Decimal(f"{scaled:.{digits}f}")
    number = format_decimal(
        fixed, format="0" + ("." + "0" * digits if digits else ""), locale=locale
    )
    sign = format_decimal(-1, locale=locale)[:-1] if value < 0 else ""
    own = cur == _OWN_CURRENCY[code]
    if code == "sv":
        unit = _SV_OWN[step] if own else f"{_SV_OTHER[step]}{cur}"
    else:
        unit = f"{_NB_WORD[step]}{'kr' if own else cur}"
    return f"{sign}{number} {unit}".rstrip()


def format_date(
    d: _dt.date | _dt.datetime | str, format: str = "medium", lang: str | None = None
) -> str:
    """A date in the locale's way; ``format`` is ``short``, ``medium``, ``long`` or ``full``.

    Accepts a :class:`datetime.date`, a :class:`datetime.datetime` (its date is shown), a
    pandas Timestamp or an ISO text ``YYYY-MM-DD``. Missing values are ``"–"``.

    >>> import datetime
    >>> day = datetime.date(2026, 11, 23)
    >>> format_date(day, lang="en"), format_date(day, lang="sv"), format_date(day, lang="nb")
    ('23 Nov 2026', '23 nov. 2026', '23. nov. 2026')
    >>> format_date("2026-11-23", "short", lang="sv"), format_date("2026-11-23", "long", lang="nb")
    ('2026-11-23', '23. november 2026')
    """
    from babel.dates import format_date as babel_date

    if d is None or (isinstance(d, float) and math.isnan(d)):
        return "–"
    value: Any = d
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"date {d!r}: expected YYYY-MM-DD") from None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        if value != value:  # NaT
            return "–"
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        raise TypeError(f"date {d!r}: expected a date, a datetime or YYYY-MM-DD text")
    if format not in ("short", "medium", "long", "full"):
        raise ValueError(f"format {format!r}: expected short, medium, long or full")
    return babel_date(value, format=format, locale=LOCALES[_resolve(lang)])
