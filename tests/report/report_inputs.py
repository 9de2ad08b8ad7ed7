"""The KS scoring set-up of ``notebooks/04-prioritise-ks.ipynb`` (illustrative answers to KS's
real criteria and questions), shared by the report tests."""

from __future__ import annotations

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
