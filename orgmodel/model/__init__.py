"""The domain core: entities, the Organisation, validation. Imports no UI."""

from orgmodel.model.entities import (
    LINK_KINDS,
    UNIT_KINDS,
    Competence,
    FrozenDict,
    Holding,
    Link,
    Person,
    Post,
    Unit,
)
from orgmodel.model.organisation import Organisation
from orgmodel.model.report import Location, Problem, SourceMap, ValidationReport
from orgmodel.model.validate import check

__all__ = [
    "LINK_KINDS",
    "UNIT_KINDS",
    "Competence",
    "FrozenDict",
    "Holding",
    "Link",
    "Location",
    "Organisation",
    "Person",
    "Post",
    "Problem",
    "SourceMap",
    "Unit",
    "ValidationReport",
    "check",
]
