"""Serve the app for the browser and API tests: `python -m tests.browser.serve_app DATA_DIR PORT [--llm cite|real] [--embedder fake|real]`.

Ingests the seeds into DATA_DIR, then serves on 127.0.0.1:PORT. `--llm cite` (the default) is a deterministic
FunctionLLM that answers with the numbered source sentence sharing the most words with the question, cited
[n], so the tests exercise the real retrieval, verification and rendering without waiting for the model.
`--llm real` uses the default Qwen model.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import rag  # noqa: F401 - offline environment first
from rag.llm import FunctionLLM, Message
from rag.service import Service
from tests.conftest import MODEL_DIR, SEEDS, make_settings, restate_last

_WORD = re.compile(r"\w{3,}")


def cite_best_sentence(messages: list[Message]) -> str:
    """The numbered sentence of the last message sharing most words with its question line, copied and cited."""
    prompt = messages[-1].content
    numbered = [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^\[(\d+)\] (.+)$", prompt, re.MULTILINE)]
    if not numbered:  # a summary prompt quotes its sentences as "- text" lines
        return restate_last(messages) or "The articles do not say."
    question = re.search(r"^Question: (.+)$", prompt, re.MULTILINE)
    wanted = {w.lower() for w in _WORD.findall(question.group(1) if question else "")}
    number, text = max(numbered, key=lambda item: (len(wanted & {w.lower() for w in _WORD.findall(item[1])}), -item[0]))
    return f"{text.rstrip(' .')} [{number}]."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("--llm", choices=["cite", "real"], default="cite")
    parser.add_argument("--embedder", choices=["fake", "real"], default="real")
    parser.add_argument("--auth", default=None)
    parser.add_argument("--busy-wait", type=float, default=30.0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds the fake model thinks before answering")
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {"llm": "llamacpp:qwen2.5-coder-1.5b" if args.llm == "real" else "fake"}
    if args.embedder == "real":
        overrides["embedder"] = "st:embeddinggemma-300m"
    else:  # the hashed bag-of-words fake scores lower than EmbeddingGemma (see tests/unit/test_answer_pipeline.py)
        overrides.update(min_dense_similarity=0.05, support_threshold=0.45)
    settings = make_settings(args.data_dir, model_dir=MODEL_DIR, **overrides)
    def slow_cite(messages: list[Message]) -> str:
        time.sleep(args.delay)
        return cite_best_sentence(messages)

    service = Service(settings, llm=None if args.llm == "real" else FunctionLLM(slow_cite, name="fake-cite"))
    if not service.corpus.articles():
        print(service.ingest([SEEDS]).summary_line(), flush=True)
    from ui.app import serve

    return serve(service, host="127.0.0.1", port=args.port, auth=args.auth, busy_wait=args.busy_wait)


if __name__ == "__main__":
    sys.exit(main())
