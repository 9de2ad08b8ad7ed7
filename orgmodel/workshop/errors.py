"""Errors raised by :mod:`orgmodel.workshop`.

Each derives from :class:`~orgmodel.errors.OrgModelError`; the server turns them into
HTTP refusals (the status code is the class's ``status``) and changes nothing.

Hierarchy::

    OrgModelError
    └── WorkshopError
        ├── JoinRefusedError          (also ValueError)  wrong join code or unusable name
        ├── UnknownParticipantError   (also KeyError)    a token no participant has
        ├── RoundClosedError                              the round is closed or not current
        └── SubmissionError           (also ValueError)  answers off the checklist; lists all
"""

from __future__ import annotations

from collections.abc import Sequence

from orgmodel.errors import OrgModelError

__all__ = [
    "JoinRefusedError",
    "RoundClosedError",
    "SubmissionError",
    "UnknownParticipantError",
    "WorkshopError",
]


class WorkshopError(OrgModelError):
    """Base class of the workshop's errors; ``status`` is the HTTP status it maps to."""

    status = 400


class JoinRefusedError(WorkshopError, ValueError):
    """Joining was refused: the join code is wrong or the name cannot be used."""

    status = 403


class UnknownParticipantError(WorkshopError, KeyError):
    """A participant token that the workshop does not know (forged or mistyped)."""

    status = 403

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class RoundClosedError(WorkshopError):
    """Answers sent to a round that is closed, or that is not the current round."""

    status = 409


class SubmissionError(WorkshopError, ValueError):
    """Answers that do not fit the checklist; ``problems`` lists every one."""

    status = 422

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__(
            f"{n} problem{'s' if n != 1 else ''} in the answers, nothing stored: "
            + "; ".join(self.problems)
        )
