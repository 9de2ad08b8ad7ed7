"""Read Statskontoret's list of Swedish government agencies into a Draft.

``statskontoret_agencies.json`` (Statskontorets myndighetsförteckning 2007-2025, as
extracted by civictechsweden/myndighetsdata) is one JSON object keyed by agency name, with
the ministry (``department``), the host agency (``host``, *värdmyndighet*), the form of
governance (``structure``) and the staff in FTE (*årsarbetskrafter*) per year.

:func:`read_statskontoret` builds, for one year, a three-level tree: the Government
(``regeringen``, kind ``political_body``) -> one unit per ministry (kind ``department``) ->
one unit per agency that existed that year (kind ``administration``), with one post per
agency holding its FTE for the year (cost 0: the file has no costs). A host that matches
an agency of that year becomes a directed link of kind ``partner`` from the host to the
hosted agency, with ``attrs["relation"] == "host"``; hosts that match no agency (the
Government Offices' ``RK/...`` codes, misspellings, defunct agencies) are warnings.

>>> import json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "agencies.json"
>>> _ = path.write_text(json.dumps({
...     "Kammarkollegiet": {"department": "Finansdepartementet", "host": "",
...                         "fte": {"2025": 300.5}},
...     "Alkoholsortimentsnämnden": {"department": "Socialdepartementet",
...                                  "host": "Kammarkollegiet", "fte": {"2025": 0.25}},
... }, indent=2), encoding="utf-8")
>>> org = read_statskontoret(path, year=2025).build()
>>> org.children("regeringen")
['finansdepartementet', 'socialdepartementet']
>>> org.post("alkoholsortimentsnämnden-fte").fte_budgeted
0.25
>>> [(link.source, link.target, link.kind) for link in org.link_list]
[('kammarkollegiet', 'alkoholsortimentsnämnden', 'partner')]
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

from orgmodel.errors import FormatError
from orgmodel.io.draft import Draft
from orgmodel.io.hr_export import _UnitRegistry, clean_text
from orgmodel.model import Link, Location, Post, Problem, Unit

__all__ = ["FIRST_YEAR", "LAST_YEAR", "read_statskontoret"]

#: The years the list covers: an agency without ``start``/``end`` existed from/until these.
FIRST_YEAR, LAST_YEAR = 2007, 2025

_KEY_LINE = re.compile(r'^  ("(?:[^"\\]|\\.)*")\s*:')


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key of a pretty-printed JSON object (2-space indent)."""
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = _KEY_LINE.match(line)
        if m:
            out.setdefault(json.loads(m.group(1)), number)
    return out


