"""Fixtures of the report tests: Ängelholm 2014 and 2015, and KS's checklists scored as in
``notebooks/04-prioritise-ks.ipynb`` (seven illustrative initiatives)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "libreoffice: converts files with LibreOffice (needs `soffice`)"
    )


KS_INITIATIVES = {
    "digi-innbygger": "Felles digitale innbyggertjenester",
    "felles-erp": "Felles ERP for kommunene",
    "bhg-kompetanse": "Kompetanseløft i barnehagen",
    "velferdsteknologi": "Nasjonalt velferdsteknologiprogram",
    "heltid": "Heltidskultur i helse og omsorg",
    "ny-kommune": "Veileder for sammenslåtte kommuner",
    "rapportportal": "Statlig rapporteringsportal for barnevernet",
}
# the notebook's answers to KS's ten criteria, in the checklist's order
KS_ANSWERS = {
    "digi-innbygger": ["ja", "ja", "ja", "delvis", "ja", "ja", "ja", "ja", "delvis", "ja"],
    "felles-erp": ["ja", "ja", "delvis", "nei", "ja", "ja", "ja", "delvis", "delvis", "ja"],
    "bhg-kompetanse": ["delvis", "ja", "ja", "ja", "ja", "delvis", "delvis", "delvis", "ja", "delvis"],
    "velferdsteknologi": ["ja", "ja", "ja", "delvis", "ja", "ja", "ja", "ja", "nei", "ja"],
    "heltid": ["ja", "ja", "ja", "ja", "delvis", "ja", "ja", "delvis", "ja", "delvis"],
    "ny-kommune": ["nei", "delvis", "ja", "ja", "ja", "nei", "delvis", "nei", "ja", "delvis"],
    "rapportportal": ["delvis", "nei", "nei", "nei", "nei", "delvis", "ja", "delvis", "nei", "nei"],
}  # fmt: skip
KS_POINTS = [5, 4, 5, 2, 4, 3, 3, 2, 2, 4]  # the workshop's direct points per criterion


def ks_gate_answers() -> dict[str, dict[str, str]]:
    own = {
        "samsvar-med-kommunenes-onsker": "ja",
        "klart-mal-som-dekker-behov": "ja",
        "avvikende-rapporteringskrav": "nei",
        "konkurranse-med-ks-prosjekter": "nei",
        "ks-prosjektleder": "ja",
        "ks-best-egnet": "ja",
    }
    out = {t: dict(own) for t in KS_INITIATIVES}
    out["velferdsteknologi"].update(
        {
            "ks-prosjektleder": "nei",
            "ks-best-egnet": "nei",
            "konkurranse-med-ks-prosjekter": "vet ikke",
        }
    )
    out["rapportportal"].update({"avvikende-rapporteringskrav": "ja", "ks-prosjektleder": "nei"})
    return out


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
