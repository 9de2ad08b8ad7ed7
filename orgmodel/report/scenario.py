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

In Swedish (``lang="sv"``, or the session's language): headings, sentences, column names
and numbers; the names of units and options are the user's.

>>> sv = scenario_report(base, merge, lang="sv", charts=False)
>>> [s.title for s in sv.sections], sv.title
(['Översikt', 'Nyckeltal', 'Lärande och familj'], '2014: 1 alternativ jämfört')
>>> rows = {row[0]: row[1:] for row in sv.table("Nyckeltal").display_rows()}
>>> rows["Årsarbetare i budget"], rows["Årskostnad, mnkr"]   # whole millions, as in English
(['2,0', '2,0'], ['1', '1'])
>>> print(sv.sections[2].blocks[0].text)
Enheter: 1 skapade, 2 sammanslagna med en annan.
Tjänster: 2 flyttade.
Nya (enhet): Lärande och familj.
Sammanslagna: Skola och Socialtjänst till Lärande och familj.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from orgmodel.i18n import UnknownLabelError, format_number, get_language, t
from orgmodel.model import Organisation
from orgmodel.reorg import Scenario, compare, diff
from orgmodel.report.content import Figure, Report, Section, Table, Text

__all__ = ["key_figure_table", "scenario_report"]

#: Number formats of the rows of :func:`orgmodel.reorg.compare` (labels: ``figure.*``).
_FIGURES: dict[str, str] = {
    "units": "int",
    "posts": "int",
    "managers": "int",
    "layers": "int",
    "median_span": "float",
    "max_span": "int",
    "fte_budgeted": "fte",
    "fte_actual": "fte",
    "cost": "money",
    "ties": "int",
    "ties_inside_share": "share",
}
_MILLIONS = {"SEK": "MSEK", "NOK": "MNOK", "DKK": "MDKK"}
#: Each language's own currency, written "kr" in millions: mnkr, mill. kr.
_OWN_MILLIONS = {"sv": ("SEK", "mnkr", "mn "), "nb": ("NOK", "mill. kr", "mill. ")}


def _millions(currency: str, lang: str) -> str:
    """How ``lang`` writes "millions of ``currency``": MSEK, mnkr, mill. kr, mn EUR."""
    cur = str(currency or "").upper()
    if lang == "en":
        return _MILLIONS.get(cur, "million " + cur).rstrip()
    own, word, prefix = _OWN_MILLIONS[lang]
    return word if cur == own else f"{prefix}{cur}".rstrip()


def _cost_label(currency: str, lang: str = "en") -> str:
    return t("report.scenario.cost", lang, unit=_millions(currency, lang)).rstrip(", ")


def key_figure_table(table: pd.DataFrame, currency: str = "SEK", lang: str | None = None) -> Table:
    """A :func:`orgmodel.reorg.compare` result as a report table: readable row labels,
    cost in millions, a number format per row; labels and numbers in ``lang`` (None: the
    session's language).

    >>> import pandas as pd
    >>> table = pd.DataFrame({"2014": [40.0, 2.39e9], "2015": [43.0, 2.39e9]},
    ...                      index=["units", "cost"])
    >>> key_figure_table(table).display_rows()
    [['Units', '40', '43'], ['Yearly cost, MSEK', '2,390', '2,390']]
    >>> key_figure_table(table, "NOK", lang="nb").display_rows()[1] == [
    ...     "Årlig kostnad, mill. kr", "2\xa0390", "2\xa0390"]
    True
    """
    lang = get_language() if lang is None else lang
    labels, formats, rows = [], {}, []
    for key, values in table.iterrows():
        name = str(key)
        fmt = _FIGURES.get(name)
        if name == "cost":
            label = _cost_label(currency, lang)
            values = values / 1e6
        elif fmt is not None:
            label = t(f"figure.{name}", lang)
        elif name.startswith("units_needed: "):
            label, fmt = t("figure.units_needed", lang, need=name.split(": ", 1)[1]), "int"
        else:
            label, fmt = name.replace("_", " "), "float"
        labels.append(label)
        formats[label] = fmt
        rows.append(values.astype(float).tolist())
    index = pd.Index(labels, name=t("report.scenario.key_figure", lang))
    frame = pd.DataFrame(rows, index=index, columns=table.columns)
    return Table(
        frame,
        title=t("report.scenario.key_figures", lang),
        row_formats=formats,
        note=t("report.scenario.key_figures_note", lang),
        lang=lang,
    )


def _options(
    base: Organisation,
    options: Sequence[Organisation | Scenario],
    names: Sequence[str] | None,
    lang: str = "en",
) -> tuple[list[Organisation], list[str], list[str]]:
    orgs, labels, descriptions = [], [], []
    for i, opt in enumerate(options, start=1):
        if isinstance(opt, Scenario):
            orgs.append(opt.apply(base))
            labels.append(opt.name or t("report.scenario.option", lang, i=i))
            descriptions.append(opt.description)
        elif isinstance(opt, Organisation):
            orgs.append(opt)
            labels.append(opt.name or t("report.scenario.option", lang, i=i))
            descriptions.append(str(opt.meta.get("description", "") or ""))
        else:
            raise TypeError(
                f"options must be Organisations or Scenarios, got {type(opt).__name__} (option {i})"
            )
    base_label = base.name or t("report.scenario.base", lang)
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


def _join(names: list[str], lang: str = "en") -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {t('report.and', lang)} " + names[-1]


def _word(key: str, change: Any, lang: str) -> str:
    """A change kind in ``lang`` (``change.unit.moved``...); unknown kinds as written."""
    try:
        return t(f"{key}.{change}", lang)
    except UnknownLabelError:
        return str(change).replace("_", " ")


def _summary_lines(d: Any, lang: str) -> list[str]:
    """The diff's summary sentences in ``lang`` (:meth:`OrgDiff.summary_text`)."""
    return d.summary_text(lang).splitlines()


def _change_text(before: Organisation, after: Organisation, d: Any, lang: str = "en") -> str:
    """The diff's summary sentences, then which units were created, merged and removed."""
    noise = ("Name: ", "Meta information changed.")  # the titles name the options already
    lines = [line for line in _summary_lines(d, lang) if not line.startswith(noise)]
    units = d.units
    created = units[units["change"] == "created"]
    if len(created):
        by_kind: dict[str, list[str]] = {}
        for uid in created.index:
            u = after.unit_map[uid]
            kind = u.kind.replace("_", " ") if lang == "en" else _word("kind", u.kind, lang)
            by_kind.setdefault(kind if lang == "en" else kind.lower(), []).append(u.name)
        lines.extend(
            t("report.scenario.created", lang, kind=k, names=_join(n, lang))
            for k, n in by_kind.items()
        )
    merged = units[units["change"] == "merged_into"]
    if len(merged):
        into: dict[str, list[str]] = {}
        for uid, row in merged.iterrows():
            into.setdefault(_unit_name(after, before, row["detail"]), []).append(
                before.unit_map[uid].name
            )
        items = "; ".join(
            t("report.scenario.merged_into", lang, names=_join(n, lang), target=target)
            for target, n in into.items()
        )
        lines.append(t("report.scenario.merged", lang, items=items))
    removed = units[units["change"] == "removed"]
    if len(removed):
        names = _join([before.unit_map[u].name for u in removed.index], lang)
        lines.append(t("report.scenario.removed", lang, names=names))
    return "\n".join(lines)


def _columns(lang: str, *keys: str) -> list[str]:
    return [t(f"report.scenario.col.{k}", lang) for k in keys]


def _units_table(
    before: Organisation, after: Organisation, d: Any, label: str, lang: str = "en"
) -> Table:
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
                _word("report.scenario.unit_change", change, lang),
                _text(before_text),
                _text(after_text),
            )
        )
    columns = _columns(lang, "unit_id", "unit", "change", "before", "after")
    frame = pd.DataFrame(rows, columns=columns).set_index(columns[0])
    return Table(
        frame,
        title=t("report.scenario.changed_units", lang, name=label),
        sheet=t("report.scenario.units_sheet", lang, name=label),
        note=t("report.scenario.units_note", lang),
        lang=lang,
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


def _posts_table(
    before: Organisation, after: Organisation, d: Any, label: str, lang: str = "en"
) -> Table:
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
        name = _word("report.scenario.post_change", change, lang)
        rows.append((pid, title, name, _text(b), _text(a)))
    columns = _columns(lang, "post_id", "post", "change", "before", "after")
    frame = pd.DataFrame(rows, columns=columns).set_index(columns[0])
    return Table(
        frame,
        title=t("report.scenario.changed_posts", lang, name=label),
        sheet=t("report.scenario.posts_sheet", lang, name=label),
        note=t("report.scenario.posts_note", lang),
        lang=lang,
    )


def _overview(
    base: Organisation, base_label: str, labels: list[str], descs: list[str], lang: str = "en"
) -> Text:
    posts = base.posts
    fte, cost = posts["fte_budgeted"].sum(), posts["cost"].sum() / 1e6
    english = lang == "en"
    lines = [
        t(
            "report.scenario.overview_base",
            lang,
            name=base_label,
            units=len(base.unit_map),
            posts=len(base.post_map),
            fte=f"{fte:,.1f}" if english else format_number(fte, 1, lang),
            cost=f"{cost:,.0f}" if english else format_number(cost, 0, lang),
            money=_millions(base.currency, lang),
        )
    ]
    for k, (label, desc) in enumerate(zip(labels, descs, strict=True), start=1):
        line = t("report.scenario.overview_option", lang, i=k, name=label)
        lines.append(line + (f". {desc}" if desc else ""))
    return Text("\n".join(lines), title=t("report.scenario.overview", lang))


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
    lang: str | None = None,
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
    lang
        Language of headings, sentences, column names, chart labels, numbers and the
        date (``"en"``, ``"sv"``, ``"nb"``); None: the session's
        (:func:`orgmodel.i18n.get_language`).

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
    from orgmodel.i18n import check_language

    lang = get_language() if lang is None else check_language(lang)
    orgs, labels, descs = _options(base, options, names, lang)
    base_label, option_labels = labels[0], labels[1:]
    table = compare(base, *orgs, names=labels, needs=_needs_mapping(needs))
    figures = key_figure_table(table, base.currency, lang)
    key_blocks: list[Any] = [figures]
    if charts:
        import matplotlib.pyplot as plt

        from orgmodel.plot.compare import plot_key_figures

        # sized for the body of a 16:9 slide, so the text stays large when it is placed
        _, ax = plt.subplots(figsize=(12.3, 5.4), layout="constrained")
        plot_key_figures(table, ax, currency=base.currency, fontsize=13, lang=lang)
        key_blocks.append(
            Figure.from_matplotlib(
                ax,
                t("report.scenario.key_chart", lang),
                t("report.scenario.key_chart_caption", lang),
                dpi=dpi,
            )
        )
    sections = [
        Section(
            t("report.scenario.overview", lang),
            [_overview(base, base_label, option_labels, descs, lang)],
        ),
        Section(t("report.scenario.key_figures", lang), key_blocks),
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
                lang=lang,
            )
            if max_depth is None:
                depth = t("report.scenario.charts_all", lang)
            else:
                many = "one" if max_depth == 1 else "many"
                depth = t(f"report.scenario.charts_depth_{many}", lang, n=max_depth)
            blocks.append(
                Figure.from_matplotlib(
                    fig, t("report.scenario.before_after", lang, name=label), depth, dpi=dpi
                )
            )
        blocks.append(
            Text(
                _change_text(base, org, d, lang),
                title=t("report.scenario.what_changes", lang, name=label),
            )
        )
        if len(d.units):
            blocks.append(_units_table(base, org, d, label, lang))
        if len(d.posts):
            blocks.append(_posts_table(base, org, d, label, lang))
        sections.append(Section(label, blocks))
    n = len(orgs)
    many = "one" if n == 1 else "many"
    return Report(
        title or t(f"report.scenario.title_{many}", lang, base=base_label, n=n),
        sections,
        subtitle=subtitle,
        author=author,
        lang=lang,
    )
