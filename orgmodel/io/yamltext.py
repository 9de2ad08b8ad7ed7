"""One rule for writing text to YAML so that every reader gets it back unchanged.

PyYAML folds the line breaks U+0085 (NEL), U+2028 and U+2029 inside plain and single-quoted
scalars, and plain text with ``\\n`` spreads over several lines. Text holding any line break or
control character is therefore written double-quoted, where YAML escapes it (``"\\N"``,
``"a\\nb"``); other text keeps PyYAML's choice. Every YAML writer of orgmodel uses
:func:`safe_dumper` (or :func:`add_text_representer` on its own dumper class).

>>> import yaml
>>> text = yaml.dump({"name": "Kansli\\x85et"}, Dumper=safe_dumper(), allow_unicode=True)
>>> text
'name: "Kansli\\\\Net"\\n'
>>> yaml.safe_load(text)["name"] == "Kansli\\x85et"
True
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["NEEDS_QUOTES", "add_text_representer", "safe_dumper"]

#: Characters that only survive a round trip inside double quotes.
NEEDS_QUOTES = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")

_STR = "tag:yaml.org,2002:str"


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, data, style='"' if NEEDS_QUOTES.search(data) else None)


def add_text_representer(dumper: type) -> type:
    """Make ``dumper`` (a SafeDumper subclass) write text by the rule above; returns it."""
    dumper.add_representer(str, _represent_text)
    return dumper


def safe_dumper(base: Any = None) -> type:
    """A fresh SafeDumper subclass (the C one when available) with the text rule."""
    base = base or getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return add_text_representer(type("OrgmodelDumper", (base,), {}))
