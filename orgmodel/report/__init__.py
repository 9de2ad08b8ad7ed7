"""Deliverables: scenario-comparison and prioritisation reports as PowerPoint, Excel and HTML.

A report is built once as format-neutral content (:class:`Report`: a title and sections of
text, tables and figures) and written in any of three formats: ``to_pptx`` (16:9 slides,
native tables), ``to_excel`` (one sheet per table) and ``to_html`` (one standalone page).

* :func:`scenario_report` -- a base organisation and its reorganisation options
* :func:`prioritisation_report` -- a decision record: inputs, ranking, sensitivity

python-pptx, openpyxl and matplotlib are imported only when a report is built or written.

>>> from orgmodel.report import Report, Section, Text
>>> Report("Demo", [Section("Intro", [Text("Hello")])]).text()
'Hello'
"""

from orgmodel.report.content import (
    FORMATS,
    REPORT_FORMATS,
    Figure,
    Report,
    Section,
    Table,
    Text,
    format_value,
    is_formula_like,
)
from orgmodel.report.prioritisation import prioritisation_report
from orgmodel.report.scenario import key_figure_table, scenario_report

__all__ = [
    "FORMATS",
    "REPORT_FORMATS",
    "Figure",
    "Report",
    "Section",
    "Table",
    "Text",
    "format_value",
    "is_formula_like",
    "key_figure_table",
    "prioritisation_report",
    "scenario_report",
]
