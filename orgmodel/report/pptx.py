"""Write a :class:`~orgmodel.report.content.Report` as a 16:9 PowerPoint file (python-pptx).

One idea per slide: a title slide, then for each section one slide per block: a text
block is a slide of short paragraphs, a figure a slide with the picture as large as fits,
a table native PowerPoint table(s), split over as many slides as it needs
("(2/3)" in the title): evenly by rows, or by the estimated height of wrapped rows when
long cells would overflow the slide. Fonts are at least 14 points so they read on a projector.
Text cells that a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``) get a
leading apostrophe, so pasting a table into Excel never runs them. The file is written
atomically.

>>> import pathlib, tempfile
>>> import pandas as pd
>>> from orgmodel.report.content import Report, Section, Table, Text
>>> r = Report("Demo", [Section("Figures", [Text("Two options."),
...      Table(pd.DataFrame({"units": range(30)}), title="Units")])])
>>> path = write_pptx(r, pathlib.Path(tempfile.mkdtemp()) / "demo.pptx")
>>> from pptx import Presentation
>>> [s.shapes.title.text for s in Presentation(path).slides]
['Demo', 'Figures', 'Units (1/3)', 'Units (2/3)', 'Units (3/3)']
"""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path
from typing import Any

from orgmodel.report.content import Figure, Report, Table, Text, is_formula_like

__all__ = ["SLIDE_HEIGHT_IN", "SLIDE_WIDTH_IN", "table_pages", "write_pptx"]

SLIDE_WIDTH_IN = 13.333
SLIDE_HEIGHT_IN = 7.5
_MARGIN_IN = 0.5
_TITLE_TOP_IN = 0.3
_TITLE_HEIGHT_IN = 1.0
_BODY_TOP_IN = 1.45
_FOOTER_IN = 0.35
_TITLE_PT = 30
_BODY_PT = 20
_TABLE_PT = 14
_MAX_CELL_CHARS = 70
_CHAR_EM = 0.62  # a wide glyph of a sans-serif font, in em: columns are at least this wide
_WRAP_EM = 0.55  # an average glyph, in em: how many fit on a line when text wraps
_LINE_EM = 1.1  # line height, in em (measured on LibreOffice's rendering of the tables)
_CELL_PAD_IN = 0.25  # left and right cell margins and a little air
_HEADER_FILL = (0x2F, 0x5F, 0x8A)
_BAND_FILL = (0xEE, 0xF2, 0xF6)
_TEXT = (0x22, 0x2B, 0x35)
_MUTED = (0x6F, 0x7D, 0x8C)


def table_pages(n_rows: int, rows_per_slide: int) -> list[range]:
    """Row ranges of a table split over slides of at most ``rows_per_slide`` rows, evened out.

    >>> [list(r) for r in table_pages(5, 2)]
    [[0, 1], [2, 3], [4]]
    >>> [len(r) for r in table_pages(25, 12)]     # 9 + 8 + 8 rather than 12 + 12 + 1
    [9, 8, 8]
    >>> table_pages(0, 12)
    [range(0, 0)]
    """
    if rows_per_slide < 1:
        raise ValueError("rows_per_slide must be at least 1")
    pages = max(1, math.ceil(n_rows / rows_per_slide))
    base, extra = divmod(n_rows, pages)
    out, start = [], 0
    for k in range(pages):
        size = base + (1 if k < extra else 0)
        out.append(range(start, start + size))
        start += size
    return out


def _safe_cell(text: str, raw: Any) -> str:
    """Shorten long text and defuse text a spreadsheet would run as a formula."""
    if len(text) > _MAX_CELL_CHARS:
        text = text[: _MAX_CELL_CHARS - 1] + "…"
    if isinstance(raw, str) and is_formula_like(text):
        text = "'" + text
    return text


def _rgb(color: tuple[int, int, int]):
    from pptx.dml.color import RGBColor

    return RGBColor(*color)


def _set_title(slide, text: str, size: int = _TITLE_PT) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    title = slide.shapes.title
    title.left, title.top = Inches(_MARGIN_IN), Inches(_TITLE_TOP_IN)
    title.width = Inches(SLIDE_WIDTH_IN - 2 * _MARGIN_IN)
    title.height = Inches(_TITLE_HEIGHT_IN)
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    for p in frame.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        for run in p.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = _rgb(_TEXT)


def _footer(slide, text: str) -> None:
    from pptx.util import Inches, Pt

    if not text:
        return
    box = slide.shapes.add_textbox(
        Inches(_MARGIN_IN),
        Inches(SLIDE_HEIGHT_IN - _FOOTER_IN - 0.1),
        Inches(SLIDE_WIDTH_IN - 2 * _MARGIN_IN - 1.0),
        Inches(_FOOTER_IN),
    )
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for p in frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(12)
            run.font.color.rgb = _rgb(_MUTED)


