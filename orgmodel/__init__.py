"""orgmodel: model, reorganise and prioritise public-sector organisations.

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
]
