"""Small organisations built by hand for the plot tests (shapes, not real data)."""

from __future__ import annotations

from orgmodel.model import Organisation, Post, Unit


def balanced(n: int, branching: int = 3) -> Organisation:
    """Units 0..n-1 filled level by level: the children of unit i are b*i+1 .. b*i+b."""
    units = [Unit("u0", "Unit 0")]
    units += [Unit(f"u{i}", f"Unit {i}", parent=f"u{(i - 1) // branching}") for i in range(1, n)]
    return Organisation(units, validate=False)


def chain(n: int) -> Organisation:
    """A line of n units, each the parent of the next."""
    return Organisation(
        [Unit(f"u{i}", parent=f"u{i - 1}" if i else None) for i in range(n)], validate=False
    )


def star(n: int) -> Organisation:
    """One top unit with n - 1 units directly under it."""
    return Organisation(
        [Unit("u0")] + [Unit(f"u{i}", parent="u0") for i in range(1, n)], validate=False
    )


def forest() -> Organisation:
    """Two trees: a (with a1, a2) and b (with b1, b2, b3)."""
    return Organisation(
        [
            Unit("a"),
            Unit("a1", parent="a"),
            Unit("a2", parent="a"),
            Unit("b"),
            Unit("b1", parent="b"),
            Unit("b2", parent="b"),
            Unit("b3", parent="b"),
        ]
    )


def kansliet(currency: str = "SEK") -> Organisation:
    """A municipal office: Kommunledning (1 post) over Kansliet (posts 3.0 + 1.0 FTE)."""
    return Organisation(
        units=[
            Unit("kl", "Kommunledning", kind="administration"),
            Unit("kansliet", "Kansliet", kind="office", parent="kl"),
            Unit("ekonomi", "Ekonomienheten", kind="unit", parent="kl"),
        ],
        posts=[
            Post("kd", unit="kl", title="Kommundirektör", cost=1_200_000),
            Post("vu", unit="kansliet", fte_budgeted=3.0, fte_actual=2.4, cost=1_800_000),
            Post("kom", unit="kansliet", fte_budgeted=1.0, fte_actual=1.0, cost=700_000),
            Post("ek", unit="ekonomi", fte_budgeted=2.0, fte_actual=2.0, cost=1_300_000),
        ],
        name="Kansliet",
        meta={"currency": currency},
    )