def _slide_number(slide, number: int) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(
        Inches(SLIDE_WIDTH_IN - _MARGIN_IN - 0.8),
        Inches(SLIDE_HEIGHT_IN - _FOOTER_IN - 0.1),
        Inches(0.8),
        Inches(_FOOTER_IN),
    )
    box.name = "Slide number"
    p = box.text_frame.paragraphs[0]
    p.text = str(number)
    p.alignment = PP_ALIGN.RIGHT
    for run in p.runs:
        run.font.size = Pt(12)
        run.font.color.rgb = _rgb(_MUTED)


def _title_slide(prs, report: Report) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    width = Inches(SLIDE_WIDTH_IN - 2 * _MARGIN_IN)
    for shape, top, height in ((slide.shapes.title, 2.0, 2.0), (slide.placeholders[1], 4.2, 1.2)):
        shape.left, shape.top, shape.width, shape.height = (
            Inches(_MARGIN_IN),
            Inches(top),
            width,
            Inches(height),
        )
    slide.shapes.title.text = report.title
    slide.shapes.title.text_frame.word_wrap = True
    for p in slide.shapes.title.text_frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(40)
            run.font.bold = True
            run.font.color.rgb = _rgb(_TEXT)
    sub = " · ".join(x for x in (report.subtitle, report.author, report.date_text) if x)
    subtitle = slide.placeholders[1]
    subtitle.text = sub
    for p in subtitle.text_frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(22)
            run.font.color.rgb = _rgb(_MUTED)


def _text_slide(prs, title: str, block: Text) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _set_title(slide, title)
    box = slide.shapes.add_textbox(
        Inches(_MARGIN_IN),
        Inches(_BODY_TOP_IN),
        Inches(SLIDE_WIDTH_IN - 2 * _MARGIN_IN),
        Inches(SLIDE_HEIGHT_IN - _BODY_TOP_IN - _FOOTER_IN - 0.2),
    )
    frame = box.text_frame
    frame.word_wrap = True
    paragraphs = block.paragraphs or [""]
    size = _BODY_PT if len(paragraphs) <= 8 else max(14, _BODY_PT - (len(paragraphs) - 8))
    for k, line in enumerate(paragraphs):
        p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        p.text = line
        p.space_after = Pt(8)
        for run in p.runs:
            run.font.size = Pt(size)
            run.font.color.rgb = _rgb(_TEXT)


def _figure_slide(prs, title: str, block: Figure) -> None:
    from pptx.util import Inches

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _set_title(slide, title)
    area_w = SLIDE_WIDTH_IN - 2 * _MARGIN_IN
    area_h = SLIDE_HEIGHT_IN - _BODY_TOP_IN - _FOOTER_IN - 0.2
    px_w, px_h = block.pixels
    scale = min(area_w / px_w, area_h / px_h)
    width, height = px_w * scale, px_h * scale
    left = _MARGIN_IN + (area_w - width) / 2
    slide.shapes.add_picture(
        io.BytesIO(block.png),
        Inches(left),
        Inches(_BODY_TOP_IN),
        Inches(width),
        Inches(height),
    )
    _footer(slide, block.caption)


