"""orgmodel: model, reorganise and prioritise public-sector organisations.

>>> import orgmodel
>>> from orgmodel.datasets import example_path
>>> org = orgmodel.read(example_path("hjo-kansliet"))
>>> org.unit("kansliet").name
'Kansliet'

The domain core (:mod:`orgmodel.model`) imports no UI; file formats live in
:mod:`orgmodel.io`, analysis in :mod:`orgmodel.analysis`, pictures in :mod:`orgmodel.plot`,
widgets in :mod:`orgmodel.widgets`.
"""

from orgmodel.errors import (
    FormatError,
    OperationError,
    OrgModelError,
    UnknownIdError,
    UnsupportedFormatError,
    ValidationError,
)
from orgmodel.model import (
    Competence,
    Holding,
    Link,
    Organisation,
    Person,
    Post,
    Unit,
    ValidationReport,
)

__version__ = "0.1.0"

_LAZY = {"read": "orgmodel.io", "write": "orgmodel.io", "read_draft": "orgmodel.io"}


def __getattr__(name: str):
    """``orgmodel.read``, ``orgmodel.write`` and ``orgmodel.read_draft`` load the file
    formats on first use, so ``import orgmodel`` stays quick."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'orgmodel' has no attribute {name!r}")

__all__ = [
    "Competence",
    "FormatError",
    "Holding",
    "Link",
    "OperationError",
    "OrgModelError",
    "Organisation",
    "Person",
    "Post",
    "Unit",
    "UnknownIdError",
    "UnsupportedFormatError",
    "ValidationError",
    "ValidationReport",
    "__version__",
    "read",
    "read_draft",
    "write",
]
