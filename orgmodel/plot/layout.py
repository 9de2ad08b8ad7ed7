"""Where the boxes of an org chart go: pure geometry, no matplotlib.

:func:`orgchart_layout` places one box per unit and returns a DataFrame (index = unit id)
that :func:`orgmodel.plot.orgchart.draw_orgchart` draws and that tests can check without
pixels. :func:`connector_segments` turns a layout into the straight line pieces of the
elbow connectors.

The layout is a tidy tree built from blocks: every subtree occupies a rectangle, sibling
rectangles sit side by side in model order, a parent is centred over its first and last
child, and top units (the hierarchy is a forest) sit side by side. Rectangles never
overlap, so boxes never do.

For large charts small subtrees are *stacked* (the classic org-chart trick): the leaves of
a parent hang in a column below it, one under the other, each joined to a vertical trunk
line; with ``stack_depth=1`` a child whose own children are all leaves is stacked too, its
leaves indented below it like an outline. Long columns are split into several side by
side. With ``stack_depth=None`` the layout picks the stacking that brings the chart's
width:height closest to ``aspect`` (a 16:9 projector slide by default).

Lengths are in *box widths*: every box is 1 wide; heights follow the number of text lines.
Two passes over the units (sizes bottom-up, positions top-down), both iterative, so a
deep chain of 10,000 units is no problem.

>>> from orgmodel.model import Organisation, Unit
>>> org = Organisation([Unit("a", "Kommunstyrelsen"), Unit("b", "Kansliet", parent="a"),
...                     Unit("c", "Ekonomi", parent="a")])
>>> lay = orgchart_layout(org, stack_leaves=False)
>>> lay[["x", "depth", "parent"]]    # boxes 1 wide, 0.2 apart; the parent centred
     x  depth parent
id
a  1.1      0   None
b  0.5      1      a
c  1.7      1      a
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "NETWORK_LAYOUTS",
    "LayoutSpacing",
    "connector_segments",
    "network_layout",
    "orgchart_layout",
    "tree_layout",
    "wrap_label",
]


@dataclass(frozen=True)
class LayoutSpacing:
    """Spacing of an org chart, in box widths (a box is 1 wide).

    Parameters
    ----------
    gap_x
        Between the blocks of two siblings.
    gap_y
        Between a parent's bottom and its children's top (the elbow bus runs halfway).
    gap_roots
        Between the blocks of two top units.
    gap_stack
        Between two stacked boxes in a column.
    indent
        How far a stacked box sits right of the trunk it hangs from (and each outline
        level right of the one above).
    line_height
        Height of one line of text.
    padding
        Empty space above and below the text in a box.
    """

    gap_x: float = 0.2
    gap_y: float = 0.34
    gap_roots: float = 0.45
    gap_stack: float = 0.1
    indent: float = 0.16
    line_height: float = 0.105
    padding: float = 0.07


#: Second parts of Swedish and Norwegian compound unit names: a long name is hyphenated
#: before one of them (``Social-förvaltningen``, ``Stadsarkitekt-kontoret``).
_COMPOUND_HEADS = (
    "avdeling",
    "avdelning",
    "beredning",
    "boende",
    "direktör",
    "direktør",
    "enhet",
    "etat",
    "förvaltning",
    "forvaltning",
    "fullmäktige",
    "grupp",
    "kansli",
    "kontor",
    "ledning",
    "nämnd",
    "nätverk",
    "omsorg",
    "samverkan",
    "sektor",
    "styrelse",
    "tjänst",
    "tjeneste",
    "utbildning",
    "utveckling",
    "verksamhet",
)


def _hyphenate(word: str, width: int) -> list[str]:
    """Cut a word longer than ``width`` into pieces of at most ``width`` characters.

    Each piece but the last ends with a hyphen. A Swedish or Norwegian compound is cut
    between its parts: after a joining "s" or before a known second part
    (``Kommunlednings-kontoret``, ``Social-förvaltningen``); otherwise near the middle.
    """
    pieces = []
    while len(word) > width:
        room = width - 1  # characters before the hyphen
        lower = word.lower()
        joints = [
            p
            for p in range(4, room + 1)
            if len(word) - p >= 4
            and (
                (lower[p - 1] == "s" and lower[p].isalpha() and lower[p] not in "aeiouyåäöæøs")
                or lower.startswith(_COMPOUND_HEADS, p)
            )
        ]
        if joints:
            cut = joints[-1]
        elif len(word) <= 2 * room:
            cut = (len(word) + 1) // 2  # two halves rather than a stub of a line
        else:
            cut = room
        pieces.append(word[:cut] + "-")
        word = word[cut:]
    pieces.append(word)
    return pieces


def wrap_label(text: str, width: int = 20, max_lines: int = 2) -> list[str]:
    """Wrap a unit name into at most ``max_lines`` lines of at most ``width`` characters.

    Words longer than ``width`` (Swedish and Norwegian compounds) are hyphenated, after
    a joining "s" where there is one, so every line fits a box at one font size. Text
    that does not fit ends with an ellipsis.

    >>> wrap_label("Socialförvaltningen, individ- och familjeomsorg", 20)
    ['Socialförvaltningen,', 'individ- och familj…']
    >>> wrap_label("Kansliet")
    ['Kansliet']
    >>> wrap_label("Kommunledningskontoret", 18)
    ['Kommunlednings-', 'kontoret']
    >>> wrap_label("Kommunledningsgruppen (KLG)", 18)
    ['Kommunlednings-', 'gruppen (KLG)']
    >>> wrap_label("Samhällsbyggnadsförvaltningen", 18)
    ['Samhällsbyggnads-', 'förvaltningen']
    >>> wrap_label("Socialförvaltningen", 18), wrap_label("Stadsarkitektkontoret", 18)
    (['Social-', 'förvaltningen'], ['Stadsarkitekt-', 'kontoret'])
    >>> wrap_label("Barn- och utbildningsförvaltningen", 18, max_lines=3)
    ['Barn- och', 'utbildnings-', 'förvaltningen']
    >>> wrap_label("Ekonomi nord 4", 12)    # a short tail keeps its word
    ['Ekonomi', 'nord 4']
    >>> wrap_label("")
    ['']
    """
    text = str(text)
    if len(text) <= width and "\n" not in text:
        return [text.strip()]
    lines: list[str] = []
    cuts: list[bool] = []  # per line: it ends in a hyphen of ours, the word goes on below
    for word in text.split():
        pieces = _hyphenate(word, width)
        for i, piece in enumerate(pieces):
            if lines and not cuts[-1] and i == 0 and len(lines[-1]) + 1 + len(piece) <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
                cuts.append(False)
            cuts[-1] = i < len(pieces) - 1
    cut = bool(cuts) and cuts[-1]
    if not lines:
        return [""]
    if len(lines) >= 2 and len(lines[-1]) <= 3 and " " in lines[-2] and not cut:
        head, last = lines[-2].rsplit(" ", 1)  # no lone "4": its word goes down with it
        if len(last) + 1 + len(lines[-1]) <= width:
            lines[-2:] = [head, f"{last} {lines[-1]}"]
    if len(lines) > max_lines:
        rest = "".join(
            line[:-1] if was_cut else line + " "
            for line, was_cut in zip(lines[max_lines - 1 :], cuts[max_lines - 1 :], strict=True)
        )
        lines = [*lines[: max_lines - 1], rest[: width - 1].rstrip() + "…"]
    return lines


class _Tree:
    """The visible part of the hierarchy: preorder, children, depth, hidden counts."""

    def __init__(
        self,
        all_children: Mapping[Any, Sequence[str]],
        roots: Sequence[str],
        max_depth: int | None,
        root_depth: Mapping[str, int] | None = None,
    ):
        if max_depth is not None and max_depth < 0:
            raise ValueError(f"max_depth must be >= 0 or None, got {max_depth}")
        self.roots = list(roots)
        self.order: list[str] = []  # preorder of visible boxes
        self.children: dict[str, list[str]] = {}
        self.depth: dict[str, int] = {}
        self.n_hidden: dict[str, int] = {}
        self.parent: dict[str, str | None] = {}
        # Depth in the chart is counted from the shown root(s); "depth" in the frame is the
        # depth in the whole organisation, so that a sub-chart keeps its levels.
        self.level: dict[str, int] = {}
        stack: list[tuple[str, int, str | None]] = [(r, 0, None) for r in reversed(self.roots)]
        while stack:
            u, lev, par = stack.pop()
            if u in self.level:
                raise ValueError(f"{u!r} is reached twice: the hierarchy is not a forest")
            self.order.append(u)
            self.level[u] = lev
            self.parent[u] = par
            kids = all_children.get(u, [])
            if max_depth is not None and lev >= max_depth and kids:
                self.children[u] = []
                self.n_hidden[u] = _count_below(all_children, u)
            else:
                self.children[u] = list(kids)
                self.n_hidden[u] = 0
                stack.extend((k, lev + 1, u) for k in reversed(kids))
        for u in self.order:
            par = self.parent[u]
            self.depth[u] = (root_depth or {}).get(u, 0) if par is None else self.depth[par] + 1
        self._outlines: dict[str, list[tuple[str, int]]] = {}
        # height of the visible subtree (0 for a box with nothing shown below it)
        self.height: dict[str, int] = {}
        self.size: dict[str, int] = {}  # boxes in the visible subtree, itself included
        for u in reversed(self.order):
            kids = self.children[u]
            self.height[u] = 1 + max(self.height[k] for k in kids) if kids else 0
            self.size[u] = 1 + sum(self.size[k] for k in kids)

    def outline(self, unit: str) -> list[tuple[str, int]]:
        """``unit`` and the units below it in preorder, with their level below ``unit``."""
        cached = self._outlines.get(unit)
        if cached is None:
            cached = []
            stack = [(unit, 0)]
            while stack:
                u, lev = stack.pop()
                cached.append((u, lev))
                stack.extend((k, lev + 1) for k in reversed(self.children[u]))
            self._outlines[unit] = cached
        return cached


def _count_below(children: dict, unit: str) -> int:
    n = 0
    stack = list(children.get(unit, []))
    while stack:
        u = stack.pop()
        n += 1
        stack.extend(children.get(u, []))
    return n


class _Column:
    """Stacked outlines hanging from one trunk, side by side with other blocks."""

    __slots__ = ("heads", "height", "tree", "width")

    def __init__(self, tree: _Tree, heads: list[str], width: float, height: float):
        self.tree, self.heads, self.width, self.height = tree, heads, width, height

    @property
    def rows(self) -> list[tuple[str, int]]:
        """(unit, outline level) from the top."""
        return [row for u in self.heads for row in self.tree.outline(u)]


class _Plan:
    """Sizes of every block for one choice of stacking (bottom-up pass)."""

    def __init__(
        self,
        tree: _Tree,
        box_h: float,
        sp: LayoutSpacing,
        stack_depth: int,
        max_rows: int | None,
        stack_min: int,
    ):
        self.tree, self.box_h, self.sp = tree, box_h, sp
        row_h = box_h + sp.gap_stack
        self.longest_column = 0
        # items[u]: the blocks below u in order, each ("tree", child) or ("col", _Column)
        self.items: dict[str, list[tuple[str, object]]] = {}
        self.width: dict[str, float] = {}
        self.height: dict[str, float] = {}
        self.anchor: dict[str, float] = {}  # x of u's box centre from its block's left edge
        width, height, anchor, all_items = self.width, self.height, self.anchor, self.items
        gap_x = sp.gap_x
        for u in reversed(tree.order):
            kids = tree.children[u]
            if not kids:
                width[u], height[u], anchor[u] = 1.0, box_h, 0.5
                all_items[u] = []
                continue
            items = self._items(kids, stack_depth, stack_min, row_h, max_rows)
            all_items[u] = items
            total = -gap_x
            tallest = 0.0
            first_anchor = last_anchor = 0.0
            for kind, it in items:
                total += gap_x
                if kind == "tree":
                    w, h, a = width[it], height[it], anchor[it]  # type: ignore[index]
                else:
                    w, h, a = it.width, it.height, 0.5  # type: ignore[attr-defined]
                last_anchor = total + a
                if total == 0.0:
                    first_anchor = last_anchor
                total += w
                if h > tallest:
                    tallest = h
            block = total if total > 1.0 else 1.0
            width[u] = block
            height[u] = box_h + sp.gap_y + tallest
            anchor[u] = (block - total) / 2 + (first_anchor + last_anchor) / 2

        # small top units (arenas, external parties, networks with a member or two) are
        # stacked like small subtrees, in columns without a trunk of their own
        self.root_items = self._items(tree.roots, stack_depth, stack_min, row_h, max_rows)

    def _columns(self, units: list[str], row_h: float, max_rows: int | None) -> list[_Column]:
        tree = self.tree
        sizes = [tree.size[u] for u in units]
        n_rows = sum(sizes)
        cap = n_rows if max_rows is None else max(max_rows, 1)
        # greedy fill, then even the columns out with the count found
        n_cols = _greedy_count(sizes, cap)
        cap = max(max(sizes), math.ceil(n_rows / n_cols))
        groups: list[list[str]] = [[]]
        rows_in: list[int] = [0]
        for u, size in zip(units, sizes, strict=True):
            if groups[-1] and rows_in[-1] + size > cap:
                groups.append([])
                rows_in.append(0)
            groups[-1].append(u)
            rows_in[-1] += size
        out = []
        for heads, n in zip(groups, rows_in, strict=True):
            self.longest_column = max(self.longest_column, n)
            deepest = max(tree.height[u] for u in heads)
            width = self.sp.indent * (deepest + 1) + 1.0
            out.append(_Column(tree, heads, width, n * row_h - self.sp.gap_stack))
        return out

    def _items(self, kids, stack_depth, stack_min, row_h, max_rows) -> list[tuple[str, Any]]:
        """The blocks below a parent in order: subtrees, and columns of stacked ones."""
        stackable = [k for k in kids if self.tree.height[k] <= stack_depth]
        if len(stackable) < stack_min:
            return [("tree", k) for k in kids]
        stack_set = set(stackable)
        items: list[tuple[str, Any]] = []
        placed_columns = False
        for k in kids:
            if k not in stack_set:
                items.append(("tree", k))
            elif not placed_columns:
                items.extend(("col", c) for c in self._columns(stackable, row_h, max_rows))
                placed_columns = True
        return items

    def item_size(self, item: tuple[str, Any]) -> tuple[float, float]:
        kind, it = item
        if kind == "tree":
            return self.width[it], self.height[it]
        return it.width, it.height

    def extent(self) -> tuple[float, float]:
        sizes = [self.item_size(i) for i in self.root_items]
        w = sum(w for w, _ in sizes) + self.sp.gap_roots * max(len(sizes) - 1, 0)
        h = max((h for _, h in sizes), default=0.0)
        return w, h


def _greedy_count(sizes: list[int], cap: int) -> int:
    n, cur = 1, 0
    for s in sizes:
        if cur and cur + s > cap:
            n, cur = n + 1, 0
        cur += s
    return n


def _row_cap_candidates(n: int) -> list[int | None]:
    """Column lengths to try: a geometric ladder up to n, then unlimited."""
    caps: list[int | None] = [c for c in (2, 3, 4) if c < n]
    c = 6
    while c < n:
        caps.append(c)
        c = math.ceil(c * 1.5)
    caps.append(None)
    return caps


def orgchart_layout(
    org: Organisation,
    *,
    root: str | Sequence[str] | None = None,
    max_depth: int | None = None,
    stack_leaves: bool = True,
    stack_depth: int | None = None,
    max_stack_rows: int | None = None,
    stack_min: int = 2,
    aspect: float = 16 / 9,
    plain_within: tuple[float, float] | None = None,
    extra_lines: int = 0,
    wrap_width: int = 20,
    max_name_lines: int = 2,
    spacing: LayoutSpacing | None = None,
) -> pd.DataFrame:
    """Positions of the boxes of an org chart, one row per shown unit.

    Parameters
    ----------
    org
        The organisation.
    root
        A unit id (or several) to chart the units below; default: every top unit.
    max_depth
        Show this many levels below the root(s) (0: the roots only); the boxes at the cut
        count the units hidden below them in ``n_hidden``.
    stack_leaves
        Allow stacking small subtrees in columns (see the module docs). False: a plain
        tidy tree, every level on one row.
    stack_depth
        Stack subtrees up to this height (0: leaves only, 1: also units whose children are
        all leaves). None: pick from -1 (no stacking) to 4 the one whose width:height is
        closest to ``aspect``.
    max_stack_rows
        Longest column of stacked boxes before it is split; None: chosen with the
        stacking to match ``aspect``.
    stack_min
        Stack only where a parent has at least this many stackable children.
    aspect
        Wanted width:height of the whole chart, used by the automatic choices.
    plain_within
        ``(width, height)``: with automatic stacking, keep the plain tidy tree (no
        stacking) whenever it fits in this size anyway (a small chart on a slide).
    extra_lines
        Lines of text the drawing adds under the name (figures); they set the box height.
    wrap_width, max_name_lines
        How unit names are wrapped (see :func:`wrap_label`).
    spacing
        Gaps and indents (:class:`LayoutSpacing`).

    Returns
    -------
    pandas.DataFrame
        Index ``id`` (unit id), in preorder (model order). Columns: ``x``, ``y`` (box
        centre; y grows upwards, the top row is at y = 0), ``width``, ``height``,
        ``depth`` (in the whole organisation; top units are 0), ``level`` (below the shown
        root), ``parent`` (shown parent or None), ``name``, ``label`` (wrapped name,
        newline-separated), ``label_lines``, ``n_children`` (shown), ``n_hidden`` (units
        collapsed below this box by ``max_depth``), ``is_stacked``, ``trunk_x`` (x of the
        vertical line a stacked box hangs from; NaN when not stacked), ``stack_level``
        (outline level inside a stacked column; -1 when not stacked). ``attrs`` hold the
        spacing and the chosen ``stack_depth`` and ``max_stack_rows``.

    Examples
    --------
    A parent with four leaves, stacked in one column under it:

    >>> from orgmodel.model import Organisation, Unit
    >>> units = [Unit("ks", "KS")] + [Unit(f"u{i}", parent="ks") for i in range(4)]
    >>> lay = orgchart_layout(Organisation(units), stack_depth=0, max_stack_rows=10)
    >>> lay["is_stacked"].tolist()
    [False, True, True, True, True]
    >>> bool((lay["x"].iloc[1:] == lay["x"].iloc[1]).all())   # one column
    True
    >>> orgchart_layout(Organisation(units), max_depth=0)["n_hidden"].tolist()
    [4]
    """
    if root is None:
        roots = org.roots()
    else:
        roots = [root] if isinstance(root, str) else list(root)
        for r in roots:
            org.unit(r)  # UnknownIdError lists close ids
    children: dict[str | None, list[str]] = {}
    for unit in org.iter_units():  # model order, so siblings keep their order
        children.setdefault(unit.parent, []).append(unit.id)
    tree = _Tree(children, roots, max_depth, {r: len(org.ancestors(r)) for r in roots})
    names = {u: org.unit_map[u].name for u in tree.order}
    return _layout(
        tree,
        names,
        stack_leaves=stack_leaves,
        stack_depth=stack_depth,
        max_stack_rows=max_stack_rows,
        stack_min=stack_min,
        aspect=aspect,
        plain_within=plain_within,
        extra_lines=extra_lines,
        wrap_width=wrap_width,
        max_name_lines=max_name_lines,
        spacing=spacing,
    )


def tree_layout(
    children: Mapping[Any, Sequence[str]],
    roots: Sequence[str],
    names: Mapping[str, str] | None = None,
    *,
    max_depth: int | None = None,
    **options: Any,
) -> pd.DataFrame:
    """The same layout as :func:`orgchart_layout` for any forest given as child lists.

    Used for charts of posts by reporting line; ``options`` are those of
    :func:`orgchart_layout` (``stack_leaves``, ``stack_depth``, ``extra_lines`` ...).

    Parameters
    ----------
    children
        ``{id: [child ids in order]}``; ids without an entry have no children.
    roots
        The top boxes, left to right.
    names
        Text of each box (default: the id).
    max_depth
        Levels shown below the roots.

    >>> lay = tree_layout({"chef": ["a", "b"]}, ["chef"], stack_leaves=False)
    >>> lay["x"].tolist(), lay["parent"].tolist()
    ([1.1, 0.5, 1.7], [None, 'chef', 'chef'])
    """
    tree = _Tree(children, roots, max_depth)
    names = {u: str((names or {}).get(u, u)) for u in tree.order}
    return _layout(tree, names, **options)


def _layout(
    tree: _Tree,
    names: Mapping[str, str],
    *,
    stack_leaves: bool = True,
    stack_depth: int | None = None,
    max_stack_rows: int | None = None,
    stack_min: int = 2,
    aspect: float = 16 / 9,
    plain_within: tuple[float, float] | None = None,
    extra_lines: int = 0,
    wrap_width: int = 20,
    max_name_lines: int = 2,
    spacing: LayoutSpacing | None = None,
) -> pd.DataFrame:
    sp = spacing or LayoutSpacing()
    labels = {u: wrap_label(names[u], wrap_width, max_name_lines) for u in tree.order}
    name_lines = max((len(v) for v in labels.values()), default=1)
    box_h = 2 * sp.padding + sp.line_height * (name_lines + extra_lines)

    if not stack_leaves:
        depths: list[int] = [-1]
    elif stack_depth is not None:
        depths = [stack_depth]
    else:
        tallest = max(tree.height.values(), default=0)
        depths = [d for d in range(-1, 5) if d < tallest]
    if max_stack_rows is not None:
        caps: list[int | None] = [max_stack_rows]
    else:
        caps = _row_cap_candidates(len(tree.order))

    best: tuple[float, int, int | None, _Plan] | None = None
    if stack_leaves and stack_depth is None and plain_within is not None:
        plain = _Plan(tree, box_h, sp, -1, None, stack_min)
        w, h = plain.extent()
        if w <= plain_within[0] and h <= plain_within[1]:
            plain.cap = None  # type: ignore[attr-defined]
            depths, best = [], (0.0, -1, None, plain)
    # Deeper stacking makes the chart narrower and taller; splitting columns makes it
    # wider again. So: stack deeper until the chart is too tall, then split the columns
    # of that depth; each depth's plans are scored and the best one kept.
    no_gain = 0
    for d in depths:
        improved = False
        too_tall = False
        for i, (plan, score, ratio) in enumerate(
            _caps_to_try(caps if d >= 0 else [None], tree, box_h, sp, d, stack_min, aspect)
        ):
            too_tall = too_tall or (i == 0 and ratio < aspect)
            if best is None or score < best[0] - 1e-6:
                best = (score, d, plan.cap, plan)
                improved = True
        no_gain = 0 if improved else no_gain + 1
        if too_tall or no_gain == 2 or best[0] < _CLOSE_ENOUGH:  # type: ignore[index]
            break
    assert best is not None
    return _positions(best[3], tree, names, labels, box_h, sp, best[1], best[2])


_CLOSE_ENOUGH = math.log(1.15)  # within 15 % of the wanted aspect


def _caps_to_try(caps, tree, box_h, sp, depth, stack_min, aspect):
    """Plans for the column lengths worth trying, with their distance to ``aspect``.

    The chart gets narrower as columns get longer, so the unlimited plan comes first (if
    it is already too wide, splitting columns only makes it wider), then a bisection over
    the ladder of lengths for the one nearest the wanted aspect.
    """

    def make(cap):
        plan = _Plan(tree, box_h, sp, depth, cap, stack_min)
        plan.cap = cap
        w, h = plan.extent()
        ratio = w / h if w > 0 and h > 0 else aspect
        return plan, ratio

    def score(ratio):
        return abs(math.log(ratio / aspect))

    plan, ratio = make(caps[-1])
    yield plan, score(ratio), ratio
    finite = [c for c in caps if c is not None and c < plan.longest_column]
    if ratio >= aspect or not finite:
        return
    lo, hi = 0, len(finite) - 1
    for _ in range(4):
        if lo > hi:
            break
        mid = (lo + hi) // 2
        plan, ratio = make(finite[mid])
        yield plan, score(ratio), ratio
        if ratio > aspect:  # too wide: longer columns
            lo = mid + 1
        else:
            hi = mid - 1


def _positions(plan, tree, names, labels, box_h, sp, chosen_depth, chosen_cap) -> pd.DataFrame:
    x: dict[str, float] = {}
    top: dict[str, float] = {}
    trunk: dict[str, float] = {}
    stack_level: dict[str, int] = {}
    box_left_of: dict[str, float] = {}
    todo: list[tuple[str, float, float]] = []
    row_h = box_h + sp.gap_stack

    def place_column(column: _Column, left: float, top_y: float) -> None:
        for r, (v, lev) in enumerate(column.rows):
            box_left = left + sp.indent * (lev + 1)
            box_left_of[v] = box_left
            x[v] = box_left + 0.5
            top[v] = top_y - r * row_h
            trunk[v] = left + sp.indent * lev + sp.indent / 2
            stack_level[v] = lev

    left = 0.0
    for kind, it in plan.root_items:
        if kind == "tree":
            todo.append((it, left, 0.0))
        else:
            place_column(it, left, 0.0)
        left += plan.item_size((kind, it))[0] + sp.gap_roots
    while todo:
        u, left, t = todo.pop()
        x[u] = left + plan.anchor[u]
        top[u] = t
        items = plan.items[u]
        if not items:
            continue
        total = sum(
            (plan.width[it] if kind == "tree" else it.width) for kind, it in items
        ) + sp.gap_x * (len(items) - 1)
        cursor = left + (plan.width[u] - total) / 2
        child_top = t - box_h - sp.gap_y
        for kind, it in items:
            if kind == "tree":
                todo.append((it, cursor, child_top))
                cursor += plan.width[it]
            else:
                place_column(it, cursor, child_top)
                cursor += it.width
            cursor += sp.gap_x
    order = tree.order
    df = pd.DataFrame(
        {
            "x": [round(x[u], 9) for u in order],
            "y": [round(top[u], 9) for u in order],  # top row's centre at 0
            "width": 1.0,
            "height": box_h,
            "depth": [tree.depth[u] for u in order],
            "level": [tree.level[u] for u in order],
            "parent": pd.Series([tree.parent[u] for u in order], index=order, dtype=object),
            "name": [names[u] for u in order],
            "label": ["\n".join(labels[u]) for u in order],
            "label_lines": [len(labels[u]) for u in order],
            "n_children": [len(tree.children[u]) for u in order],
            "n_hidden": [tree.n_hidden[u] for u in order],
            "is_stacked": [u in trunk for u in order],
            "trunk_x": [trunk.get(u, math.nan) for u in order],
            "stack_level": [stack_level.get(u, -1) for u in order],
        },
        index=pd.Index(order, name="id"),
    )
    df.attrs.update(
        spacing=sp,
        stack_depth=chosen_depth,
        max_stack_rows=chosen_cap,
        box_height=box_h,
    )
    return df


def connector_segments(
    layout: pd.DataFrame,
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of the elbow connectors of a layout, as ``((x0, y0), (x1, y1))``.

    A parent joins its side-by-side children through a horizontal bus halfway down the
    gap; stacked boxes hang from a vertical trunk with a short stub into their left side.

    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation([Unit("a"), Unit("b", parent="a"), Unit("c", parent="a")])
    >>> lay = orgchart_layout(org, stack_leaves=False)
    >>> for seg in connector_segments(lay):
    ...     print(seg)
    ((1.1, -0.1225), (1.1, -0.2925))
    ((0.5, -0.2925), (1.7, -0.2925))
    ((0.5, -0.2925), (0.5, -0.4625))
    ((1.7, -0.2925), (1.7, -0.4625))

    (Boxes are 0.245 high: one line of 0.105 plus 2 x 0.07 padding; a's bottom is at
    -0.1225, the children's tops 0.34 lower, the bus halfway.)
    """
    sp: LayoutSpacing = layout.attrs.get("spacing", LayoutSpacing())
    segs: list[tuple[tuple[float, float], tuple[float, float]]] = []
    half_h = layout["height"] / 2
    bottom = (layout["y"] - half_h).to_dict()
    top = (layout["y"] + half_h).to_dict()
    xs = layout["x"].to_dict()
    left = (layout["x"] - layout["width"] / 2).to_dict()
    stacked = layout["is_stacked"].to_dict()
    trunk = layout["trunk_x"].to_dict()
    by_parent: dict[str, list[str]] = {}
    for u, p in layout["parent"].items():
        if p is not None and p in xs:
            by_parent.setdefault(p, []).append(u)

    def r(v: float) -> float:
        return round(float(v), 9)

    def seg(x0: float, y0: float, x1: float, y1: float) -> None:
        segs.append(((r(x0), r(y0)), (r(x1), r(y1))))

    for p, kids in by_parent.items():
        trunks: dict[float, float] = {}  # trunk x -> lowest row centre y hanging from it
        tree_kids = []
        for k in kids:
            if stacked[k]:
                tx = trunk[k]
                trunks[tx] = min(trunks.get(tx, math.inf), layout.at[k, "y"])
                seg(tx, layout.at[k, "y"], left[k], layout.at[k, "y"])
            else:
                tree_kids.append(k)
        px, pb = xs[p], bottom[p]
        direct = stacked[p] or (
            not tree_kids and len(trunks) == 1 and left[p] < next(iter(trunks)) < left[p] + 1
        )
        if direct:
            for tx, low in trunks.items():
                seg(tx, pb, tx, low)
            continue
        bus = pb - sp.gap_y / 2
        ends = [px, *(xs[k] for k in tree_kids), *trunks]
        seg(px, pb, px, bus)
        if min(ends) < max(ends):
            seg(min(ends), bus, max(ends), bus)
        for k in tree_kids:
            seg(xs[k], bus, xs[k], top[k])
        for tx, low in trunks.items():
            seg(tx, bus, tx, low)
    return segs


