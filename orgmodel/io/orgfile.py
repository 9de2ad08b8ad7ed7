"""The orgmodel YAML file, format version 1: read it with line numbers, write it git-friendly.

The format is described in ``docs/file-format.md``. Reading composes the YAML document and
walks its nodes, so every entity and every field keeps the line it came from; problems then
read like ``org.yaml, line 14: posts 'p3', field fte_budgeted = 'tre': fte_budgeted must
be a number``. Values are put into the entities as they are written (a non-numeric FTE stays
a string) so that :func:`orgmodel.model.check` reports them; structural problems (a list
where a mapping belongs, a holding without a post, ...) are collected by the reader. Only a
file that is not YAML at all raises :class:`~orgmodel.errors.FormatError`.

>>> text = '''
... orgmodel: 1
... name: Hjo kommun – kansliet
... units:
...   - id: kansliet
...     name: Kansliet
...     kind: office
... posts:
...   - id: kanslichef
...     unit: kansliet
...     fte_budgeted: 1
...   - id: vu
...     unit: kansliet
...     fte_budgeted: tre
... '''
>>> draft = loads(text, source="org.yaml")
>>> print(draft.report().to_text())
org.yaml, line 14: posts 'vu', field fte_budgeted = 'tre': fte_budgeted must be a number [error not_a_number]
>>> org = loads(text.replace("tre", "3")).build()
>>> print(dumps(org))
orgmodel: 1
name: Hjo kommun – kansliet
units:
  - id: kansliet
    name: Kansliet
    kind: office
posts:
  - id: kanslichef
    unit: kansliet
    title: kanslichef
    fte_budgeted: 1.0
  - id: vu
    unit: kansliet
    title: vu
    fte_budgeted: 3.0
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from orgmodel.errors import FormatError, UnsupportedFormatError, did_you_mean
from orgmodel.io.atomic import atomic_write
from orgmodel.io.draft import Draft
from orgmodel.io.yamltext import add_text_representer
from orgmodel.model import (
    Competence,
    Holding,
    Link,
    Location,
    Organisation,
    Person,
    Post,
    Problem,
    Unit,
)

__all__ = ["FORMAT_VERSION", "dumps", "loads", "read_orgfile", "write_orgfile"]

#: The version of the file format this module reads and writes.
FORMAT_VERSION = 1

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _IdList(list):
    """A list of ids, written on one line: ``competences: [a, b]``."""


class _OrgDumper(_Dumper):  # a subclass, so that the representer stays ours
    pass


# text with line breaks on one line, escaped ("rad ett\nrad två"): one field per line
add_text_representer(_OrgDumper)
_OrgDumper.add_representer(
    _IdList,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)

#: For each table: the entity class and its fields with how a reader treats them.
#: ``id`` and ``ref``: an id (text); ``text``: free text; ``number``; ``bool``; ``list``: a
#: list of competence ids. Fields not listed here are free attributes (``attrs``).
TABLES: dict[str, tuple[type, dict[str, str]]] = {
    "units": (Unit, {"id": "id", "name": "text", "kind": "text", "parent": "ref", "head": "ref"}),
    "posts": (
        Post,
        {
            "id": "id",
            "unit": "ref",
            "title": "text",
            "fte_budgeted": "number",
            "fte_actual": "number",
            "cost": "number",
            "reports_to": "ref",
            "vacant": "bool",
            "competences": "list",
        },
    ),
    "people": (Person, {"id": "id", "name": "text", "competences": "list"}),
    "holdings": (Holding, {"person": "ref", "post": "ref", "share": "number"}),
    "competences": (Competence, {"id": "id", "name": "text", "description": "text"}),
    "links": (
        Link,
        {"source": "ref", "target": "ref", "kind": "text", "weight": "number", "directed": "bool"},
    ),
}

#: Fields a row or entry must have (their absence is reported).
REQUIRED: dict[str, tuple[str, ...]] = {
    "units": ("id",),
    "posts": ("id", "unit"),
    "people": ("id",),
    "holdings": ("person", "post"),
    "competences": ("id",),
    "links": ("source", "target"),
}

_TOP_KEYS = (
    "orgmodel",
    "name",
    "meta",
    "units",
    "posts",
    "people",
    "holdings",
    "competences",
    "links",
)
_TRUE = {"true", "yes", "ja", "y", "j", "1", "x", "sant"}
_FALSE = {"false", "no", "nej", "nei", "n", "0", "falskt", ""}

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"


def parse_bool(value: Any) -> bool | None:
    """``True``/``False`` for a boolean or a yes/no word (English, Swedish, Norwegian), else None.

    >>> parse_bool("Ja"), parse_bool("nei"), parse_bool(1), parse_bool("kanske")
    (True, False, True, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().casefold()
        if v in _TRUE:
            return True
        if v in _FALSE:
            return False
    return None


def split_list(text: str) -> tuple[str, ...]:
    """Competence ids from ``"a; b"`` text (empty parts are dropped).

    >>> split_list("planering; plan- och bygglagen ;")
    ('planering', 'plan- och bygglagen')
    """
    return tuple(part.strip() for part in text.split(";") if part.strip())


# ---- reading ---------------------------------------------------------------------------------


class _Reader:
    """Walks a composed YAML document and fills a :class:`Draft`."""

    def __init__(self, loader: Any, source: str | None, merges: bool = True):
        self.loader = loader
        self.merges = merges  # the fast composer gives up on merge keys: no need to look
        self.source = source
        self.draft = Draft(source=source)
        self.lists: dict[str, list[Any]] = {t: [] for t in TABLES}

    # -- helpers
    def where(self, node: yaml.Node) -> Location:
        return Location(self.source, line=node.start_mark.line + 1)

    def problem(
        self, code, message, node, table=None, id_=None, field=None, value=None, severity="error"
    ) -> None:
        self.draft.problems.append(
            Problem(
                severity,
                code,
                message,
                table=table,
                id=id_,
                field=field,
                value=value,
                location=self.where(node),
            )
        )

    def construct(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            tag, v = node.tag, node.value
            if tag == _STR:
                return v
            if tag == _INT and v.isdigit() and (len(v) == 1 or v[0] != "0"):
                return int(v)
            if tag == _FLOAT and ":" not in v:
                try:
                    return float(v)
                except ValueError:
                    pass
        return self.loader.construct_object(node, deep=True)

    def pairs(self, node: yaml.MappingNode, table: str | None, id_: Any = None):
        """``(key text, key node, value node)`` of a mapping; duplicate keys are reported."""
        if self.merges and any(k.tag == _MERGE for k, _ in node.value):
            self.loader.flatten_mapping(node)  # YAML merge keys (<<: *anchor)
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    "bad_key", "a key must be text, not a list or mapping", key_node, table, id_
                )
                continue
            key = key_node.value
            if key in seen:
                self.problem(
                    "duplicate_key", f"key {key!r} is given twice", key_node, table, id_, key
                )
            seen.add(key)
            yield key, key_node, value_node

    def value(self, kind: str, node: yaml.Node, table: str, id_: Any, field: str) -> Any:
        """A field value as written; structural problems are reported, never raised."""
        if kind in ("id", "ref", "text"):
            if isinstance(node, yaml.ScalarNode):
                return None if node.tag == _NULL else node.value
            self.problem(
                "not_text", f"{field} must be text, not a list or mapping", node, table, id_, field
            )
            return None
        if kind == "list":
            if isinstance(node, yaml.ScalarNode):
                if node.tag == _NULL:
                    return ()
                return split_list(node.value)
            if isinstance(node, yaml.SequenceNode):
                out = []
                for item in node.value:
                    if isinstance(item, yaml.ScalarNode) and item.tag != _NULL:
                        out.append(item.value)
                    else:
                        self.problem(
                            "not_text",
                            f"each of {field} must be an id (text)",
                            item,
                            table,
                            id_,
                            field,
                        )
                return tuple(out)
            self.problem("not_a_list", f"{field} must be a list of ids", node, table, id_, field)
            return ()
        raw = self.construct(node)
        if kind == "bool":
            if raw is None:
                return None
            b = parse_bool(raw)
            if b is None:
                self.problem(
                    "not_a_boolean", f"{field} must be true or false", node, table, id_, field, raw
                )
                return raw
            return b
        return raw  # numbers stay raw: check() reports what is not a number

    def entity(
        self,
        table: str,
        node: yaml.Node,
        extra: Mapping[str, Any] | None = None,
        extra_nodes: Mapping[str, yaml.Node] | None = None,
    ) -> dict | None:
        """Field values of one entity mapping (None when it is no mapping)."""
        cls, fields = TABLES[table]
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                "not_a_mapping",
                f"each entry of {table} must be a mapping of fields (key: value)",
                node,
                table,
            )
            return None
        pos = len(self.lists[table])
        locs = self.draft.locations
        locs.add(table, pos, self.where(node))
        id_node = None
        for k, v in node.value:
            if k.value == "id" and isinstance(k, yaml.ScalarNode):
                id_node = v
                break
        id_ = id_node.value if isinstance(id_node, yaml.ScalarNode) else None
        values: dict[str, Any] = dict(extra or {})
        for f, n in (extra_nodes or {}).items():
            locs.add(table, pos, self.where(n), f)
        attrs: dict[str, Any] = {}
        nested: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self.pairs(node, table, id_):
            if key in fields:
                values[key] = self.value(fields[key], value_node, table, id_, key)
                locs.add(table, pos, self.where(key_node), key)
            elif table == "people" and key == "holds":
                nested[key] = value_node
            else:
                attrs[key] = self.construct(value_node)
        for f in ("person", "post") if table == "holdings" else ():
            if values.get(f) is None:
                # check() cannot see this one: a holding of nobody or of no post
                self.problem(
                    "missing_value",
                    f"{f} is missing (who holds which post?)",
                    node,
                    table,
                    f"{values.get('person') or ''}@{values.get('post') or ''}",
                    f,
                )
        # absent or null: the field's default; required fields stay None for check() to report
        values = {k: v for k, v in values.items() if v is not None}
        for f in REQUIRED[table]:
            values.setdefault(f, None)
        self.lists[table].append(cls(**values, attrs=attrs))
        return {"pos": pos, "id": id_, "id_node": id_node, "nested": nested}

    def section(self, table: str, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                "not_a_list", f"{table} must be a list of entries (- id: ...)", node, table
            )
            return
        for item in node.value:
            info = self.entity(table, item)
            if info is None or table != "people":
                continue
            holds = info["nested"].get("holds")
            if holds is None or (isinstance(holds, yaml.ScalarNode) and holds.tag == _NULL):
                continue
            if not isinstance(holds, yaml.SequenceNode):
                self.problem(
                    "not_a_list",
                    "holds must be a list of entries (- post: ...)",
                    holds,
                    "people",
                    info["id"],
                    "holds",
                )
                continue
            person_node = info["id_node"] or item
            for entry in holds.value:
                self.entity(
                    "holdings",
                    entry,
                    extra={"person": info["id"]},
                    extra_nodes={"person": person_node},
                )

    def document(self, root: yaml.Node) -> Draft:
        d = self.draft
        if not isinstance(root, yaml.MappingNode):
            raise FormatError(
                f"{self.source or 'the text'}, line {root.start_mark.line + 1}: an orgmodel file "
                "must be a mapping with the keys orgmodel, name, meta, units, posts, people, "
                "competences, links"
            )
        sections: dict[str, yaml.Node] = {}
        extra: dict[str, Any] = {}
        extra_nodes: dict[str, yaml.Node] = {}
        version_node = None
        for key, key_node, value_node in self.pairs(root, None):
            if key == "orgmodel":
                version_node = value_node
            elif key == "name":
                if isinstance(value_node, yaml.ScalarNode):
                    d.name = "" if value_node.tag == _NULL else value_node.value
                else:
                    self.problem("not_text", "name must be text", value_node, field="name")
            elif key == "meta":
                meta = self.construct(value_node)
                if meta is None:
                    continue
                if not isinstance(meta, dict):
                    self.problem(
                        "not_a_mapping",
                        "meta must be a mapping (key: value)",
                        value_node,
                        field="meta",
                    )
                    continue
                d.meta.update({str(k): v for k, v in meta.items()})
            elif key in TABLES:
                sections[key] = value_node
            else:
                extra[key] = self.construct(value_node)
                extra_nodes[key] = key_node
        self.check_version(version_node, root)
        for key, value in extra.items():
            if key in d.meta:
                self.problem(
                    "duplicate_key",
                    f"top-level key {key!r} is also given under meta",
                    extra_nodes[key],
                    field=key,
                )
                continue
            d.meta[key] = value
            self.problem(
                "unknown_key",
                f"{key!r} is not a key of the orgmodel format; kept in meta"
                + did_you_mean(key, _TOP_KEYS),
                extra_nodes[key],
                field=key,
                severity="warning",
            )
        for table in ("units", "posts", "people", "holdings", "competences", "links"):
            if table in sections:  # holdings may also be a list of their own (person, post)
                self.section(table, sections[table])
        for table in TABLES:
            setattr(d, table, self.lists[table])
        return d

    def check_version(self, node: yaml.Node | None, root: yaml.Node) -> None:
        if node is None:
            self.problem(
                "missing_version",
                f"the file must start with 'orgmodel: {FORMAT_VERSION}' (the format version)",
                root,
                field="orgmodel",
            )
            return
        version = self.construct(node)
        if isinstance(version, bool) or not isinstance(version, int):
            self.problem(
                "bad_version",
                f"orgmodel (the format version) must be a whole number such as {FORMAT_VERSION}",
                node,
                field="orgmodel",
                value=version,
            )
        elif version > FORMAT_VERSION:
            raise UnsupportedFormatError(
                f"{self.source or 'the text'}, line {node.start_mark.line + 1}: format version "
                f"{version} is newer than this orgmodel reads ({FORMAT_VERSION}); upgrade orgmodel"
            )
        elif version < 1:
            self.problem(
                "bad_version",
                f"orgmodel (the format version) must be {FORMAT_VERSION}",
                node,
                field="orgmodel",
                value=version,
            )


