"""The ``orgmodel`` command line.

::

    orgmodel validate PATH... [--preset NAME]       exit 0 when valid, 1 with the problem list
    orgmodel summary PATH [--json]                  key figures
    orgmodel chart PATH -o FILE [--depth N]         org chart as PNG, SVG or PDF
    orgmodel convert IN... OUT [--preset NAME]      any supported format to any other
    orgmodel apply MODEL SCENARIO -o OUT            apply a reorganisation scenario
    orgmodel diff A B [--json]                      what changed; exit 0 equal, 1 different
    orgmodel report scenario BASE OPTION... -o OUT  PowerPoint, Excel or HTML report
    orgmodel workshop serve CHECKLIST INITIATIVES   participants score from their own devices

With ``--preset`` (e.g. ``uk-organogram``) all input paths are read together as one
organisation (a senior and a junior file); without it each path is one organisation.
Exit codes: 0 success, 1 invalid data (``diff``: the models differ; ``apply``: an operation
cannot apply), 2 a file or argument that cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from orgmodel.errors import OrgModelError

__all__ = ["main"]


def _read_options(args: argparse.Namespace) -> dict[str, Any]:
    opts: dict[str, Any] = {}
    if getattr(args, "preset", None):
        opts["preset"] = args.preset
    mapping = getattr(args, "mapping", None)
    if mapping:
        text = Path(mapping).read_text(encoding="utf-8") if Path(mapping).exists() else mapping
        try:
            opts["mapping"] = json.loads(text)
        except json.JSONDecodeError as e:
            raise OrgModelError(f"--mapping is neither a JSON file nor JSON text: {e}") from None
    return opts


def _inputs(paths: Sequence[str], args: argparse.Namespace) -> list[Any]:
    """Groups of paths that make one organisation each."""
    if getattr(args, "preset", None) or getattr(args, "mapping", None):
        return [list(paths) if len(paths) > 1 else paths[0]]
    return list(paths)


def _label(item: Any) -> str:
    return " + ".join(map(str, item)) if isinstance(item, list) else str(item)


def _cmd_validate(args: argparse.Namespace) -> int:
    from orgmodel.io import read_draft

    opts = _read_options(args)
    worst = 0
    for item in _inputs(args.paths, args):
        report = read_draft(item, **opts).report()
        errors, warnings = report.errors, report.warnings
        status = "valid" if report.ok else "INVALID"
        print(f"{_label(item)}: {status} ({report.summary()})")
        for p in errors:
            print(f"  error: {p}")
        shown = warnings if args.max_warnings < 0 else warnings[: args.max_warnings]
        for p in shown:
            print(f"  warning: {p}")
        if len(shown) < len(warnings):
            print(
                f"  ... and {len(warnings) - len(shown)} more warnings (--max-warnings -1 shows all)"
            )
        if not report.ok:
            worst = 1
    return worst


def _load(path: Sequence[str] | str, args: argparse.Namespace):
    from orgmodel.io import read

    items = _inputs([path] if isinstance(path, str) else list(path), args)
    if len(items) != 1:
        raise OrgModelError("give one organisation file (or use --preset for a set of files)")
    return read(items[0], **_read_options(args))


def _cmd_summary(args: argparse.Namespace) -> int:
    from orgmodel.analysis import summary

    org = _load(args.paths, args)
    figures = summary(org)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
    else:
        width = max(len(k) for k in figures)
        for k, v in figures.items():
            if isinstance(v, float):
                v = f"{v:,.2f}"
            print(f"{k:<{width}}  {v}")
    return 0


def _cmd_chart(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from orgmodel.plot import draw_orgchart, save_figure

    org = _load(args.paths, args)
    ax = draw_orgchart(org, max_depth=args.depth, root=args.root, title=args.title)
    save_figure(ax, args.output)
    print(f"wrote {args.output}")
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from orgmodel.io import write

    *inputs, out = args.paths
    if not inputs:
        raise OrgModelError("convert needs at least one input and one output path")
    org = _load(inputs, args)
    write(org, out)
    print(f"wrote {out} ({len(org.unit_map)} units, {len(org.post_map)} posts)")
    return 0


def _cmd_apply(args: argparse.Namespace) -> int:
    from orgmodel.io import write
    from orgmodel.reorg import load_scenario

    base = _load(args.model, args)
    scenario = load_scenario(args.scenario)
    run = scenario.run(base)
    for step, row in run.steps.iterrows():
        mark = "ok  " if row["applied"] else "FAIL"
        print(
            f"{mark} {step:>3}. {row['description']}"
            + ("" if row["applied"] else f": {row['reasons']}")
        )
    if not run.ok:
        print(f"{len(run.failed)} operation(s) cannot apply; nothing written", file=sys.stderr)
        return 1
    write(run.organisation, args.output)
    print(f"wrote {args.output}")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from orgmodel.reorg import diff

    before = _load(args.before, args)
    after = _load(args.after, args)
    d = diff(before, after)
    if args.json:
        print(json.dumps(d.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(d.summary_text())
        if not d.is_empty:
            for c in d.changes():
                detail = f" ({c['detail']})" if c.get("detail") else ""
                b, a = c.get("before"), c.get("after")
                arrow = f": {b!r} -> {a!r}" if b is not None or a is not None else ""
                print(f"  {c['what']} {c.get('id', '')}: {c['change']}{detail}{arrow}")
    return 0 if d.is_empty else 1


def _parser() -> argparse.ArgumentParser:
    from orgmodel import __version__

    p = argparse.ArgumentParser(
        prog="orgmodel",
        description="Model, validate, summarise, chart and convert organisations.",
    )
    p.add_argument("--version", action="version", version=f"orgmodel {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--preset", help="read HR files with a preset, e.g. uk-organogram")
        sp.add_argument("--mapping", help="HR column mapping as JSON text or a JSON file")

    sp = sub.add_parser("validate", help="check files; exit 1 listing every problem")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument(
        "--max-warnings",
        type=int,
        default=20,
        metavar="N",
        help="warnings to print per file (default 20; -1 for all)",
    )
    common(sp)
    sp.set_defaults(run=_cmd_validate)

    sp = sub.add_parser("summary", help="key figures (units, posts, FTE, cost, layers, spans)")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--json", action="store_true", help="print a JSON object")
    common(sp)
    sp.set_defaults(run=_cmd_summary)

    sp = sub.add_parser("chart", help="draw the org chart to PNG, SVG or PDF")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("-o", "--output", required=True, help="file to write (.png, .svg, .pdf)")
    sp.add_argument("--depth", type=int, default=None, help="collapse units below this depth")
    sp.add_argument("--root", default=None, help="draw only the sub-tree under this unit id")
    sp.add_argument("--title", default=None)
    common(sp)
    sp.set_defaults(run=_cmd_chart)

    sp = sub.add_parser("convert", help="convert between formats: IN... OUT")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="input file(s), then the output file")
    common(sp)
    sp.set_defaults(run=_cmd_convert)

    sp = sub.add_parser("apply", help="apply a scenario file to a model: MODEL SCENARIO -o OUT")
    sp.add_argument("model", metavar="MODEL")
    sp.add_argument("scenario", metavar="SCENARIO")
    sp.add_argument("-o", "--output", required=True, help="file to write the result to")
    common(sp)
    sp.set_defaults(run=_cmd_apply)

    sp = sub.add_parser("diff", help="what changed from A to B; exit 0 when equal, 1 otherwise")
    sp.add_argument("before", metavar="A")
    sp.add_argument("after", metavar="B")
    sp.add_argument("--json", action="store_true", help="print the changes as JSON")
    common(sp)
    sp.set_defaults(run=_cmd_diff)

    from orgmodel.report.cli import add_report_command
    from orgmodel.workshop.cli import add_workshop_commands

    add_report_command(sub)
    add_workshop_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    # paths may come on both sides of an option (`convert a.csv b.csv --preset P out.yaml`):
    # argparse leaves the later ones over; they are more paths
    args, extra = parser.parse_known_args(argv)
    if extra:
        stray = [e for e in extra if e.startswith("-")]
        if stray or not hasattr(args, "paths"):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.paths.extend(extra)
    try:
        return int(args.run(args))
    except OrgModelError as e:
        # validation errors carry the full problem list in their message
        print(f"orgmodel {args.command}: {e}", file=sys.stderr)
        return 1 if e.__class__.__name__ == "ValidationError" else 2
    except (FileNotFoundError, IsADirectoryError, PermissionError) as e:
        print(f"orgmodel {args.command}: {e.strerror}: {e.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
