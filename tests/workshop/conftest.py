"""Shared fixtures: a small checklist, three initiatives and a store on a temporary file."""

from __future__ import annotations

import pytest

from orgmodel.prioritise.checklist import Checklist, Criterion, Scale
from orgmodel.workshop.store import WorkshopStore

JOIN_CODE = "K7Q2MX"


@pytest.fixture
def checklist() -> Checklist:
    # "need" on ja/delvis/nei (1 / 0.5 / 0), weight 2; "effect" on 1-5, weight 1
    return Checklist(
        "demo",
        {"en": "Demo workshop", "nb": "Demo-verksted"},
        language="en",
        criteria=[
            Criterion("need", {"en": "Meets a need", "nb": "Dekker et behov"}, weight=2),
            Criterion("effect", {"en": "Effect"}, scale=Scale.one_to_five(), weight=1),
        ],
    )


@pytest.fixture
def initiatives() -> dict[str, str]:
    return {"a": "Alpha", "b": "Beta", "c": "Gamma"}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "workshop.sqlite"


@pytest.fixture
def store(db_path):
    s = WorkshopStore(db_path)
    yield s
    s.close()


@pytest.fixture
def workshop(store, checklist, initiatives):
    return store.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
