"""The scenario-comparison report: a base organisation and its options, side by side.

:func:`scenario_report` builds the content (a :class:`~orgmodel.report.content.Report`)
from :func:`orgmodel.reorg.compare` and :func:`orgmodel.reorg.diff`: an overview, the key
figures as a table and a chart, and for each option the before/after org charts, what
changes in a few sentences and the changed units and posts as tables. Write it with
``to_pptx``, ``to_excel`` or ``to_html``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.model import Organisation, Unit, Post
>>> from orgmodel.reorg import MergeUnits, Scenario
>>> base = Organisation(
...     [Unit("k", "Kommun"), Unit("a", "Skola", parent="k"), Unit("b", "Socialtjänst", parent="k")],
...     [Post("p", unit="a", cost=600_000), Post("q", unit="b", cost=550_000)], name="2014")
>>> merge = Scenario("Lärande och familj").then(MergeUnits(("a", "b"), into="laf",
...                                                         name="Lärande och familj"))
>>> r = scenario_report(base, merge)
>>> r.table("Key figures").display_rows()[:2]
[['Units', '3', '2'], ['Posts', '2', '2']]
>>> r.table("Key figures").frame.loc["Yearly cost, MSEK"].tolist()   # 600,000 + 550,000 SEK
[1.15, 1.15]
>>> print(r.sections[2].blocks[1].text)
Units: 1 created, 2 merged into another.
Posts: 2 moved.
Created (unit): Lärande och familj.
Merged: Skola and Socialtjänst into Lärande och familj.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from orgmodel.model import Organisation
from orgmodel.reorg import Scenario, compare, diff
from orgmodel.report.content import Figure, Report, Section, Table, Text

__all__ = ["key_figure_table", "scenario_report"]

#: Readable labels and number formats of the rows of :func:`orgmodel.reorg.compare`.
_FIGURES: dict[str, tuple[str, str]] = {
    "units": ("Units", "int"),
    "posts": ("Posts", "int"),
    "managers": ("Managers", "int"),
    "layers": ("Layers", "int"),
    "median_span": ("Median span of control", "float"),
    "max_span": ("Largest span of control", "int"),
    "fte_budgeted": ("FTE budgeted", "fte"),
    "fte_actual": ("FTE actual", "fte"),
    "cost": ("Yearly cost", "money"),
    "ties": ("Collaboration ties", "int"),
    "ties_inside_share": ("Ties inside a group", "share"),
}
_MILLIONS = {"SEK": "MSEK", "NOK": "MNOK", "DKK": "MDKK"}
_UNIT_CHANGES = {
    "created": "created",
    "removed": "removed",
    "merged_into": "merged into",
    "split_into": "split into",
    "renamed": "renamed",
    "moved": "moved",
    "kind_changed": "kind changed",
    "head_changed": "head changed",
}


def _cost_label(currency: str) -> str:
    cur = str(currency or "").upper()
    return f"Yearly cost, {_MILLIONS.get(cur, 'million ' + cur)}".rstrip()


def key_figure_table(table: pd.DataFrame, currency: str = "SEK") -> Table:
    """A :func:`orgmodel.reorg.compare` result as a report table: readable row labels,
    cost in millions, a number format per row.

    >>> import pandas as pd
    >>> t = key_figure_table(pd.DataFrame({"2014": [40.0, 2.39e9], "2015": [43.0, 2.39e9]},
    ...                                   index=["units", "cost"]))
    >>> t.display_rows()
    [['Units', '40', '43'], ['Yearly cost, MSEK', '2,390', '2,390']]
    """
    labels, formats, rows = [], {}, []
    for key, values in table.iterrows():
        label, fmt = _FIGURES.get(str(key), (None, None))
        if key == "cost":
            label = _cost_label(currency)
            values = values / 1e6
        elif label is None and str(key).startswith("units_needed: "):
            label, fmt = "Units needed: " + str(key).split(": ", 1)[1], "int"
        elif label is None:
            label, fmt = str(key).replace("_", " "), "float"
        labels.append(label)
        formats[label] = fmt
        rows.append(values.astype(float).tolist())
    frame = pd.DataFrame(rows, index=pd.Index(labels, name="Key figure"), columns=table.columns)
    return Table(
        frame,
        title="Key figures",
        row_formats=formats,
        note="Ties inside a group: share of collaboration ties whose ends are in the same "
        "unit at the first level below the top (e.g. a main mission).",
    )


def _options(
    base: Organisation, options: Sequence[Organisation | Scenario], names: Sequence[str] | None
) -> tuple[list[Organisation], list[str], list[str]]:
    orgs, labels, descriptions = [], [], []
    for i, opt in enumerate(options, start=1):
        if isinstance(opt, Scenario):
            orgs.append(opt.apply(base))
            labels.append(opt.name or f"Option {i}")
            descriptions.append(opt.description)
        elif isinstance(opt, Organisation):
            orgs.append(opt)
            labels.append(opt.name or f"Option {i}")
            descriptions.append(str(opt.meta.get("description", "") or ""))
        else:
            raise TypeError(
                f"options must be Organisations or Scenarios, got {type(opt).__name__} (option {i})"
            )
    base_label = base.name or "Base"
    if names is not None:
        if len(names) != len(orgs) + 1:
            raise ValueError(
                f"give {len(orgs) + 1} names (the base and each option), got {len(names)}"
            )
        base_label, *labels = [str(n) for n in names]
    return orgs, [base_label, *labels], descriptions


def _needs_mapping(needs: Mapping[str, Any] | None) -> dict[str, list[str]] | None:
    """``{label: competences}`` from competences lists or :class:`orgmodel.staffing.Need`."""
    if not needs:
        return None
    out = {}
    for key, value in needs.items():
        if hasattr(value, "competences"):
            out[str(getattr(value, "title", "") or key)] = list(value.competences)
        else:
            out[str(key)] = list(value)
    return out


def _unit_name(org_after: Organisation, org_before: Organisation, uid: Any) -> str:
    if uid is None or (isinstance(uid, float) and uid != uid):
        return ""
    for org in (org_after, org_before):
        if uid in org.unit_map:
            return org.unit_map[uid].name
    return str(uid)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _change_text(before: Organisation, after: Organisation, d: Any) -> str:
    """The diff's summary sentences, then which units were created, merged and removed."""
    noise = ("Name: ", "Meta information changed.")  # the titles name the options already
    lines = [line for line in d.summary_text().splitlines() if not line.startswith(noise)]
    units = d.units
    created = units[units["change"] == "created"]
    if len(created):
        by_kind: dict[str, list[str]] = {}
        for uid in created.index:
            u = after.unit_map[uid]
            by_kind.setdefault(u.kind.replace("_", " "), []).append(u.name)
        lines.extend(f"Created ({k}): {_join(n)}." for k, n in by_kind.items())
    merged = units[units["change"] == "merged_into"]
    if len(merged):
        into: dict[str, list[str]] = {}
        for uid, row in merged.iterrows():
            into.setdefault(_unit_name(after, before, row["detail"]), []).append(
                before.unit_map[uid].name
            )
        lines.append("Merged: " + "; ".join(f"{_join(n)} into {t}" for t, n in into.items()) + ".")
    removed = units[units["change"] == "removed"]
    if len(removed):
        lines.append("Removed: " + _join([before.unit_map[u].name for u in removed.index]) + ".")
    return "\n".join(lines)


