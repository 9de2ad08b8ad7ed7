"""Fixtures of the report tests: Ängelholm 2014 and 2015, and KS's checklists scored as in
``notebooks/04-prioritise-ks.ipynb`` (seven illustrative initiatives)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from report_inputs import KS_ANSWERS, KS_INITIATIVES, KS_POINTS, ks_gate_answers

matplotlib.use("Agg")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "libreoffice: converts files with LibreOffice (needs `soffice`)"
    )


@pytest.fixture(scope="session")
def ks_checklist():
    from orgmodel.prioritise.checklist import load_template

    kriterier = load_template("ks-prioriteringskriterier")
    statlige = load_template("ks-statlige-prosjekter")
    return kriterier.evolve(id="ks-kriterier-og-statlige-sporsmal", gates=statlige.gates)


@pytest.fixture(scope="session")
def ks_record(ks_checklist):
    from orgmodel.prioritise import decision_record

    answers = pd.DataFrame.from_dict(KS_ANSWERS, orient="index", columns=ks_checklist.criterion_ids)
    return decision_record(
        ks_checklist,
        answers=answers,
        gate_answers=ks_gate_answers(),
        weights=dict(zip(ks_checklist.criterion_ids, KS_POINTS, strict=True)),
        weight_method="direct",
        initiatives=KS_INITIATIVES,
        decided_by="Prioriteringsverksted",
        date="2026-11-23",
    )


@pytest.fixture(scope="session")
def angelholm():
    from orgmodel.datasets import load_example

    return load_example("angelholm-2014"), load_example("angelholm-2015")
