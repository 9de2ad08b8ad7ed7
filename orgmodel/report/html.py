"""Write a :class:`~orgmodel.report.content.Report` as one standalone HTML file.

Everything is in the one file: the CSS in a ``<style>`` element, figures as base64 PNG
``data:`` URLs, tables as HTML tables; there are no scripts and no links to other files,
so the page can be mailed or put on an intranet as it is. Every string from the report
(titles, names, cells) is HTML-escaped. The file is written atomically (UTF-8).

>>> import pandas as pd
>>> from orgmodel.report.content import Report, Section, Table
>>> r = Report("A <b>bold</b> title", [Section("Units", [Table(pd.DataFrame({"name": ["<script>"]}))])])
>>> page = render_html(r)
>>> "&lt;script&gt;" in page and "<script>" not in page
True
"""

from __future__ import annotations

import base64
import html
import os
import re
from pathlib import Path

from orgmodel.report.content import Figure, Report, Table, Text

__all__ = ["render_html", "write_html"]

_CSS = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #222b35;
       margin: 0 auto; max-width: 1200px; padding: 1.5rem 2rem 4rem; line-height: 1.45; }
header { border-bottom: 3px solid #2f5f8a; margin-bottom: 1.5rem; }
h1 { font-size: 2rem; margin: 0.2rem 0; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid #c9d3dd; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; }
.subtitle { color: #6f7d8c; margin: 0 0 0.8rem; }
nav ol { columns: 2; color: #2f5f8a; }
nav a { color: #2f5f8a; text-decoration: none; }
table { border-collapse: collapse; margin: 0.6rem 0 0.4rem; font-size: 0.92rem; }
th { background: #2f5f8a; color: white; text-align: left; padding: 0.35rem 0.6rem; }
tbody th { background: none; color: inherit; font-weight: 600; vertical-align: top;
           border-bottom: 1px solid #dde3ea; }
td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #dde3ea; vertical-align: top; }
tbody tr:nth-child(even) { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #dde3ea; }
figcaption, .note { color: #6f7d8c; font-size: 0.9rem; }
@media print { h2 { page-break-before: always; } nav { display: none; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(k: int, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40]
    return f"s{k}-{slug}" if slug else f"s{k}"


def _table_html(table: Table) -> str:
    header = table.header
    numeric = ([False] if table.index else []) + [
        table.numeric_column(c) for c in range(table.frame.shape[1])
    ]
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in header)
    body = []
    for row in table.display_rows():
        cells = []
        for c, text in enumerate(row):
            if c == 0 and table.index:
                cells.append(f"<th scope='row'>{_e(text)}</th>")
            else:
                cls = " class='num'" if numeric[c] else ""
                cells.append(f"<td{cls}>{_e(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = f"<p class='note'>{_e(table.note)}</p>" if table.note else ""
    return (
        f"<div class='table-wrap'><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>{note}"
    )


def _figure_html(figure: Figure) -> str:
    data = base64.b64encode(figure.png).decode("ascii")
    width, _ = figure.pixels
    shown = min(width, round(figure.width_in * 96))  # CSS pixels at the figure's size
    caption = f"<figcaption>{_e(figure.caption)}</figcaption>" if figure.caption else ""
    return (
        f"<figure><img src='data:image/png;base64,{data}' alt='{_e(figure.title)}' "
        f"width='{shown}'>{caption}</figure>"
    )


def render_html(report: Report) -> str:
    """The report as the text of one standalone HTML page."""
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{report.language}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<meta name='generator' content='orgmodel'><title>{_e(report.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(report.title)}</h1>",
    ]
    sub = " · ".join(x for x in (report.subtitle, report.author, report.date_text) if x)
    if sub:
        parts.append(f"<p class='subtitle'>{_e(sub)}</p>")
    parts.append("</header>")
    anchors = [_anchor(k, s.title) for k, s in enumerate(report.sections, start=1)]
    if len(report.sections) > 1:
        items = "".join(
            f"<li><a href='#{a}'>{_e(s.title)}</a></li>"
            for a, s in zip(anchors, report.sections, strict=True)
        )
        parts.append(f"<nav><ol>{items}</ol></nav>")
    for anchor, section in zip(anchors, report.sections, strict=True):
        parts.append(f"<section id='{anchor}'><h2>{_e(section.title)}</h2>")
        for block in section.blocks:
            if block.title and block.title != section.title:
                parts.append(f"<h3>{_e(block.title)}</h3>")
            if isinstance(block, Text):
                parts.extend(f"<p>{_e(line)}</p>" for line in block.paragraphs)
            elif isinstance(block, Table):
                parts.append(_table_html(block))
            else:
                parts.append(_figure_html(block))
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write ``report`` as one standalone HTML file (UTF-8), atomically."""
    from orgmodel.io.atomic import atomic_write

    target = Path(path)
    with atomic_write(target) as f:
        f.write(render_html(report))
    return target
