"""Built-in presets for HR exports: ready column mappings, and the UK organogram reader.

A preset is either a *mapping* of model fields to the column names common HR systems use
(each field may list several alternatives; the first one present in the file is used) or
a *reader* of its own for a published format. :data:`PRESETS` names them all.

>>> sorted(PRESETS)
['en-hr', 'no-hr', 'se-statskontoret', 'sv-hr', 'uk-organogram']
>>> PRESETS["sv-hr"].mapping["unit"][:2]
('Enhet', 'Avdelning')
>>> get_preset("uk-organgram")
Traceback (most recent call last):
...
orgmodel.errors.UnsupportedFormatError: unknown preset 'uk-organgram'; did you mean 'uk-organogram'?
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from orgmodel.errors import FormatError, UnsupportedFormatError, did_you_mean

__all__ = ["PRESETS", "Preset", "get_preset"]


@dataclass(frozen=True)
class Preset:
    """A named way of reading an HR export.

    ``mapping`` maps model fields to a tuple of alternative column names; ``options`` are
    default options for :func:`~orgmodel.io.hr_export.read_hr_draft`; ``reader``, when set,
    reads the files itself (``reader(paths, **options) -> Draft``).
    """

    name: str
    description: str
    mapping: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    reader: Callable[..., Any] | None = None


def _uk_organogram(paths: Any, **options: Any) -> Any:
    from orgmodel.io.organogram import read_uk_organogram

    return read_uk_organogram(paths, **options)


def _se_statskontoret(paths: Any, **options: Any) -> Any:
    from orgmodel.io.hr_export import _check_names, _paths
    from orgmodel.io.statskontoret import read_statskontoret

    _check_names("option", options, {"year": "the year to read (2007-2025, default 2025)"})
    files = _paths(paths)
    if len(files) != 1:
        raise FormatError(f"preset 'se-statskontoret' reads one file, not {len(files)}")
    return read_statskontoret(files[0], **options)


PRESETS: dict[str, Preset] = {
    "sv-hr": Preset(
        "sv-hr",
        "Swedish HR export (Anst.nr, Befattning, Enhet, Chef, Sysselsättningsgrad, Lön, Namn); "
        "decimal comma; give cost_factor=12 for monthly pay",
        {
            "id": ("Anst.nr", "Anställningsnummer", "Befattnings-id", "Befattningsnr", "Tjänstenr"),
            "title": ("Befattning", "Befattningsbenämning", "Titel", "Yrkestitel"),
            "unit": ("Enhet", "Avdelning", "Organisationsenhet", "Arbetsplats"),
            "parent_unit": ("Överordnad enhet", "Förvaltning"),
            "reports_to": ("Chef", "Närmaste chef", "Chefens anst.nr"),
            "fte_budgeted": ("Sysselsättningsgrad", "Tjänstgöringsgrad", "Omfattning"),
            "cost": ("Lön", "Månadslön", "Årslön", "Kostnad"),
            "person": ("Namn", "Anställd", "Medarbetare"),
            "vacant": ("Vakant",),
            "competences": ("Kompetenser", "Kompetens"),
        },
        {"decimal": ",", "currency": "SEK"},
    ),
    "no-hr": Preset(
        "no-hr",
        "Norwegian HR export (Ansattnr, Stilling, Enhet, Leder, Stillingsprosent, Lønn, Navn); "
        "decimal comma; give cost_factor=12 for monthly pay",
        {
            "id": ("Ansattnr", "Ansattnummer", "Stillingsnr", "Stillings-ID"),
            "title": ("Stilling", "Stillingstittel", "Tittel", "Stillingskode"),
            "unit": ("Enhet", "Avdeling", "Seksjon", "Organisasjonsenhet"),
            "parent_unit": ("Overordnet enhet", "Sektor"),
            "reports_to": ("Leder", "Nærmeste leder", "Leders ansattnr"),
            "fte_budgeted": ("Stillingsprosent", "Stillingsstørrelse", "Årsverk"),
            "cost": ("Lønn", "Årslønn", "Månedslønn", "Kostnad"),
            "person": ("Navn", "Ansatt", "Medarbeider"),
            "vacant": ("Vakant", "Ledig"),
            "competences": ("Kompetanse", "Kompetanser"),
        },
        {"decimal": ",", "currency": "NOK"},
    ),
    "en-hr": Preset(
        "en-hr",
        "English HR export (Post ID, Job Title, Unit/Department, Reports To, FTE, Salary, Name); "
        "decimal point",
        {
            "id": ("Post ID", "Position ID", "Post Number", "Employee ID"),
            "title": ("Job Title", "Title", "Position"),
            "unit": ("Unit", "Department", "Team", "Cost Centre"),
            "parent_unit": ("Parent Unit", "Directorate", "Division"),
            "reports_to": ("Reports To", "Manager", "Line Manager"),
            "fte_budgeted": ("FTE", "Budgeted FTE", "Hours %"),
            "fte_actual": ("Actual FTE",),
            "cost": ("Salary", "Annual Salary", "Cost"),
            "person": ("Name", "Employee Name", "Employee"),
            "vacant": ("Vacant",),
            "competences": ("Competences", "Skills"),
        },
        {"decimal": "."},
    ),
    "uk-organogram": Preset(
        "uk-organogram",
        "UK government organogram: a senior staff CSV and optionally its junior staff CSV "
        "(data.gov.uk 'Staff roles and salaries')",
        reader=_uk_organogram,
    ),
    "se-statskontoret": Preset(
        "se-statskontoret",
        "Statskontoret's list of Swedish government agencies (JSON): Government -> ministries "
        "-> agencies with their FTE for one year (option year, default 2025)",
        reader=_se_statskontoret,
    ),
}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; :class:`UnsupportedFormatError` naming the valid ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise UnsupportedFormatError(
            f"unknown preset {name!r}{did_you_mean(name, PRESETS)}"
        ) from None
