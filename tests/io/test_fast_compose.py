"""The fast composer for plain block YAML gives exactly libyaml's node tree (tags, values,
lines), and gives up on everything outside its subset, so files read the same either way."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from orgmodel.errors import FormatError
from orgmodel.io.orgfile import _fast_compose, _Loader, dumps, loads
from orgmodel.testing import organisations


def _tree(node):
    """A comparable form of a node tree: kind, tag, value and 1-based line of each node."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        # an empty value (null) has no text of its own; libyaml puts it after the colon
        return ("scalar", node.tag, node.value, None if node.value == "" else line)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", line, [_tree(n) for n in node.value])
    return ("map", line, [(_tree(k), _tree(v)) for k, v in node.value])


def _libyaml(text):
    return yaml.compose(text, Loader=_Loader)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(plain_text=True))
def test_written_files_compose_fast_and_identically(org):
    text = dumps(org)
    fast = _fast_compose(text)
    assert fast is not None
    assert _tree(fast) == _tree(_libyaml(text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_any_unicode_composes_identically_or_falls_back(org):
    text = dumps(org)
    fast = _fast_compose(text)
    if fast is not None:
        assert _tree(fast) == _tree(_libyaml(text))
    assert loads(text).build() == org


HAND_WRITTEN = [
    # comments everywhere, indented and indentless lists, a document start marker
    """---
# Hjo kommun
orgmodel: 1   # version
name: Hjo kommun – kansliet
units:
- id: kansliet   # indentless list
  name: "Kansliet"
  kind: office
posts:
    -   id: vu
        unit: kansliet
        competences: [verksamhetsutveckling, projektledning]  # flow list
        fte_budgeted: 3.0
        cost: 1_800_000
        reports_to:
        note: 'it''s fine: really # not a comment'
people:
  - id: anna
    holds:
      - post: vu
        share: .6
""",
    # Windows line ends, quoted keys, nulls, booleans, dates, numbers of every kind
    "orgmodel: 1\r\nmeta:\r\n  'quoted key': ~\r\n  \"dq\": yes\r\n  date: 2024-01-10\r\n"
    "  hex: 0x1f\r\n  oct: 010\r\n  sexa: 1:30\r\n  inf: -.inf\r\n  url: http://x.se/a#b\r\n",
    "orgmodel: 1\nunits: []\nposts: {}\nmeta: {a: [1, {b: c}]}\n",
    "orgmodel: 1\nunits:\n  - id: a\n\n\n  - id: b\n    parent: a\n",
    # escapes in double quotes, lists in lists
    'orgmodel: 1\nmeta:\n  "k\\u00e5": "esc\\u00e5ped \\"q\\" \\U0001F600"\n  l:\n  - - a\n    - b\n  - - c\n',
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_written_plain_yaml_composes_identically(text):
    fast = _fast_compose(text)
    assert fast is not None
    assert _tree(fast) == _tree(_libyaml(text))


GIVE_UP = [
    "orgmodel: 1\nunits:\n  - &a {id: a}\n  - *a\n",  # anchors and aliases
    "orgmodel: 1\nmeta:\n  note: |\n    two\n    lines\n",  # a block scalar
    "orgmodel: 1\nmeta:\n  note: a plain scalar\n    on two lines\n",
    "orgmodel: 1\nmeta:\n  note: 'quoted\n    on two lines'\n",
    "orgmodel: 1\nmeta:\n\tnote: tab\n",
    "orgmodel: 1\nmeta:\n  <<: {a: 1}\n",
    "orgmodel: 1\n---\norgmodel: 1\n",
    "orgmodel: 1\nunits:\n  -\n    id: a\n",
    "orgmodel: 1\nmeta:\n  a: b: c\n",
    "orgmodel: 1\nmeta:\n    a: 1\n  b: 2\n",  # bad indentation: libyaml reports it
    "orgmodel: 1\nname: [unclosed\n",
    "? complex key\n: value\n",
]


@pytest.mark.parametrize("text", GIVE_UP)
def test_anything_else_is_left_to_libyaml(text):
    assert _fast_compose(text) is None


def test_libyaml_still_reads_what_the_fast_composer_leaves():
    draft = loads(
        "orgmodel: 1\nunits:\n  - &k {id: kansliet, name: Kansliet}\nmeta:\n"
        "  note: |\n    rad ett\n    rad två\n"
    )
    assert [u.id for u in draft.units] == ["kansliet"]
    assert draft.meta == {"note": "rad ett\nrad två\n"}


@pytest.mark.parametrize("char", ["\x01", "\x7f", "\x80", "\x9f", "\ufffe"])
def test_characters_yaml_forbids_are_left_to_libyaml_which_reports_them(char):
    text = f"orgmodel: 1\nname: a{char}b\n"
    assert _fast_compose(text) is None
    # "orgmodel: 1\n" is line 1; the character follows "name: a" on line 2, column 8
    with pytest.raises(FormatError, match=r"x\.yaml, line 2, column 8: .* is not allowed"):
        loads(text, source="x.yaml")


def test_the_place_of_a_forbidden_character_counts_characters_not_bytes():
    text = "orgmodel: 1\nname: åäö\nnote: Ørjan\x01\n"
    # line 3 is "note: Ørjan<U+0001>": the character is the 12th on its line
    with pytest.raises(FormatError, match="line 3, column 12: not valid YAML: the character U"):
        loads(text)
