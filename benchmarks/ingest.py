"""Ingest throughput against the embedder's own cost, measured in the same run.

For each corpus (the seeds; the PIAF dev articles) and each embedder precision (fp32; int8 dynamic
quantisation of the linear layers), it measures:
- baseline: the pure embedding time of exactly the chunks the pipeline will produce (same texts, same
  headers, same batch size), with no loading, cleaning, chunking, store or BM25 work;
- sentence vectors: the embedding time of the article sentences (the answer step's sentence window);
- total: a full `ingest` into a fresh index.
It prints chunks/s and two ratios: total / (chunk + sentence embedding) is the pipeline's own overhead
(target <= 1.15), total / chunk embedding alone is what the sentence vectors cost on top.

    .venv/bin/python benchmarks/ingest.py [--corpus seeds|piaf|both] [--precision fp32|int8|both]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rag  # noqa: E402,F401 - offline environment first
from rag.chunking import chunk_article  # noqa: E402
from rag.config import load_settings  # noqa: E402
from rag.corpus import Corpus  # noqa: E402
from rag.embed import Embedder, get_embedder  # noqa: E402
from rag.ingest.loaders import iter_corpus  # noqa: E402
from rag.ingest.pipeline import build_article, ingest  # noqa: E402
from rag.sentences import paragraph_sentence_spans  # noqa: E402


def piaf_corpus(target: Path) -> Path:
    data = json.loads((ROOT / "evals" / "datasets" / "piaf-dev.json").read_text(encoding="utf-8"))
    lines = []
    for article in data["data"]:
        text = "\n".join(p["context"] for p in article["paragraphs"])
        lines.append(json.dumps({"title": article["title"].replace("_", " "), "text": text}, ensure_ascii=False))
    path = target / "piaf.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def measure(corpus_path: Path, embedder: Embedder, label: str) -> dict[str, float | int | str]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(Path(tmp) / "data", environ={})
        corpus = Corpus(settings, embedder)
        docs, _ = iter_corpus([corpus_path])
        articles = [build_article(d) for d in docs]
        chunks = [c for a in articles for c in chunk_article(a, corpus.tokens.count, corpus.chunking)]
        sentences = [(a.text[s.start:s.end], a.title) for a in articles for para in paragraph_sentence_spans(a.text) for s in para]
        embedder.embed_documents(["échauffement"], ["none"])  # first call pays one-off costs
        started = time.perf_counter()
        embedder.embed_documents([c.text for c in chunks], [c.header for c in chunks])
        chunk_seconds = time.perf_counter() - started
        started = time.perf_counter()
        embedder.embed_documents([s for s, _ in sentences], [t for _, t in sentences])
        sentence_seconds = time.perf_counter() - started
        started = time.perf_counter()
        report = ingest(corpus, [corpus_path])
        total = time.perf_counter() - started
    return {
        "run": label, "articles": len(articles), "chunks": report.chunks_added, "sentences": len(sentences),
        "embed_chunks_s": round(chunk_seconds, 2), "embed_sentences_s": round(sentence_seconds, 2), "ingest_s": round(total, 2),
        "chunks_per_s": round(report.chunks_added / total, 2),
        "ratio_vs_all_embedding": round(total / (chunk_seconds + sentence_seconds), 3),
        "ratio_vs_chunk_embedding": round(total / chunk_seconds, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["seeds", "piaf", "both"], default="both")
    parser.add_argument("--precision", choices=["fp32", "int8", "both"], default="both")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = []
        if args.corpus in ("seeds", "both"):
            corpora.append(("seeds", ROOT / "seeds"))
        if args.corpus in ("piaf", "both"):
            corpora.append(("piaf", piaf_corpus(Path(tmp))))
        for precision in (["fp32", "int8"] if args.precision == "both" else [args.precision]):
            embedder = get_embedder(load_settings(Path(tmp) / "s", environ={}, embed_quantize=precision == "int8"))
            for name, path in corpora:
                rows.append(measure(path, embedder, f"{name}/{precision}"))
                print(json.dumps(rows[-1]), flush=True)
    print()
    header = f"{'run':<12} {'chunks':>6} {'sent':>5} {'embed chunks':>12} {'embed sent':>10} {'ingest':>8} {'chunks/s':>8} {'ratio all':>9} {'ratio chunks':>12}"
    print(header)
    for r in rows:
        print(f"{r['run']:<12} {r['chunks']:>6} {r['sentences']:>5} {r['embed_chunks_s']:>11.1f}s {r['embed_sentences_s']:>9.1f}s "
              f"{r['ingest_s']:>7.1f}s {r['chunks_per_s']:>8.2f} {r['ratio_vs_all_embedding']:>9.3f} {r['ratio_vs_chunk_embedding']:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