# ---- a fast composer for plain block YAML ----------------------------------------------------
#
# libyaml's Python binding spends most of its time making Python objects (two marks per node),
# about 15 s for a file of 100,000 posts. Model files are plain block YAML: mappings, lists,
# one scalar per line. This composer reads that subset line by line into the same yaml nodes
# (with the same tags, values and lines) and gives up (returns None) on anything else: then
# libyaml composes the file, and reports any syntax error with its line and column.


class _Mark:
    """The part of a yaml Mark that readers use: a 0-based line and column."""

    __slots__ = ("column", "line")
    name = "<text>"

    def __init__(self, line: int, column: int):
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"line {self.line + 1}, column {self.column + 1}"


class _GiveUp(Exception):
    """The text uses YAML the fast composer does not read; libyaml will."""


# what YAML does not allow unescaped (libyaml then reports it), odd line breaks, tabs, a BOM
_STREAM_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\t]"
)
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVER = yaml.resolver.Resolver()
_FIRST_CHARS = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)
_tag_cache: dict[str, str] = {}


def _indicator_in_plain(text: str) -> bool:
    """``-``, ``?`` and ``:`` may start plain text when no space follows (``-450``)."""
    return text[0] in "-?:" and len(text) > 1 and text[1] != " "


def _plain_tag(value: str) -> str:
    if value and value[0] not in _FIRST_CHARS:
        return _STR  # no implicit type (number, bool, date, null) starts with this character
    tag = _tag_cache.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if len(_tag_cache) < 100_000:
            _tag_cache[value] = tag
    return tag


