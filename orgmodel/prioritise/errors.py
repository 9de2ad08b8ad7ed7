"""Errors raised by :mod:`orgmodel.prioritise`.

Both derive from :class:`~orgmodel.errors.OrgModelError` and :class:`ValueError`, so
``except OrgModelError`` and ``except ValueError`` both catch them. Messages name the
criterion, alternative or judgement that is wrong and list every problem found.

Hierarchy::

    OrgModelError
    └── PrioritisationError       (also ValueError)  bad scores, weights, judgements, options
        └── MissingScoreError                         a score is missing and missing="raise"
"""

from __future__ import annotations

from orgmodel.errors import OrgModelError

__all__ = ["MissingScoreError", "PrioritisationError"]


class PrioritisationError(OrgModelError, ValueError):
    """Scores, weights, pairwise judgements or options that cannot be used; lists every problem."""


class MissingScoreError(PrioritisationError):
    """A score is missing where the method needs every score (``missing="raise"``, TOPSIS, ...).

    ``.cells`` lists the missing ``(alternative, criterion)`` pairs.
    """

    def __init__(self, message: str, cells: list[tuple[object, object]] | None = None):
        self.cells = list(cells or [])
        super().__init__(message)
