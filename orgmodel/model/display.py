"""A compact HTML summary of an organisation for Jupyter (every name escaped: user data)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = ["organisation_html"]


def _num(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", "\u202f")


def organisation_html(org: Organisation, *, max_rows: int = 12) -> str:
    """Counts, FTE and cost, and the top units with their totals, as escaped HTML.

    >>> from orgmodel.model.entities import Unit, Post
    >>> from orgmodel.model.organisation import Organisation
    >>> org = Organisation([Unit("u", "<b>Evil</b> & co")], [Post("p", unit="u")], name="<x>")
    >>> "&lt;b&gt;Evil&lt;/b&gt; &amp; co" in organisation_html(org), "<b>Evil" in organisation_html(org)
    (True, False)
    """
    from orgmodel.analysis.rollup import rollup

    e = html.escape
    posts = org.posts
    fte_b = float(posts["fte_budgeted"].sum()) if len(posts) else 0.0
    fte_a = float(posts["fte_actual"].sum()) if len(posts) else 0.0
    cost = float(posts["cost"].sum()) if len(posts) else 0.0
    head = (
        f"<div class='orgmodel-summary'><strong>{e(org.name or 'Organisation')}</strong> "
        f"<span style='color:#666'>{len(org.unit_map)} units · {len(org.post_map)} posts · "
        f"{len(org.person_map)} people · FTE {_num(fte_a)} actual / {_num(fte_b)} budgeted · "
        f"cost {_num(cost, 0)} {e(org.currency)}</span>"
    )
    if not org.unit_map:
        return head + "</div>"
    table = rollup(org)
    shown = []
    for root in org.roots():
        shown.append((root, 0))
        shown.extend((c, 1) for c in org.children(root))
    rows = []
    for uid, depth in shown[:max_rows]:
        u = org.unit(uid)
        r = table.loc[uid]
        rows.append(
            "<tr>"
            f"<td style='padding-left:{0.3 + 1.2 * depth}em;text-align:left'>{e(u.name)}</td>"
            f"<td style='text-align:left'>{e(u.kind)}</td>"
            f"<td>{int(r['posts_total'])}</td>"
            f"<td>{_num(r['fte_budgeted_total'])}</td>"
            f"<td>{_num(r['fte_actual_total'])}</td>"
            f"<td>{_num(r['cost_total'], 0)}</td>"
            "</tr>"
        )
    more = len(shown) - max_rows
    foot = f"<tr><td colspan='6'>… and {more} more units</td></tr>" if more > 0 else ""
    return (
        head
        + "<table><tr><th style='text-align:left'>unit</th><th style='text-align:left'>kind</th>"
        "<th>posts</th><th>FTE budgeted</th><th>FTE actual</th><th>cost</th></tr>"
        + "".join(rows)
        + foot
        + "</table></div>"
    )