class _FastComposer:
    def __init__(self, text: str):
        if _STREAM_BAD.search(text):  # tabs, control characters, odd line breaks: libyaml
            raise _GiveUp
        self.lines: list[tuple[int, int, str]] = []  # (0-based line, indent, content)
        for n, raw in enumerate(text.split("\n")):
            line = raw[:-1] if raw.endswith("\r") else raw
            if "\r" in line:
                raise _GiveUp
            content = line.lstrip(" ")
            if not content or content.startswith("#"):
                continue
            self.lines.append((n, len(line) - len(content), content.rstrip(" ")))
        if self.lines and self.lines[0][2] == "---":
            del self.lines[0]
        for _, indent, content in self.lines:
            if content.startswith(("---", "...", "%")) and indent == 0:
                raise _GiveUp

    def compose(self) -> yaml.Node | None:
        if not self.lines:
            return None
        _, indent, content = self.lines[0]
        if indent != 0:
            raise _GiveUp
        if self._is_item(content):
            node, i = self.sequence(0, 0)
        elif self._split_key(content) is not None:
            node, i = self.mapping(0, 0)
        else:
            raise _GiveUp
        if i != len(self.lines):
            raise _GiveUp
        return node

    @staticmethod
    def _is_item(content: str) -> bool:
        return content == "-" or content.startswith("- ")

    def _split_key(self, content: str) -> tuple[str, str, str] | None:
        """``(key, tag, rest)`` when the line is ``key: rest`` (rest may be empty)."""
        if content[0] in "'\"":
            value, end = self._quoted(content)
            after = content[end:]
            if after == ":" or after.startswith(": "):
                return value, _STR, after[1:].strip(" ")
            return None
        if content[0] in _PLAIN_START_BAD and not _indicator_in_plain(content):
            return None
        k = content.find(": ")
        if k < 0:
            if not content.endswith(":"):
                return None
            k = len(content) - 1
        key = content[:k].rstrip(" ")
        if " #" in key or key == "<<":
            raise _GiveUp
        return key, _plain_tag(key), content[k + 1 :].strip(" ")

    @staticmethod
    def _quoted(text: str) -> tuple[str, int]:
        """A quoted scalar at the start of ``text``: its value and the index after it."""
        q = text[0]
        i = 1
        if q == "'":
            parts = []
            while True:
                j = text.find("'", i)
                if j < 0:
                    raise _GiveUp  # continues on the next line
                parts.append(text[i:j])
                if text.startswith("''", j):
                    parts.append("'")
                    i = j + 2
                    continue
                return "".join(parts), j + 1
        j = i
        escaped = False
        while j < len(text):
            c = text[j]
            if c == "\\":
                escaped = True
                j += 2
                continue
            if c == '"':
                if not escaped:
                    return text[i:j], j + 1
                try:  # escapes (\n, \U0001f600, ...) are libyaml's to decode
                    return yaml.load(text[: j + 1], Loader=_Loader), j + 1
                except yaml.YAMLError:
                    raise _GiveUp from None
            j += 1
        raise _GiveUp

    def scalar_or_flow(self, text: str, line: int, column: int) -> yaml.Node:
        mark = _Mark(line, column)
        c = text[0]
        if c in "'\"":
            value, end = self._quoted(text)
            rest = text[end:]
            if rest and not rest.lstrip(" ").startswith("#"):
                raise _GiveUp
            if rest and not rest.startswith(" "):
                raise _GiveUp
            return yaml.ScalarNode(_STR, value, mark, mark, style=c)
        if c in "[{":
            try:
                node = yaml.compose(text, Loader=_Loader)
            except yaml.YAMLError:
                raise _GiveUp from None
            _remark(node, line, column)
            return node
        if c in _PLAIN_START_BAD and not _indicator_in_plain(text):
            raise _GiveUp
        k = text.find(" #")
        if k >= 0:
            text = text[:k].rstrip(" ")
        if ": " in text or text.endswith(":"):
            raise _GiveUp
        return yaml.ScalarNode(_plain_tag(text), text, mark, mark)

    def value(self, rest: str, i: int, indent: int, line: int, column: int):
        """The value after ``key:`` (or ``-``) on line ``i``; returns it and the next line."""
        if rest and not rest.startswith("#"):
            return self.scalar_or_flow(rest, line, column), i + 1
        j = i + 1
        if j < len(self.lines):
            _, ind2, c2 = self.lines[j]
            if ind2 > indent:
                return self.block(j, ind2)
            if ind2 == indent and self._is_item(c2):
                return self.sequence(j, indent)
        mark = _Mark(line, column)
        return yaml.ScalarNode(_NULL, "", mark, mark), j

    def block(self, i: int, indent: int):
        content = self.lines[i][2]
        if self._is_item(content):
            return self.sequence(i, indent)
        if self._split_key(content) is None:
            raise _GiveUp  # a multi-line scalar
        return self.mapping(i, indent)

    def mapping(self, i: int, indent: int, sequence_indent: int | None = None):
        n0 = self.lines[i][0]
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        start = _Mark(n0, indent)
        while i < len(self.lines):
            n, ind, content = self.lines[i]
            if ind < indent:
                break
            if ind > indent or self._is_item(content):
                if self._is_item(content) and ind == sequence_indent:
                    break
                raise _GiveUp
            kv = self._split_key(content)
            if kv is None:
                raise _GiveUp
            key, tag, rest = kv
            key_mark = _Mark(n, ind)
            key_node = yaml.ScalarNode(
                tag, key, key_mark, key_mark, style=content[0] if content[0] in "'\"" else None
            )
            value_column = ind + len(content) - len(rest)
            value_node, i = self.value(rest, i, ind, n, value_column)
            pairs.append((key_node, value_node))
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, start, start), i

    def sequence(self, i: int, indent: int):
        n0 = self.lines[i][0]
        items: list[yaml.Node] = []
        start = _Mark(n0, indent)
        while i < len(self.lines):
            n, ind, content = self.lines[i]
            if ind != indent or not self._is_item(content):
                if ind > indent:
                    raise _GiveUp
                break
            rest = content[1:].lstrip(" ")
            if not rest or rest.startswith("#"):
                raise _GiveUp  # an empty item
            offset = ind + len(content) - len(rest)
            if self._is_item(rest):  # a list in a list: "- - a"
                self.lines[i] = (n, offset, rest)
                node, i = self.sequence(i, offset)
            elif self._split_key(rest) is not None:
                self.lines[i] = (n, offset, rest)  # the item's mapping starts on this line
                node, i = self.mapping(i, offset, sequence_indent=indent)
            else:
                node = self.scalar_or_flow(rest, n, offset)
                i += 1
            items.append(node)
        return yaml.SequenceNode("tag:yaml.org,2002:seq", items, start, start), i