def read_statskontoret(path: str | os.PathLike[str], year: int = LAST_YEAR) -> Draft:
    """The Government, its ministries and the agencies of one year, with their FTE.

    Parameters
    ----------
    path
        ``statskontoret_agencies.json``.
    year
        The year (2007-2025): agencies with ``start <= year <= end`` are read, with
        ``fte[year]``.

    Returns
    -------
    Draft
        Warnings (with the line of the agency in the file) for a missing FTE, an FTE cell
        holding text (e.g. ``"Ingår i RPS"``: counted in another agency; read as 0), and
        hosts that match no agency of that year.

    Raises
    ------
    FormatError
        When the file is not a JSON object of agencies, or the year is outside 2007-2025.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"{p}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise FormatError(f"{p}: expected a JSON object mapping agency names to objects")
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise FormatError(f"year must be between {FIRST_YEAR} and {LAST_YEAR}, not {year!r}")
    year = int(year)
    lines = _key_lines(text)

    def where(agency: str) -> Location:
        return Location(str(p), line=lines.get(agency))

    draft = Draft(name=f"Regeringen {year}", source=str(p))
    draft.meta.update(
        {
            "currency": "SEK",
            "date": str(year),
            "source": f"Statskontorets myndighetsförteckning {FIRST_YEAR}-{LAST_YEAR} ({p.name})",
            "note": "One post per agency holds its FTE (årsarbetskrafter) for the year; "
            "costs are not in the source. Ministries are the agencies' latest ones.",
        }
    )
    units = _UnitRegistry(["regeringen"])
    draft.units.append(Unit("regeringen", "Regeringen", kind="political_body"))
    draft.locations.add("units", 0, Location(str(p)))

    present = {
        name: info
        for name, info in data.items()
        if int(info.get("start", FIRST_YEAR)) <= year <= int(info.get("end", LAST_YEAR))
    }
    # ministries first (in order of appearance), then the agencies
    mid_by_name: dict[str, str] = {}
    for info in present.values():
        ministry = clean_text(info.get("department"))
        if ministry and ministry not in mid_by_name:
            mid_by_name[ministry] = units.id_for(ministry)
            draft.locations.add("units", len(draft.units), Location(str(p)))
            draft.units.append(
                Unit(mid_by_name[ministry], ministry, kind="department", parent="regeringen")
            )

    agency_unit: dict[str, str] = {}
    for name, info in present.items():
        loc = where(name)
        uid = units.id_for(name)
        agency_unit[name] = uid
        ministry = clean_text(info.get("department"))
        attrs = {
            k: info[k]
            for k in (
                "org_nr",
                "cofog",
                "cofog10",
                "structure",
                "has_gd",
                "created_by",
                "latest_updated_by",
                "start",
                "end",
            )
            if k in info
        }
        if info.get("other_names"):
            attrs["other_names"] = list(info["other_names"])
        parent = mid_by_name.get(ministry, "regeringen")
        if not ministry:
            draft.problems.append(
                Problem(
                    "warning",
                    "no_ministry",
                    "the agency has no ministry; put directly under the Government",
                    table="units",
                    id=uid,
                    field="department",
                    value=info.get("department"),
                    location=loc,
                )
            )
        draft.locations.add("units", len(draft.units), loc)
        draft.units.append(Unit(uid, name, kind="administration", parent=parent, attrs=attrs))

        fte_raw = (info.get("fte") or {}).get(str(year))
        fte: Any = fte_raw
        post_attrs: dict[str, Any] = {"year": year}
        if fte_raw is None or (isinstance(fte_raw, float) and math.isnan(fte_raw)):
            fte = 0.0
            post_attrs["fte_missing"] = True
            draft.problems.append(
                Problem(
                    "warning",
                    "fte_missing",
                    f"no FTE given for {year}; read as 0",
                    table="posts",
                    id=f"{uid}-fte",
                    field="fte",
                    value=None,
                    location=loc,
                )
            )
        elif isinstance(fte_raw, str):
            fte = 0.0
            post_attrs["fte_note"] = fte_raw
            draft.problems.append(
                Problem(
                    "warning",
                    "fte_not_a_number",
                    f"the FTE for {year} is the text {fte_raw!r} (its staff are counted "
                    "in another agency); read as 0",
                    table="posts",
                    id=f"{uid}-fte",
                    field="fte",
                    value=fte_raw,
                    location=loc,
                )
            )
        draft.locations.add("posts", len(draft.posts), loc)
        draft.posts.append(
            Post(
                f"{uid}-fte",
                unit=uid,
                title=f"Årsarbetskrafter {year}",
                fte_budgeted=fte,
                attrs=post_attrs,
            )
        )

    # hosts: exact name, then ignoring case, then an agency's other names
    by_fold: dict[str, str] = {}
    for name, info in data.items():
        by_fold.setdefault(clean_text(name).casefold(), name)
        for other in info.get("other_names") or ():
            by_fold.setdefault(clean_text(other).casefold(), name)
    for name, info in present.items():
        host = clean_text(info.get("host"))
        if not host:
            continue
        match = host if host in data else by_fold.get(host.casefold())
        uid = agency_unit[name]
        if match is None or match not in agency_unit or match == name:
            reason = (
                "matches no agency in the list"
                if match is None
                else f"is the agency {match!r}, which did not exist in {year}"
                if match not in agency_unit
                else "is the agency itself"
            )
            draft.problems.append(
                Problem(
                    "warning",
                    "unmatched_host",
                    f"host {host!r} {reason}; no link made",
                    table="units",
                    id=uid,
                    field="host",
                    value=host,
                    location=where(name),
                )
            )
            continue
        draft.locations.add("links", len(draft.links), where(name))
        draft.links.append(
            Link(
                agency_unit[match],
                uid,
                kind="partner",
                directed=True,
                attrs={"relation": "host", "note": "source hosts target (värdmyndighet)"},
            )
        )
    return draft
