"""The ``orgmodel report`` command: scenario-comparison and prioritisation reports.

::

    orgmodel report scenario BASE OPTION... -o OUT.pptx|.xlsx|.html [--needs NEEDS.yaml]
    orgmodel report prioritisation INPUTS.yaml|RECORD.json -o OUT.pptx|.xlsx|.html
                                   [--tornado] [--smaa N] [--seed S]

``BASE`` is a model file; each ``OPTION`` a model file or a scenario file
(``orgmodel-scenario: 1``, applied to BASE). ``INPUTS.yaml`` describes a prioritisation
(``orgmodel-prioritisation: 1``; see :func:`load_prioritisation` and docs/reports.md);
``RECORD.json`` is a saved decision record (``DecisionRecord.to_dict()`` as JSON, see
:func:`load_decision_record`).
The suffix of ``-o`` chooses the format. Exit codes as for the other commands: 0 written,
1 invalid data, 2 a file or argument that cannot be used.

Wire it into ``orgmodel/cli.py``'s ``_parser`` with ``add_report_command(sub)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from orgmodel.errors import FormatError, OrgModelError, UnsupportedFormatError, ValidationError
from orgmodel.model.report import Location, Problem, ValidationReport

__all__ = [
    "FORMAT_KEY",
    "add_report_command",
    "load_decision_record",
    "load_prioritisation",
    "sensitivity",
]

FORMAT_KEY = "orgmodel-prioritisation"
_KEYS = {
    FORMAT_KEY,
    "title",
    "checklist",
    "gates_from",
    "initiatives",
    "answers",
    "scores",
    "gate_answers",
    "weights",
    "weight_method",
    "method",
    "decided_by",
    "date",
    "notes",
    "sensitivity",
}


def _output_suffix(path: str) -> None:
    from orgmodel.report.content import REPORT_FORMATS

    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise UnsupportedFormatError(
            f"cannot write a report as {suffix or 'a file without suffix'!r} ({path}); "
            f"valid suffixes: {', '.join(REPORT_FORMATS)}"
        )


def _is_scenario_file(path: str) -> bool:
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml"):
        return False
    head = p.read_text(encoding="utf-8")[:4000]
    return any(line.startswith("orgmodel-scenario:") for line in head.splitlines())


def _cmd_scenario(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from orgmodel.io import read
    from orgmodel.reorg import load_scenario
    from orgmodel.report.scenario import scenario_report

    _output_suffix(args.output)
    base_path, *option_paths = args.paths
    if not option_paths:
        raise OrgModelError("give the base model and at least one option (a model or scenario)")
    base = read(base_path)
    options = [load_scenario(p) if _is_scenario_file(p) else read(p) for p in option_paths]
    needs = None
    if args.needs:
        from orgmodel.staffing.needs import read_needs

        needs = read_needs(args.needs)
    report = scenario_report(
        base,
        *options,
        needs=needs,
        title=args.title,
        max_depth=args.depth,
        author=args.author,
        lang=args.lang,
    )
    report.save(args.output)
    print(f"wrote {args.output}")
    return 0


# ---- prioritisation inputs ---------------------------------------------------------------------
def _table(value: Any, base_dir: Path, field: str, source: str) -> pd.DataFrame:
    """A table given inline (``{row: {column: value}}``) or as a CSV/XLSX file path."""
    if isinstance(value, Mapping):
        frame = pd.DataFrame.from_dict(
            {str(k): dict(v or {}) for k, v in value.items()}, orient="index"
        )
        return frame
    if isinstance(value, str):
        path = base_dir / value
        suffix = path.suffix.lower()
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            raise UnsupportedFormatError(
                f"{source}: {field}: {value!r} must be a .csv or .xlsx file, or a mapping"
            )
        if frame.shape[1] == 0:
            raise FormatError(f"{source}: {field}: {value!r} has no columns")
        frame = frame.set_index(frame.columns[0])
        frame.index = frame.index.map(str)
        return frame.replace({"": None})
    raise FormatError(
        f"{source}: {field} must be a mapping or a file name, got {type(value).__name__}"
    )


def _checklist(value: Any, base_dir: Path):
    from orgmodel.prioritise.checklist import list_templates, load_checklist, load_template

    if value in list_templates():
        return load_template(value)
    return load_checklist(base_dir / str(value))


def load_prioritisation(path: str | Path) -> tuple[Any, dict[str, Any]]:
    """Read a prioritisation inputs file; returns the decision record and report options.

    The file (YAML)::

        orgmodel-prioritisation: 1
        title: Prioritering 2027                  # optional, the report's title
        checklist: ks-prioriteringskriterier      # a template name or a checklist file
        gates_from: ks-statlige-prosjekter        # optional: the gates of another checklist
        initiatives: initiatives.csv              # optional: id, name[, description, cost]
        answers: answers.csv                      # initiative, then a column per criterion
        # or  scores: scores.csv                  # numbers instead of labels
        gate_answers: gate-answers.csv            # optional: initiative, a column per question
        weights: {langsiktig-betydning: 5, ...}   # optional: points per criterion
        weight_method: direct
        method: weighted_sum                      # or topsis, promethee_ii
        decided_by: Prioriteringsverksted
        date: 2026-11-23
        notes: ...
        sensitivity: {tornado: true, smaa_samples: 10000, seed: 0}

    Tables (initiatives, answers, scores, gate answers, weights) are CSV or XLSX files
    next to the inputs file (first column the id) or inline mappings. Every unknown key
    and missing field is reported at once, with its line.
    """
    import yaml

    from orgmodel.prioritise.record import decision_record

    p = Path(path)
    source = str(p)
    if p.suffix.lower() not in (".yaml", ".yml"):
        raise UnsupportedFormatError(f"{p}: a prioritisation inputs file must be .yaml or .yml")
    text = p.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise FormatError(f"{p}: not valid YAML: {e}") from None
    if not isinstance(data, Mapping):
        raise FormatError(f"{p}: a prioritisation inputs file must be a YAML mapping")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    problems = []

    def problem(code: str, message: str, key: str, value: Any = None) -> None:
        problems.append(
            Problem(
                "error",
                code,
                message,
                table="prioritisation",
                field=key,
                value=value,
                location=Location(source, line=lines.get(key)),
            )
        )

    if data.get(FORMAT_KEY) != 1:
        problem("format_version", f"the file must start with '{FORMAT_KEY}: 1'", FORMAT_KEY)
    for key in data:
        if key not in _KEYS:
            from orgmodel.errors import did_you_mean

            problem("unknown_key", f"unknown key{did_you_mean(key, sorted(_KEYS))}", str(key))
    if "checklist" not in data:
        problem("missing", "give the checklist: a template name or a checklist file", "checklist")
    if ("answers" in data) == ("scores" in data):
        problem("answers_or_scores", "give either answers (labels) or scores (numbers)", "answers")
    if problems:
        raise ValidationError(ValidationReport(problems), source)

    base_dir = p.parent
    checklist = _checklist(data["checklist"], base_dir)
    if data.get("gates_from"):
        checklist = checklist.evolve(
            id=f"{checklist.id}+{data['gates_from']}",
            gates=_checklist(data["gates_from"], base_dir).gates,
        )
    initiatives = None
    if data.get("initiatives") is not None:
        init = data["initiatives"]
        initiatives = (
            {str(k): str(v) for k, v in init.items()}
            if isinstance(init, Mapping) and all(not isinstance(v, Mapping) for v in init.values())
            else _table(init, base_dir, "initiatives", source)
        )
    kwargs: dict[str, Any] = {}
    if "answers" in data:
        kwargs["answers"] = _table(data["answers"], base_dir, "answers", source)
    else:
        scores = _table(data["scores"], base_dir, "scores", source)
        kwargs["scores"] = scores.apply(pd.to_numeric, errors="raise")
    if data.get("gate_answers") is not None:
        kwargs["gate_answers"] = _table(data["gate_answers"], base_dir, "gate_answers", source)
    weights = data.get("weights")
    if isinstance(weights, str):
        w = _table(weights, base_dir, "weights", source)
        weights = pd.to_numeric(w.iloc[:, 0]).to_dict()
    date = data.get("date")
    record = decision_record(
        checklist,
        **kwargs,
        weights=weights,
        weight_method=str(data.get("weight_method", "direct")),
        method=str(data.get("method", "weighted_sum")),
        initiatives=initiatives,
        decided_by=str(data.get("decided_by", "") or ""),
        date=None if date is None else str(date),
        notes=str(data.get("notes", "") or ""),
    )
    options: dict[str, Any] = {"title": data.get("title")}
    sens = data.get("sensitivity") or {}
    options.update(
        sensitivity(
            record,
            tornado=bool(sens.get("tornado", False)),
            smaa_samples=int(sens.get("smaa_samples", 0) or 0),
            seed=int(sens.get("seed", 0)),
        )
    )
    return record, options


def sensitivity(
    record: Any, *, tornado: bool = False, smaa_samples: int = 0, seed: int = 0
) -> dict[str, Any]:
    """``tornado`` and ``smaa`` for :func:`~orgmodel.report.prioritisation_report`: the
    leader's tornado and SMAA rank acceptabilities over the ranked initiatives, scored the
    record's way (its method, the checklist's directions and scales)."""
    from orgmodel.prioritise import scoring_options, smaa, tornado_data

    ranked = record.ranking()
    out: dict[str, Any] = {}
    if len(ranked) < 2:
        return out
    checklist = record.checklist
    scores = record.scores.loc[ranked]
    directions = checklist.directions().to_dict()
    opts = scoring_options(checklist, record.method)
    if tornado:
        out["tornado"] = tornado_data(
            scores, record.weights, directions, method=record.method, **opts
        )
    if smaa_samples > 0:
        out["smaa"] = smaa(
            scores,
            None,
            directions,
            n_samples=smaa_samples,
            seed=seed,
            method=record.method,
            **opts,
        )
    return out


def load_decision_record(path: str | Path) -> Any:
    """A decision record saved as JSON (``json.dump(record.to_dict(), f)``), rebuilt.

    The record is ranked again from its saved inputs (checklist, scores, gate answers,
    weights, method); a :class:`~orgmodel.errors.FormatError` says so when the saved
    results differ from the recomputed ones (an edited or corrupted file).
    """
    import json

    from orgmodel.prioritise.checklist import Checklist, Initiative
    from orgmodel.prioritise.record import FORMAT_KEY as RECORD_KEY
    from orgmodel.prioritise.record import decision_record

    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise FormatError(f"{p}: not valid JSON: line {e.lineno}: {e.msg}") from None
    if not isinstance(data, Mapping) or data.get(RECORD_KEY) != 1:
        raise FormatError(f"{p}: not a saved decision record (no '{RECORD_KEY}': 1)")
    missing = [k for k in ("checklist", "scores", "weights", "method", "results") if k not in data]
    if missing:
        raise FormatError(f"{p}: the decision record has no {', '.join(missing)}")
    checklist = Checklist.from_dict(data["checklist"], source=f"{p}: checklist")
    scores = pd.DataFrame.from_dict(data["scores"], orient="index").astype(float)
    initiatives = [
        Initiative(
            str(i["id"]),
            str(i.get("name") or ""),
            str(i.get("description") or ""),
            tuple(i.get("carried_by") or ()),
            i.get("cost"),
        )
        for i in data.get("initiatives") or []
    ] or None
    details = {
        k: pd.DataFrame.from_dict(v, orient="index") if isinstance(v, Mapping) else v
        for k, v in (data.get("weight_details") or {}).items()
    }
    record = decision_record(
        checklist,
        scores,
        gate_answers=data.get("gate_answers") if checklist.gates else None,
        weights=data["weights"],
        weight_method=str(data.get("weight_method", "direct")),
        weight_details=details,
        method=str(data["method"]),
        initiatives=initiatives,
        decided_by=str(data.get("decided_by") or ""),
        date=str(data.get("date") or "") or None,
        notes=str(data.get("notes") or ""),
    )
    saved = {str(k): (v.get("status"), v.get("rank")) for k, v in data["results"].items()}
    again = {
        str(k): (row["status"], None if pd.isna(row["rank"]) else int(row["rank"]))
        for k, row in record.results.iterrows()
    }
    differ = sorted(k for k in saved.keys() | again.keys() if saved.get(k) != again.get(k))
    if differ:
        raise FormatError(
            f"{p}: the saved results differ from the ranking of the saved inputs for "
            + ", ".join(repr(k) for k in differ)
        )
    return record


def _cmd_prioritisation(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from orgmodel.report.prioritisation import prioritisation_report

    _output_suffix(args.output)
    if len(args.paths) != 1:
        raise OrgModelError(
            "give one prioritisation inputs file (.yaml) or decision record (.json)"
        )
    path = args.paths[0]
    if Path(path).suffix.lower() == ".json":
        record, options = load_decision_record(path), {}
    else:
        record, options = load_prioritisation(path)
    if args.tornado or args.smaa:
        options.update(
            sensitivity(record, tornado=args.tornado, smaa_samples=args.smaa, seed=args.seed)
        )
    title = args.title or options.pop("title", None)
    options.pop("title", None)
    options["lang"] = args.lang
    report = prioritisation_report(record, title=title, author=args.author, **options)
    report.save(args.output)
    print(f"wrote {args.output}")
    return 0


def _language(text: str) -> str:
    """``--lang``: en, sv or nb (also sv_SE, nb-NO, no...); argparse names the others."""
    from orgmodel.i18n import UnknownLanguageError, check_language

    try:
        return check_language(text)
    except UnknownLanguageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_LANG_HELP = (
    "language of the report: en, sv or nb (default: the environment variable "
    "ORGMODEL_LANG, else en)"
)


def add_report_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``report scenario`` and ``report prioritisation`` to the ``orgmodel`` parser.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned; the sub-commands
    set ``run`` (a function of the parsed arguments returning the exit code), as the
    other commands do.

    >>> import argparse
    >>> p = argparse.ArgumentParser(prog="orgmodel")
    >>> _ = add_report_command(p.add_subparsers(dest="command"))
    >>> args = p.parse_args(["report", "scenario", "a.yaml", "b.yaml", "-o", "out.pptx"])
    >>> args.paths, args.output, args.run.__name__, args.lang
    (['a.yaml', 'b.yaml'], 'out.pptx', '_cmd_scenario', None)
    >>> p.parse_args(["report", "prioritisation", "in.yaml", "-o", "x.html", "--lang", "sv_SE"]).lang
    'sv'
    """
    parser = subparsers.add_parser(
        "report", help="write a scenario or prioritisation report (.pptx, .xlsx, .html)"
    )
    kinds = parser.add_subparsers(dest="report_kind", required=True, metavar="KIND")

    sp = kinds.add_parser(
        "scenario", help="compare a base model with options: BASE OPTION... -o OUT"
    )
    sp.add_argument(
        "paths", nargs="+", metavar="PATH", help="the base model, then models or scenario files"
    )
    sp.add_argument("-o", "--output", required=True, help="file to write (.pptx, .xlsx, .html)")
    sp.add_argument("--needs", default=None, help="a needs file (orgmodel-needs: 1)")
    sp.add_argument("--title", default=None)
    sp.add_argument("--author", default="")
    sp.add_argument("--lang", type=_language, default=None, help=_LANG_HELP)
    sp.add_argument(
        "--depth", type=int, default=1, help="levels drawn in the org charts (default 1)"
    )
    sp.set_defaults(run=_cmd_scenario)

    sp = kinds.add_parser(
        "prioritisation", help="report a prioritisation: INPUTS.yaml or RECORD.json -o OUT"
    )
    sp.add_argument(
        "paths",
        nargs=1,
        metavar="INPUTS",
        help="a prioritisation inputs file (.yaml) or a saved decision record (.json)",
    )
    sp.add_argument("--tornado", action="store_true", help="add the leader's tornado")
    sp.add_argument(
        "--smaa", type=int, default=0, metavar="N", help="add SMAA with N weight samples"
    )
    sp.add_argument("--seed", type=int, default=0, help="seed of the SMAA samples")
    sp.add_argument("-o", "--output", required=True, help="file to write (.pptx, .xlsx, .html)")
    sp.add_argument("--title", default=None)
    sp.add_argument("--author", default="")
    sp.add_argument("--lang", type=_language, default=None, help=_LANG_HELP)
    sp.set_defaults(run=_cmd_prioritisation)
    return parser