def _remark(node: yaml.Node, line: int, column: int) -> None:
    """Put every node of a snippet composed on its own at the snippet's line."""
    stack = [node]
    while stack:
        nd = stack.pop()
        nd.start_mark = nd.end_mark = _Mark(line, column)
        if isinstance(nd, yaml.SequenceNode):
            stack.extend(nd.value)
        elif isinstance(nd, yaml.MappingNode):
            for k, v in nd.value:
                stack.extend((k, v))


def _fast_compose(text: str) -> yaml.Node | None:
    """The document's node tree, or None when the text is not plain block YAML."""
    try:
        return _FastComposer(text).compose()
    except _GiveUp:
        return None


@contextlib.contextmanager
def _no_gc():
    """Pause the cyclic garbage collector: building millions of small objects (nodes,
    entities) otherwise triggers it again and again, which more than doubles the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loads(text: str, source: str | None = None) -> Draft:
    """A :class:`Draft` from the text of an orgmodel YAML file.

    Parameters
    ----------
    text
        The YAML text.
    source
        A name for the text (usually the file name) used in problem locations.

    Raises
    ------
    FormatError
        When the text is not YAML (naming line and column) or not a mapping.
    UnsupportedFormatError
        When the file's format version is newer than this library reads.
    """
    with _no_gc():
        return _loads(text, source)


def _loads(text: str, source: str | None) -> Draft:
    root = _fast_compose(text)
    if root is not None:
        try:
            return _Reader(yaml.constructor.SafeConstructor(), source, merges=False).document(root)
        except yaml.constructor.ConstructorError as exc:
            raise FormatError(_constructor_message(exc, source)) from None
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = source or "the text"
            if mark is not None:
                where += f", line {mark.line + 1}, column {mark.column + 1}"
            what = " ".join(p for p in (exc.context, exc.problem) if p)
            raise FormatError(f"{where}: not valid YAML: {what}") from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            # libyaml counts bytes of the UTF-8 text
            before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
            line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
            char = exc.character if isinstance(exc.character, int) else ord(exc.character)
            raise FormatError(
                f"{source or 'the text'}, line {line}, column {column}: not valid YAML: the "
                f"character U+{char:04X} is not allowed (write it escaped, in double quotes)"
            ) from None
        except yaml.YAMLError as exc:
            raise FormatError(f"{source or 'the text'}: not valid YAML: {exc}") from None
        if root is None:
            raise FormatError(
                f"{source or 'the text'} is empty; an orgmodel file starts with "
                f"'orgmodel: {FORMAT_VERSION}'"
            )
        try:
            return _Reader(loader, source).document(root)
        except yaml.constructor.ConstructorError as exc:
            raise FormatError(_constructor_message(exc, source)) from None
    finally:
        loader.dispose()


def _constructor_message(exc: yaml.constructor.ConstructorError, source: str | None) -> str:
    mark = exc.problem_mark
    where = source or "the text"
    if mark is not None:
        where += f", line {mark.line + 1}, column {mark.column + 1}"
    return f"{where}: {exc.problem}"


def read_orgfile(path: str | os.PathLike[str]) -> Draft:
    """A :class:`Draft` from an orgmodel YAML file (``Draft.build()`` gives the organisation).

    Raises :class:`~orgmodel.errors.FormatError` when the file is not YAML; every problem in
    the data is in ``Draft.report()``, with its line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return loads(text, source=str(path))


