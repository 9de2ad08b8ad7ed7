"""Scenarios: a named base model plus a sequence of operations, with undo and redo.

A :class:`Scenario` is immutable: :meth:`~Scenario.then`, :meth:`~Scenario.undo` and
:meth:`~Scenario.redo` return new scenarios. :meth:`~Scenario.run` applies the operations in
effect one by one and reports, for each, whether it applied and why not; this is what tells
you which operations no longer fit when the base model has changed.

>>> from orgmodel.model import Organisation, Unit, Post
>>> from orgmodel.reorg.operations import MergeUnits, RenameUnit
>>> base = Organisation([Unit("a"), Unit("b"), Unit("c")], [Post("p", unit="a")])
>>> s = Scenario("Option A").then(MergeUnits(("a", "b"), into="a")).then(RenameUnit("a", "A+B"))
>>> s.apply(base).unit("a").name
'A+B'
>>> s.undo().apply(base).unit("a").name, s.undo().can_redo
('a', True)
>>> s.undo().redo() == s
True
>>> changed_base = base.evolve(units=[Unit("a"), Unit("c")])      # b is gone
>>> run = s.run(changed_base)
>>> run.steps[["kind", "applied", "reasons"]]
           kind  applied                                           reasons
step
1   merge_units    False  units: no unit 'b'; valid: 'a', 'c'
2   rename_unit     True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from orgmodel.errors import FormatError, OperationError, UnsupportedFormatError
from orgmodel.model import Organisation
from orgmodel.reorg.operations import Operation, operation_from_dict

__all__ = ["FORMAT_VERSION", "Scenario", "ScenarioRun", "load_scenario", "save_scenario"]

#: Version of the scenario file format (top-level key ``orgmodel-scenario``).
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ScenarioRun:
    """What happened when a scenario ran: the result and one row per operation.

    ``states`` holds the base and the organisation after each step (``states[i]`` after
    step ``i``; a step that did not apply leaves the previous organisation).
    """

    organisation: Organisation
    steps: pd.DataFrame
    states: tuple[Organisation, ...] = field(repr=False, default=())

    @property
    def ok(self) -> bool:
        """True when every operation applied."""
        return bool(self.steps["applied"].all()) if len(self.steps) else True

    @property
    def failed(self) -> pd.DataFrame:
        """The operations that did not apply, with their reasons."""
        return self.steps[~self.steps["applied"]]


@dataclass(frozen=True)
class Scenario:
    """A named sequence of operations on a base model.

    Parameters
    ----------
    name
        A display name ("Option A: three main missions").
    operations
        The operations, in order (redo history included).
    base
        Where the base model lives (a path relative to the scenario file, or an example name).
    description
        Free text.
    cursor
        How many operations are in effect (undo moves it back, redo forward); ``None``: all.
    """

    name: str
    operations: tuple[Operation, ...] = ()
    base: str | None = None
    description: str = ""
    cursor: int | None = None

    def __post_init__(self) -> None:
        ops = tuple(self.operations)
        for op in ops:
            if not isinstance(op, Operation):
                raise TypeError(f"scenario operations must be Operation values, got {op!r}")
        object.__setattr__(self, "operations", ops)
        if self.cursor is not None:
            if not 0 <= self.cursor <= len(ops):
                raise ValueError(f"cursor must be between 0 and {len(ops)}, got {self.cursor}")
            if self.cursor == len(ops):
                object.__setattr__(self, "cursor", None)

    # ---- history ----------------------------------------------------------------------------
    @property
    def active(self) -> tuple[Operation, ...]:
        """The operations in effect (those before the cursor)."""
        return self.operations if self.cursor is None else self.operations[: self.cursor]

    @property
    def position(self) -> int:
        return len(self.active)

    @property
    def can_undo(self) -> bool:
        return self.position > 0

    @property
    def can_redo(self) -> bool:
        return self.position < len(self.operations)

    def then(self, *ops: Operation) -> Scenario:
        """A scenario with ``ops`` added after the operations in effect (redo history dropped)."""
        return Scenario(self.name, (*self.active, *ops), self.base, self.description)

    def undo(self) -> Scenario:
        if not self.can_undo:
            raise OperationError("nothing to undo")
        return Scenario(self.name, self.operations, self.base, self.description, self.position - 1)

    def redo(self) -> Scenario:
        if not self.can_redo:
            raise OperationError("nothing to redo")
        return Scenario(self.name, self.operations, self.base, self.description, self.position + 1)

    def renamed(self, name: str) -> Scenario:
        return Scenario(name, self.operations, self.base, self.description, self.cursor)

    # ---- applying ---------------------------------------------------------------------------
    def run(self, base: Organisation, lang: str | None = None) -> ScenarioRun:
        """Apply the operations in effect one by one; an operation that cannot apply is
        skipped and reported with its reasons (later ones still run).

        Parameters
        ----------
        base : Organisation
            The organisation the operations start from (it is not changed).
        lang : str, optional
            Language of the ``description`` column of the step table: ``"en"``, ``"sv"``
            or ``"nb"``. ``None`` (the default) gives English whatever the session
            language, so saved step tables stay comparable. The ``reasons`` column is
            always English.

        Returns
        -------
        ScenarioRun
            The resulting organisation, the step table (index ``step``; columns ``kind``,
            ``description``, ``applied``, ``reasons``) and the state after each step.

        Examples
        --------
        >>> from orgmodel.model import Organisation, Unit, Post
        >>> from orgmodel.reorg import MovePost
        >>> org = Organisation([Unit("a"), Unit("b")], [Post("p", unit="a")])
        >>> Scenario("s", [MovePost("p", "b")]).run(org, lang="sv").steps["description"].tolist()
        ['flytta tjänsten p till b']
        """
        org = base
        rows = []
        states = [base]
        for i, op in enumerate(self.active, start=1):
            reasons = op.check(org)
            if not reasons:
                org = op._apply(org)
            states.append(org)  # one state per step, so states[i] is the result of step i
            rows.append(
                {
                    "step": i,
                    "kind": op.kind,
                    "description": op.describe(lang),
                    "applied": not reasons,
                    "reasons": "; ".join(reasons),
                }
            )
        steps = pd.DataFrame(rows, columns=["step", "kind", "description", "applied", "reasons"])
        steps = steps.set_index("step")
        steps["applied"] = steps["applied"].astype(bool)
        report = org.validate()
        if not report.ok:  # operations check their preconditions; this guards the guards
            raise OperationError(
                f"scenario {self.name!r} produced invalid data:\n{report.to_text()}"
            )
        return ScenarioRun(org, steps, tuple(states))

    def apply(self, base: Organisation) -> Organisation:
        """The organisation after every operation in effect; :class:`OperationError` lists each
        operation that cannot apply and why."""
        run = self.run(base)
        if not run.ok:
            lines = [
                f"step {i} ({row.description}): {row.reasons}" for i, row in run.failed.iterrows()
            ]
            raise OperationError(
                f"scenario {self.name!r}: {len(lines)} operation(s) cannot apply\n"
                + "\n".join(lines)
            )
        return run.organisation

    def states(self, base: Organisation) -> list[Organisation]:
        """The base and the organisation after each operation (for step-by-step views)."""
        return list(self.run(base).states)

    # ---- serialisation ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"orgmodel-scenario": FORMAT_VERSION, "name": self.name}
        if self.base is not None:
            out["base"] = self.base
        if self.description:
            out["description"] = self.description
        if self.cursor is not None:
            out["cursor"] = self.cursor
        out["operations"] = [op.to_dict() for op in self.operations]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Scenario:
        where = f"{source}: " if source else ""
        version = data.get("orgmodel-scenario")
        if version is None:
            raise FormatError(f"{where}not a scenario file: the key 'orgmodel-scenario' is missing")
        if version != FORMAT_VERSION:
            raise UnsupportedFormatError(
                f"{where}scenario format version {version!r} is not supported (supported: 1)"
            )
        problems, ops = [], []
        for i, d in enumerate(data.get("operations") or [], start=1):
            try:
                if not isinstance(d, Mapping):
                    raise FormatError(f"must be a mapping with a 'kind', got {d!r}")
                ops.append(operation_from_dict(d))
            except (FormatError, TypeError, ValueError) as e:
                problems.append(f"operation {i}: {e}")
        if problems:
            raise FormatError(f"{where}{len(problems)} bad operation(s)\n" + "\n".join(problems))
        cursor = data.get("cursor")
        if cursor is not None and (
            not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor <= len(ops)
        ):
            raise FormatError(
                f"{where}cursor must be a whole number from 0 to {len(ops)} (the number of "
                f"operations), got {cursor!r}"
            )
        return cls(
            name=_text(data.get("name")),
            operations=tuple(ops),
            base=data.get("base"),
            description=_text(data.get("description")),
            cursor=cursor,
        )


def _text(v: Any) -> str:
    """A text field as read from YAML: an empty one (None) is ''."""
    return "" if v is None else str(v)


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write a scenario as YAML (atomically)."""
    from orgmodel.io.atomic import atomic_write
    from orgmodel.io.yamltext import safe_dumper

    text = yaml.dump(
        scenario.to_dict(), Dumper=safe_dumper(yaml.SafeDumper), allow_unicode=True, sort_keys=False
    )
    with atomic_write(Path(path)) as f:
        f.write(text)


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario written by :func:`save_scenario` (or by hand)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise FormatError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, Mapping):
        raise FormatError(f"{path}: a scenario file is a mapping with 'orgmodel-scenario: 1'")
    return Scenario.from_dict(data, source=str(path))
