"""Answer latency on the seeds with the default model, and our wrapper's cost against raw llama-cpp-python.

For each question: time to first token and total answer time through `Service.ask` (retrieval, prompt,
generation, verification), and the prompt size in tokens. Then, on the same rendered prompt, generation
tokens/s through our LlamaCppLLM wrapper and through llama-cpp-python's own `create_chat_completion`
on the same Llama instance, measured in the same run (target ratio >= 0.95): both start from an empty
KV cache and decode greedily, so they produce the same completion, and the script says whether they did.

    .venv/bin/python benchmarks/answer.py [--data-dir DIR]   (ingests seeds/ into DIR if needed)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rag  # noqa: E402,F401 - offline environment first
from rag.config import load_settings  # noqa: E402
from rag.llm.base import Message  # noqa: E402
from rag.service import Service  # noqa: E402

QUESTIONS = [
    "When might the Oreshnik missile be deployed in Belarus?",
    "Quand l'accord de sécurité entre la Russie et le Bélarus a-t-il été signé ?",
    "Who controls the nuclear weapons deployed in Belarus?",
    "Pourquoi Poutine est-il allé en Biélorussie en décembre 2022 ?",
    "What did Lukashenko ask Russian specialists to do?",
]


def timed_stream(stream) -> tuple[float, str]:
    """Seconds from the first piece to the end (prompt reading excluded), and the text produced."""
    first = None
    text = ""
    for piece in stream:
        if first is None:
            first = time.perf_counter()
        text += piece
    return (time.perf_counter() - first) if first is not None else float("nan"), text


def compare_generation(llm, prompt: list[Message], max_tokens: int = 128, repeats: int = 3) -> None:
    """Our wrapper against llama-cpp-python's own `create_chat_completion` on the same Llama, same prompt,
    same greedy sampling: each run starts from an empty KV cache (reset), so both compute the same
    completion; rounds alternate (ours, raw) to spread machine noise, and the medians are compared."""
    raw_llama = getattr(llm, "_llama", None)
    if raw_llama is None:
        print("the LLM backend is not llama.cpp: no raw baseline")
        return
    payload = [{"role": m.role, "content": m.content} for m in prompt]

    def raw_stream():
        for chunk in raw_llama.create_chat_completion(messages=payload, max_tokens=max_tokens, temperature=0.0, top_k=1, stream=True):
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                yield piece

    rates: dict[str, list[float]] = {"ours": [], "raw": []}
    texts: dict[str, set[str]] = {"ours": set(), "raw": set()}
    for _ in range(repeats):
        for name, make in (("ours", lambda: llm.stream(prompt, max_tokens=max_tokens)), ("raw", raw_stream)):
            raw_llama.reset()
            seconds, text = timed_stream(make())
            tokens = llm.count_tokens(text)
            rates[name].append((tokens - 1) / seconds if tokens > 1 else float("nan"))
            texts[name].add(text)
    ours, raw = statistics.median(rates["ours"]), statistics.median(rates["raw"])
    same = texts["ours"] == texts["raw"] and len(texts["ours"]) == 1
    print(f"generation ({repeats} alternating runs each, {llm.count_tokens(next(iter(texts['ours'])))} tokens, "
          f"identical completions: {same}): ours {ours:.2f} tok/s, raw llama-cpp-python {raw:.2f} tok/s, ratio {ours / raw:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=str(ROOT / ".newsrag" / "bench-answer"))
    args = parser.parse_args()
    service = Service(load_settings(args.data_dir, environ={}))
    if not service.corpus.manifest.articles:
        service.ingest([ROOT / "seeds"])
    service.ask(QUESTIONS[0])  # warm-up: loads both models and caches the system prompt
    rows = []
    for question in QUESTIONS:
        started = time.perf_counter()
        answer = service.ask(question)
        total = time.perf_counter() - started
        timings = answer.trace.get("timings", {})
        rows.append((question, timings.get("first_token"), total, answer.trace.get("prompt_tokens"), answer.refused))
        print(f"{total:5.1f}s ttft={timings.get('first_token')}s prompt={answer.trace.get('prompt_tokens')} tok "
              f"refused={answer.refused} | {question}", flush=True)
    ttfts = [r[1] for r in rows if r[1] is not None]
    print(f"\nmedian time to first token {statistics.median(ttfts):.2f} s; median total {statistics.median(r[2] for r in rows):.2f} s; "
          f"median prompt {statistics.median(r[3] for r in rows if r[3]):.0f} tokens")

    # a prompt whose greedy completion runs to max_tokens, so the rate is measured over ~128 tokens, not a
    # short reply where a 10 ms scheduling hiccup moves the ratio by several percent
    prompt = [Message("system", "You are concise."), Message("user", "Écris les nombres de un à cent en toutes lettres, séparés par des virgules.")]
    compare_generation(service.llm, prompt, repeats=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