# ---- writing ---------------------------------------------------------------------------------


def _plain(value: Any, where: str) -> Any:
    """Attribute values as YAML can hold them (tuples become lists)."""
    if value is None or isinstance(value, bool | int | float | str | _dt.date):
        return value
    if isinstance(value, Mapping):
        return {k: _plain(v, where) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, where) for v in value]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return _plain(item(), where)
    raise FormatError(f"cannot write {where}: {type(value).__name__} value {value!r}")


def _with_attrs(table: str, entity: Any, out: dict[str, Any], reserved=()) -> dict[str, Any]:
    fields = TABLES[table][1]
    for key, v in entity.attrs.items():
        if key in fields or key in reserved or not isinstance(key, str):
            ident = getattr(entity, "id", None) or f"{entity.to_dict()}"
            raise FormatError(
                f"cannot write {table} {ident!r}: attribute {key!r} has the name of a field"
            )
        out[key] = _plain(v, f"{table} {getattr(entity, 'id', '')!r} attribute {key!r}")
    return out


def _unit(u: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"id": u.id, "name": u.name}
    if u.kind != "unit":
        out["kind"] = u.kind
    if u.parent is not None:
        out["parent"] = u.parent
    if u.head is not None:
        out["head"] = u.head
    return _with_attrs("units", u, out)