#: Node placements :func:`network_layout` knows.
NETWORK_LAYOUTS = ("spring", "kamada_kawai", "circular", "shell")


def network_layout(
    graph,
    method: str = "spring",
    *,
    seed: int | None = 0,
    groups: Mapping[Any, Any] | None = None,
    weight: str | None = "weight",
) -> pd.DataFrame:
    """Positions of a network's nodes, from networkx's layout functions (pure).

    Parameters
    ----------
    graph
        A networkx graph.
    method
        ``"spring"`` (force-directed; heavier ties pull harder), ``"kamada_kawai"``,
        ``"circular"`` or ``"shell"`` (one ring per group, groups from ``groups``).
    seed
        Random seed of the spring layout: the same seed gives the same picture.
    groups
        ``{node: group}``, for ``"shell"``.
    weight
        Edge attribute used as the pull of a tie (spring, kamada_kawai); None: all equal.

    Returns
    -------
    pandas.DataFrame
        Index = node, columns ``x`` and ``y`` (within about -1..1).

    Examples
    --------
    >>> import networkx as nx
    >>> pos = network_layout(nx.path_graph(4), "circular")
    >>> pos.round(6).to_dict("index")[0], pos.round(6).to_dict("index")[2]
    ({'x': 1.0, 'y': 0.0}, {'x': -1.0, 'y': 0.0})
    >>> a = network_layout(nx.path_graph(5), seed=3)
    >>> a.equals(network_layout(nx.path_graph(5), seed=3))     # reproducible
    True
    """
    import networkx as nx

    if method not in NETWORK_LAYOUTS:
        raise ValueError(
            f"layout {method!r} is not known; valid: {', '.join(map(repr, NETWORK_LAYOUTS))}"
        )
    nodes = list(graph.nodes)
    if not nodes:
        return pd.DataFrame({"x": [], "y": []}, index=pd.Index([], name="node"))
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(
        (u, v, {"weight": float(d.get(weight, 1.0)) if weight else 1.0})
        for u, v, d in graph.edges(data=True)
        if u != v
    )
    if len(nodes) == 1:
        pos = {nodes[0]: (0.0, 0.0)}
    elif method == "spring":
        k = 2.0 / math.sqrt(len(nodes))  # a little more room than networkx's default
        pos = nx.spring_layout(simple, k=k, weight="weight", seed=seed, iterations=200)
    elif method == "kamada_kawai":
        # distances: a heavier tie is a shorter one
        for _, _, d in simple.edges(data=True):
            d["distance"] = 1.0 / d["weight"] if d["weight"] > 0 else 1.0
        pos = nx.kamada_kawai_layout(simple, weight="distance")
    elif method == "circular":
        pos = nx.circular_layout(simple)
    else:
        order: dict[Any, list[Any]] = {}
        for n in nodes:
            order.setdefault((groups or {}).get(n, None), []).append(n)
        pos = nx.shell_layout(simple, nlist=list(order.values()))
    return pd.DataFrame(
        {"x": [float(pos[n][0]) for n in nodes], "y": [float(pos[n][1]) for n in nodes]},
        index=pd.Index(nodes, name="node"),
    )
