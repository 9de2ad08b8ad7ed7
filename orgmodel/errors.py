"""The exceptions orgmodel raises.

Every exception derives from :class:`OrgModelError`, so ``except OrgModelError`` catches
anything the library raises on purpose. Messages name the thing that is wrong and, where a
name is unknown, list the valid ones.

Hierarchy::

    OrgModelError
    ├── ValidationError        (also ValueError)  data with errors; carries the full report
    ├── UnknownIdError         (also KeyError)    an id that is not in the organisation
    ├── FormatError            (also ValueError)  a file that cannot be read at all
    │   └── UnsupportedFormatError                 a suffix or format version we do not know
    └── OperationError         (also ValueError)  an operation that cannot be applied
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.report import ValidationReport

__all__ = [
    "FormatError",
    "OperationError",
    "OrgModelError",
    "UnknownIdError",
    "UnsupportedFormatError",
    "ValidationError",
    "did_you_mean",
]


class OrgModelError(Exception):
    """Base class of every error orgmodel raises on purpose."""


class ValidationError(OrgModelError, ValueError):
    """The data has errors; ``.report`` lists every problem found, not only the first.

    The message is the report's text, so printing the exception shows all problems with
    their locations.
    """

    def __init__(self, report: ValidationReport, what: str | None = None):
        self.report = report
        n = len(report.errors)
        head = f"{what}: " if what else ""
        super().__init__(f"{head}{n} error{'s' if n != 1 else ''} found\n{report.to_text()}")


class UnknownIdError(OrgModelError, KeyError):
    """An id (of a unit, post, person, ...) that the organisation does not have."""

    def __init__(self, kind: str, key: object, valid: Iterable[object] = ()):
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} with id {key!r}{did_you_mean(key, valid)}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class FormatError(OrgModelError, ValueError):
    """A file that cannot be read at all (not YAML, wrong sheets, unreadable)."""


class UnsupportedFormatError(FormatError):
    """A file suffix, preset or format version that orgmodel does not support."""


class OperationError(OrgModelError, ValueError):
    """An operation that cannot be applied; the message lists every reason."""


def did_you_mean(key: object, valid: Iterable[object], limit: int = 8) -> str:
    """A suffix for error messages naming the closest valid keys, or listing them all.

    >>> did_you_mean("kansli", ["kansliet", "ks", "hr"])
    "; did you mean 'kansliet'?"
    >>> did_you_mean("x", ["a", "b"])
    "; valid: 'a', 'b'"
    >>> did_you_mean("x", [])
    ''
    """
    options = [str(v) for v in valid]
    if not options:
        return ""
    k = str(key).casefold()
    close = get_close_matches(str(key), options, n=3, cutoff=0.6)
    close += [
        o for o in options if o not in close and k and (k in o.casefold() or o.casefold() in k)
    ]
    close = close[:3]
    if close:
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = ", ".join(repr(o) for o in sorted(options)[:limit])
    more = f" and {len(options) - limit} more" if len(options) > limit else ""
    return f"; valid: {shown}{more}"