def _post(p: Post) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.id,
        "unit": p.unit,
        "title": p.title,
        "fte_budgeted": p.fte_budgeted,
    }
    default_actual = 0.0 if p.vacant else p.fte_budgeted
    if p.fte_actual != default_actual:
        out["fte_actual"] = p.fte_actual
    if p.cost != 0:
        out["cost"] = p.cost
    if p.reports_to is not None:
        out["reports_to"] = p.reports_to
    if p.vacant:
        out["vacant"] = True
    if p.competences:
        out["competences"] = _IdList(p.competences)
    return _with_attrs("posts", p, out)


def _person(p: Person, holds: list[Holding]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "name": p.name}
    if p.competences:
        out["competences"] = _IdList(p.competences)
    _with_attrs("people", p, out, reserved=("holds",))
    if holds:
        out["holds"] = [
            _with_attrs("holdings", h, {"post": h.post, "share": h.share}, reserved=("person",))
            for h in holds
        ]
    return out


def _competence(c: Competence) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "name": c.name}
    if c.description:
        out["description"] = c.description
    return _with_attrs("competences", c, out)


def _link(k: Link) -> dict[str, Any]:
    out: dict[str, Any] = {"source": k.source, "target": k.target, "kind": k.kind}
    if k.weight != 1:
        out["weight"] = k.weight
    if k.directed:
        out["directed"] = True
    return _with_attrs("links", k, out)


