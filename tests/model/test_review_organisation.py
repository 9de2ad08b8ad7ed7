"""Organisation edge cases found in review."""

import pytest

from orgmodel.errors import UnknownIdError
from orgmodel.model import Link, Organisation, Person, Unit


def test_equal_whatever_the_order_of_an_undirected_links_ends():
    # Link docs: for an undirected link the order of the two ends does not matter
    a = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b", weight=2)])
    b = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=2)])
    assert a == b
    # ... but it does for a directed one, and the weight counts
    c = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b", directed=True)])
    d = Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", directed=True)])
    assert c != d
    assert a != Organisation([Unit("a"), Unit("b")], links=[Link("b", "a", weight=3)])


def test_kind_of_suggests_people_too():
    org = Organisation([Unit("kansliet")], people=[Person("anna")])
    with pytest.raises(UnknownIdError, match="did you mean 'anna'"):
        org.kind_of("ana")
