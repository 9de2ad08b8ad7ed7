"""What every reader produces: entities as read, where they came from, and read problems.

A reader never stops at the first problem and never drops a row. It puts raw values into
the entities (a non-numeric FTE stays a string) so that :func:`orgmodel.model.check` can
report them with their location, and records problems only it can see (a missing column,
an unknown sheet, a row it could not turn into an entity) in ``problems``.
:meth:`Draft.report` gives all of them; :meth:`Draft.build` the organisation, or a
:class:`~orgmodel.errors.ValidationError` listing every error.

>>> from orgmodel.model import Unit, Post
>>> d = Draft(units=[Unit("a")], posts=[Post("p", unit="b")], name="demo")
>>> d.report().codes()
['missing_unit']
>>> d.build()
Traceback (most recent call last):
...
orgmodel.errors.ValidationError: organisation 'demo': 1 error found
posts 'p', field unit = 'b': unit refers to unit 'b', which does not exist [error missing_unit]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgmodel.errors import ValidationError
from orgmodel.model import (
    Competence,
    Holding,
    Link,
    Organisation,
    Person,
    Post,
    Problem,
    SourceMap,
    Unit,
    ValidationReport,
    check,
)

__all__ = ["Draft"]


@dataclass
class Draft:
    """Entities as a reader found them, before they become an :class:`Organisation`."""

    units: list[Unit] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    competences: list[Competence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    locations: SourceMap = field(default_factory=SourceMap)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None

    def report(self) -> ValidationReport:
        """The reader's problems followed by every problem :func:`check` finds."""
        return ValidationReport(self.problems) + check(
            self.units,
            self.posts,
            self.people,
            self.holdings,
            self.competences,
            self.links,
            locations=self.locations,
        )

    def build(self) -> Organisation:
        """The organisation; :class:`ValidationError` (listing every error) if there are any."""
        report = self.report()
        if not report.ok:
            raise ValidationError(
                report, self.source or (f"organisation {self.name!r}" if self.name else None)
            )
        org = Organisation(
            self.units,
            self.posts,
            self.people,
            self.holdings,
            self.competences,
            self.links,
            name=self.name,
            meta=self.meta,
            validate=False,
        )
        org._report = report  # warnings (with their locations) stay available as org.report
        return org