def _dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_OrgDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


def _indented(key: str, data: Any) -> str:
    """``key:`` followed by ``data`` dumped as a block indented by two spaces.

    Indenting a dumped YAML block uniformly does not change its meaning; it only makes
    list items sit under their key, as people write them by hand.
    """
    body = _dump(data)
    return f"{key}:\n" + "".join(
        "  " + line if line.strip() else line for line in body.splitlines(keepends=True)
    )


def dumps(org: Organisation) -> str:
    """The organisation as orgmodel YAML text (format version 1).

    Keys come in a fixed order, one field per line, with default values left out; holdings
    are written under their person as ``holds:``. ``loads(dumps(org)).build() == org``.
    """
    with _no_gc():
        return _dumps(org)


def _dumps(org: Organisation) -> str:
    parts = [_dump({"orgmodel": FORMAT_VERSION})]
    if org.name:
        parts.append(_dump({"name": org.name}))
    if org.meta:
        parts.append(_indented("meta", _plain(org.meta.to_dict(), "meta")))
    holds: dict[str, list[Holding]] = {}
    for h in org.holding_list:
        holds.setdefault(h.person, []).append(h)
    people = [_person(p, holds.pop(p.id, [])) for p in org.iter_people()]
    if holds:  # only possible in an organisation built without validation
        raise FormatError(
            f"cannot write holdings of people who are not in the organisation: {sorted(holds)}"
        )
    tables = {
        "units": [_unit(u) for u in org.iter_units()],
        "posts": [_post(p) for p in org.iter_posts()],
        "people": people,
        "competences": [_competence(c) for c in org.competence_map.values()],
        "links": [_link(k) for k in org.link_list],
    }
    for key, items in tables.items():
        if items:
            parts.append(_indented(key, items))
    return "".join(parts)


def write_orgfile(org: Organisation, path: str | os.PathLike[str]) -> None:
    """Save the organisation as an orgmodel YAML file (atomically: all or nothing)."""
    text = dumps(org)
    with atomic_write(path) as f:
        f.write(text)