def _units_table(before: Organisation, after: Organisation, d: Any, label: str) -> Table:
    units = d.units[d.units["change"] != "attrs_changed"]
    rows = []
    for uid, row in units.iterrows():
        change = row["change"]
        if change in ("merged_into", "split_into"):
            detail_ids = [s.strip() for s in str(row["detail"]).split(",") if s.strip()]
            before_text = row["before"]
            after_text = ", ".join(_unit_name(after, before, t) for t in detail_ids)
        elif change == "moved":  # parents: show their names
            before_text = _unit_name(before, before, row["before"])
            after_text = _unit_name(after, after, row["after"])
        elif change == "head_changed":
            before_text = _post_title(before, row["before"])
            after_text = _post_title(after, row["after"])
        else:
            before_text, after_text = row["before"], row["after"]
        rows.append(
            (
                uid,
                _unit_name(after, before, uid),
                _UNIT_CHANGES.get(change, str(change).replace("_", " ")),
                _text(before_text),
                _text(after_text),
            )
        )
    frame = pd.DataFrame(rows, columns=["Unit id", "Unit", "Change", "Before", "After"])
    frame = frame.set_index("Unit id")
    return Table(
        frame,
        title=f"Changed units: {label}",
        sheet=f"Units {label}",
        note="Moved: the parent unit before and after. Changes in free attributes are left out.",
    )


def _post_title(org: Organisation, pid: Any) -> str:
    if pid is None or (isinstance(pid, float) and pid != pid):
        return ""
    return org.post_map[pid].title if pid in org.post_map else str(pid)


