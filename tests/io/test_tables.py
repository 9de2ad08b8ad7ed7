"""Frames: the named constructor, the workbook's tables in memory, and their cell scheme."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from orgmodel.errors import ValidationError
from orgmodel.io import draft_from_frames, from_frames, to_frames
from orgmodel.io.tables import yaml_text
from orgmodel.model import Link, Organisation, Person, Post, Unit
from orgmodel.testing import assert_organisations_equal


def test_from_frames_with_id_as_index_and_numpy_values():
    units = pd.DataFrame(
        {"name": ["Skola", "Förskola"], "parent": [None, "skola"]},
        index=pd.Index(["skola", "förskola"], name="id"),
    )
    posts = pd.DataFrame(
        {
            "id": ["rektor", "lärare"],
            "unit": ["skola", "skola"],
            "fte_budgeted": np.array([1.0, 450.0]),
            "fte_actual": [np.nan, 431.5],
            "cost": np.array([900_000, 250_000_000], dtype=np.int64),
            "reports_to": [None, "rektor"],
            "lönekod": np.array([11, 12], dtype=np.int64),
        }
    )
    org = from_frames(units=units, posts=posts, name="Hjo skola", meta={"currency": "SEK"})
    assert org.unit("förskola").parent == "skola"
    rektor, larare = org.post("rektor"), org.post("lärare")
    assert rektor.fte_actual == 1.0  # empty cell: the default, equal to budgeted
    assert larare.fte_actual == 431.5 and larare.cost == 250_000_000.0
    assert type(larare.attrs["lönekod"]) is int and larare.attrs["lönekod"] == 12
    assert org.name == "Hjo skola" and org.currency == "SEK"


def test_every_problem_is_reported_with_sheet_and_row():
    posts = pd.DataFrame(
        {"id": ["a", "b", "a"], "unit": ["u", "saknas", "u"], "fte_budgeted": [1, "en", 1]}
    )
    with pytest.raises(ValidationError) as info:
        from_frames(units=pd.DataFrame({"id": ["u"]}), posts=posts)
    found = {(p.location.sheet, p.location.row, p.code) for p in info.value.report.errors}
    # frame row k (from 0) is spreadsheet row k + 2, under the header in row 1
    assert found == {
        ("posts", 3, "missing_unit"),
        ("posts", 3, "not_a_number"),
        ("posts", 4, "duplicate_id"),
    }


def test_blank_rows_are_skipped_but_keep_row_numbers():
    posts = pd.DataFrame({"id": ["a", None, "b"], "unit": ["u", None, "x"]})
    draft = draft_from_frames({"units": pd.DataFrame({"id": ["u"]}), "posts": posts})
    assert [p.id for p in draft.posts] == ["a", "b"]
    (problem,) = draft.report().errors
    assert problem.location.row == 4  # "b" is the third frame row


def test_to_frames_layout():
    org = Organisation(
        [Unit("ks", "Kommunstyrelsen", attrs={"antal": 2.0})],
        [Post("p", unit="ks", competences=("a", "b"), attrs={"taggar": ["x"], "kod": "001"})],
        people=[Person("m", attrs={"n": 1})],
        links=[Link("ks", "p", kind="member_of")],
        name="Hjo",
        meta={"currency": "SEK", "name": "meta-namn", "lista": [1, 2]},
    )
    frames = to_frames(org)
    assert list(frames) == [
        "meta",
        "units",
        "posts",
        "people",
        "holdings",
        "competences",
        "links",
        "_types",
    ]
    assert frames["meta"].values.tolist() == [
        ["orgmodel", "1"],
        ["name", "Hjo"],
        ["currency", "SEK"],
        ["meta.name", "meta-namn"],
        ["lista", "[1, 2]"],
    ]
    assert list(frames["posts"].columns) == [
        "id",
        "unit",
        "title",
        "fte_budgeted",
        "fte_actual",
        "cost",
        "reports_to",
        "vacant",
        "competences",
        "taggar",
        "kod",
    ]
    assert frames["posts"].loc[0, "competences"] == "a; b"
    assert frames["posts"].loc[0, "taggar"] == "[x]"
    assert frames["posts"].loc[0, "kod"] == "001"
    assert frames["_types"].values.tolist() == [
        ["meta", "value", "yaml"],
        ["units", "antal", "float"],
        ["posts", "taggar", "yaml"],
    ]
    back = draft_from_frames(frames).build()
    assert_organisations_equal(back, org)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        ("", "''"),
        ("  ", "'  '"),
        ([1, "två"], "[1, två]"),
        ({"å": None}, "{å: null}"),
        (dt.date(1850, 5, 17), "1850-05-17"),
        (math.inf, ".inf"),
        (0.1 + 0.2, "0.30000000000000004"),
    ],
)
def test_yaml_text_of_values_a_cell_cannot_hold(value, text):
    assert yaml_text(value) == text
    org = Organisation([Unit("a", attrs={"v": value})])
    frames = to_frames(org)
    assert frames["units"].loc[0, "v"] == text
    assert frames["_types"].values.tolist() == [["units", "v", "yaml"]]
    assert_organisations_equal(draft_from_frames(frames).build(), org)


def test_missing_attribute_and_none_differ():
    org = Organisation([Unit("a", attrs={"v": None}), Unit("b")])
    back = draft_from_frames(to_frames(org)).build()
    assert back.unit("a").attrs == {"v": None}
    assert back.unit("b").attrs == {}


def test_a_bad_yaml_cell_is_reported():
    frames = {
        "units": pd.DataFrame({"id": ["a"], "v": ["[oavslutad"]}),
        "_types": pd.DataFrame({"sheet": ["units"], "column": ["v"], "type": ["yaml"]}),
    }
    (problem,) = draft_from_frames(frames).report()
    assert (problem.code, problem.location.sheet, problem.location.row) == ("bad_yaml", "units", 2)


def test_core_number_text_is_read_the_nordic_way():
    posts = pd.DataFrame(
        {"id": ["p"], "unit": ["u"], "fte_budgeted": ["0,75"], "cost": ["1 800 000"]}
    )
    org = from_frames(units=pd.DataFrame({"id": ["u"]}), posts=posts)
    assert org.post("p").fte_budgeted == 0.75 and org.post("p").cost == 1_800_000.0


def test_an_index_of_text_ids_is_used_but_row_numbers_are_not():
    units = pd.DataFrame({"name": ["Skola"]}, index=["skola"])  # unnamed index of ids
    assert from_frames(units=units).unit("skola").name == "Skola"
    filtered = pd.DataFrame({"name": ["A", "B"]}).iloc[[1]]  # an integer index, no ids
    draft = draft_from_frames({"units": filtered})
    assert [p.code for p in draft.report().errors] == ["missing_column", "missing_value"]


def test_a_holding_row_without_person_or_post_is_reported():
    holdings = pd.DataFrame({"person": ["m", None], "post": [None, "p"], "share": [0.5, 0.5]})
    draft = draft_from_frames({"holdings": holdings})
    assert [(p.code, p.field, p.location.row) for p in draft.problems] == [
        ("missing_value", "post", 2),
        ("missing_value", "person", 3),
    ]