def _column_widths(
    header: list[str], rows: list[list[str]], total_in: float, font_pt: float
) -> list[float]:
    """Widths in inches that fill ``total_in``: every column gets room for its longest
    word (so no word breaks), then the rest goes to the columns with longer text."""
    char_in = _CHAR_EM * font_pt / 72
    least, wanted = [], []
    for c in range(len(header)):
        texts = [header[c]] + [r[c] for r in rows]
        words = [len(w) for t in texts[1:] for w in re.split(r"[\s/-]+", t)]
        header_words = [len(w) * 1.15 for w in re.split(r"[\s/-]+", texts[0])]  # bold
        longest_word = max([*words, *header_words, 1])
        typical = sorted(len(t) for t in texts)[(len(texts) * 3) // 4]
        least.append(min(longest_word, 16) * char_in + _CELL_PAD_IN)
        wanted.append(max(min(typical, 40) * char_in + _CELL_PAD_IN, least[-1]))
    if sum(least) >= total_in:
        return [total_in * w / sum(least) for w in least]
    if sum(wanted) <= total_in:
        return [total_in * w / sum(wanted) for w in wanted]
    spare = total_in - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _lines(text: str, width_in: float, font_pt: float) -> int:
    """Lines a cell's text wraps into: words filled greedily into lines of the average
    glyph width; a word longer than a line is broken over as many lines as it needs.

    At 14 points a 1-inch cell holds 7 characters a line:

    >>> _lines("IT och administration", 1.0, 14)      # IT och / administr / ation
    3
    >>> _lines("a" * 14, 1.0, 14), _lines("", 1.0, 14)
    (2, 1)
    """
    per_line = max(1, int((width_in - _CELL_PAD_IN) / (_WRAP_EM * font_pt / 72)))
    lines = 0
    for part in text.splitlines() or [""]:
        used = 0  # characters on the current line
        lines += 1
        for word in part.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
                continue
            if used:
                lines += 1
            extra, used = divmod(len(word), per_line)
            lines += extra - (1 if used == 0 and extra else 0)
            used = used or (per_line if extra else 0)
    return lines


def _row_height(cells: list[str], widths: list[float], font_pt: float) -> float:
    lines = max(_lines(t, w, font_pt) for t, w in zip(cells, widths, strict=True))
    return lines * font_pt * _LINE_EM / 72 + 0.09


def _pages_by_height(heights: list[float], header: float, room: float, most: int) -> list[range]:
    """Row ranges that fit ``room`` inches (with the header row) and hold at most ``most`` rows."""
    pages, start, used = [], 0, header
    for i, h in enumerate(heights):
        if i > start and (used + h > room or i - start >= most):
            pages.append(range(start, i))
            start, used = i, header
        used += h
    pages.append(range(start, len(heights)))
    return pages


def _table_slides(prs, title: str, block: Table, rows_per_slide: int) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    header = [_safe_cell(h, h) for h in block.header]
    raw_rows = block.rows()
    cells = [
        [_safe_cell(text, raw) for text, raw in zip(shown, raw, strict=True)]
        for shown, raw in zip(block.display_rows(), raw_rows, strict=True)
    ]
    numeric = ([False] if block.index else []) + [
        block.numeric_column(c) for c in range(block.frame.shape[1])
    ]
    width_in = SLIDE_WIDTH_IN - 2 * _MARGIN_IN
    font = _TABLE_PT if len(header) <= 7 else max(11, _TABLE_PT - (len(header) - 7))
    widths = _column_widths(header, cells, width_in, font)
    heights = [_row_height(r, widths, font) for r in cells]
    room = SLIDE_HEIGHT_IN - _BODY_TOP_IN - _FOOTER_IN - 0.35
    header_in = _row_height(header, widths, font)

    def fits(pages: list[range]) -> bool:
        return all(header_in + sum(heights[i] for i in page) <= room for page in pages)

    pages = table_pages(len(cells), rows_per_slide)
    if not fits(pages):  # long cells wrap: fewer rows a slide, still evened out if they fit
        pages = _pages_by_height(heights, header_in, room, rows_per_slide)
        even = table_pages(len(cells), math.ceil(len(cells) / len(pages)))
        if fits(even):
            pages = even
    for k, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _set_title(slide, f"{title} ({k}/{len(pages)})" if len(pages) > 1 else title)
        rows = [header] + [cells[i] for i in page]
        row_heights = [_row_height(header, widths, font)] + [heights[i] for i in page]
        shape = slide.shapes.add_table(
            len(rows),
            len(header),
            Inches(_MARGIN_IN),
            Inches(_BODY_TOP_IN),
            Inches(width_in),
            Inches(sum(row_heights)),
        )
        table = shape.table
        for c, w in enumerate(widths):
            table.columns[c].width = Inches(w)
        for r, (values, height) in enumerate(zip(rows, row_heights, strict=True)):
            table.rows[r].height = Inches(height)
            for c, text in enumerate(values):
                cell = table.cell(r, c)
                cell.text = text
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                p = cell.text_frame.paragraphs[0]
                p.alignment = PP_ALIGN.RIGHT if numeric[c] and r > 0 else PP_ALIGN.LEFT
                for run in p.runs:
                    run.font.size = Pt(font)
                    run.font.bold = r == 0
                    run.font.color.rgb = _rgb((255, 255, 255) if r == 0 else _TEXT)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(
                    _HEADER_FILL if r == 0 else (_BAND_FILL if r % 2 == 0 else (255, 255, 255))
                )
        _footer(slide, block.note)


def write_pptx(report: Report, path: str | os.PathLike[str], *, rows_per_slide: int = 11) -> Path:
    """Write ``report`` as a 16:9 PowerPoint file, atomically.

    Parameters
    ----------
    report
        The report.
    path
        The ``.pptx`` file to write.
    rows_per_slide
        Most table rows (besides the header) on one slide; longer tables continue on the
        next slides, evenly split.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from pptx import Presentation
    from pptx.util import Inches

    from orgmodel.io.atomic import atomic_path

    prs = Presentation()
    prs.slide_width = Inches(SLIDE_WIDTH_IN)
    prs.slide_height = Inches(SLIDE_HEIGHT_IN)
    prs.core_properties.title = report.title
    if report.author:
        prs.core_properties.author = report.author
    _title_slide(prs, report)
    for section in report.sections:
        for block in section.blocks:
            title = block.title or section.title
            if isinstance(block, Text):
                _text_slide(prs, title, block)
            elif isinstance(block, Figure):
                _figure_slide(prs, title, block)
            else:
                _table_slides(prs, title, block, rows_per_slide)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:
            _slide_number(slide, number)
    target = Path(path)
    with atomic_path(target) as tmp:
        prs.save(str(tmp))
    return target