def _text(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return value


def _posts_table(before: Organisation, after: Organisation, d: Any, label: str) -> Table:
    posts = d.posts[d.posts["change"] != "attrs"]
    rows = []
    for pid, row in posts.iterrows():
        change = row["change"]
        if change == "moved":
            b, a = _unit_name(before, before, row["before"]), _unit_name(after, after, row["after"])
        elif change == "reporting_changed":
            b, a = _post_title(before, row["before"]), _post_title(after, row["after"])
        else:
            b, a = row["before"], row["after"]
        title = _post_title(after, pid) or _post_title(before, pid)
        name = "reporting line" if change == "reporting_changed" else change.replace("_", " ")
        rows.append((pid, title, name, _text(b), _text(a)))
    frame = pd.DataFrame(rows, columns=["Post id", "Post", "Change", "Before", "After"])
    frame = frame.set_index("Post id")
    return Table(
        frame,
        title=f"Changed posts: {label}",
        sheet=f"Posts {label}",
        note="Moved: the unit before and after; reporting line: the manager's post. "
        "Changes in free attributes are left out.",
    )


def _overview(base: Organisation, base_label: str, labels: list[str], descs: list[str]) -> Text:
    cur = base.currency
    posts = base.posts
    lines = [
        f"Base: {base_label}: {len(base.unit_map)} units, {len(base.post_map)} posts, "
        f"{posts['fte_budgeted'].sum():,.1f} FTE budgeted, "
        f"{posts['cost'].sum() / 1e6:,.0f} {_cost_label(cur).split(', ', 1)[1]} a year."
    ]
    for k, (label, desc) in enumerate(zip(labels, descs, strict=True), start=1):
        lines.append(f"Option {k}: {label}" + (f". {desc}" if desc else ""))
    return Text("\n".join(lines), title="Overview")


def scenario_report(
    base: Organisation,
    *options: Organisation | Scenario,
    names: Sequence[str] | None = None,
    needs: Mapping[str, Iterable[str] | Any] | None = None,
    title: str | None = None,
    subtitle: str = "",
    author: str = "",
    max_depth: int | None = 1,
    charts: bool = True,
    dpi: int = 200,
) -> Report:
    """The report that compares a base organisation with one or more options.

    Parameters
    ----------
    base
        The present organisation.
    options
        The options: organisations, or :class:`~orgmodel.reorg.Scenario` values applied
        to ``base``.
    names
        A name for the base and each option (default: their own names).
    needs
        ``{need: competences}`` (or ``{id: Need}`` from :func:`orgmodel.staffing.read_needs`):
        adds a row per need, the fewest units at the first level that together have its
        competences (:func:`orgmodel.reorg.units_needed`).
    title, subtitle, author
        For the title slide (default title: the base's name and the number of options).
    max_depth
        Levels of units drawn below the top in the org charts (None: all).
    charts
        Draw the org charts and the key-figure chart (matplotlib); False gives the text
        and tables only, which is quick.
    dpi
        Resolution of the figures.

    Returns
    -------
    Report
        Sections *Overview*, *Key figures*, then one per option (before/after charts, what
        changes, changed units, changed posts).
    """
    if not isinstance(base, Organisation):
        raise TypeError(f"base must be an Organisation, got {type(base).__name__}")
    if not options:
        raise ValueError("give at least one option (an Organisation or a Scenario) to compare")
    orgs, labels, descs = _options(base, options, names)
    base_label, option_labels = labels[0], labels[1:]
    table = compare(base, *orgs, names=labels, needs=_needs_mapping(needs))
    figures = key_figure_table(table, base.currency)
    key_blocks: list[Any] = [figures]
    if charts:
        import matplotlib.pyplot as plt

        from orgmodel.plot.compare import plot_key_figures

        # sized for the body of a 16:9 slide, so the text stays large when it is placed
        _, ax = plt.subplots(figsize=(12.3, 5.4), layout="constrained")
        plot_key_figures(table, ax, currency=base.currency, fontsize=13)
        key_blocks.append(
            Figure.from_matplotlib(
                ax, "Key figures compared", "Bars: share of the largest value in each row.", dpi=dpi
            )
        )
    sections = [
        Section("Overview", [_overview(base, base_label, option_labels, descs)]),
        Section("Key figures", key_blocks),
    ]
    for org, label in zip(orgs, option_labels, strict=True):
        d = diff(base, org)
        blocks: list[Any] = []
        if charts:
            from orgmodel.plot.compare import draw_side_by_side

            fig = draw_side_by_side(
                [base, org],
                [base_label, label],
                max_depth=max_depth,
                aspect=1.2,
                max_size=(13.33, 5.6),
            )
            depth = (
                "all levels"
                if max_depth is None
                else f"{max_depth} level{'s' if max_depth != 1 else ''} below the top"
            )
            blocks.append(
                Figure.from_matplotlib(
                    fig, f"Before and after: {label}", f"Org charts, {depth}.", dpi=dpi
                )
            )
        blocks.append(Text(_change_text(base, org, d), title=f"What changes: {label}"))
        if len(d.units):
            blocks.append(_units_table(base, org, d, label))
        if len(d.posts):
            blocks.append(_posts_table(base, org, d, label))
        sections.append(Section(label, blocks))
    n = len(orgs)
    return Report(
        title or f"{base_label}: {n} option{'s' if n != 1 else ''} compared",
        sections,
        subtitle=subtitle,
        author=author,
    )
