"""Ingest throughput against the embedder's own cost, measured in the same run.

For each corpus (the seeds; the PIAF dev articles) and each embedder precision (fp32; int8 dynamic
quantisation of the linear layers), it measures:
- baseline: the pure embedding time of exactly the chunks the pipeline will produce (same texts, same
  headers, same batch size), with no loading, cleaning, chunking, store or BM25 work;
- sentence vectors: the embedding time of the article sentences (the answer step's sentence window);
- total: a full `ingest` into a fresh index, with both models already loaded (the embedder's weights and
  spaCy's French pipeline are one-off loads that a serving process pays once, so neither side counts them);
- model loading: the one-off load of spaCy's pipeline, reported on its own, and the cold ratio that adds it.
It prints chunks/s and three ratios: total / (chunk + sentence embedding) is the pipeline's own overhead
(target <= 1.15), the same with spaCy's load added is what a cold CLI run pays, and total / chunk
embedding alone is what the sentence vectors cost on top.

    .venv/bin/python benchmarks/ingest.py [--corpus seeds|piaf|both] [--precision fp32|int8|both] [--repeat N]
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
from rag.ingest.metadata import extract_entities  # noqa: E402
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


def measure(corpus_path: Path, embedder: Embedder, label: str, spacy_load: float, repeat: int) -> dict[str, float | int | str]:
    """`repeat` rounds of (chunk embedding, sentence embedding, full ingest into a fresh index); each ratio
    is taken within a round, so the three parts share the machine's conditions, and the median is kept."""
    docs, _ = iter_corpus([corpus_path])
    articles = [build_article(d) for d in docs]
    rounds = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Corpus(load_settings(Path(tmp) / "data", environ={}), embedder)
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
        rounds.append((total / (chunk_seconds + sentence_seconds), chunk_seconds, sentence_seconds, total, report))
    ratio, chunk_seconds, sentence_seconds, total, report = sorted(rounds, key=lambda r: r[0])[len(rounds) // 2]
    return {
        "run": label, "articles": len(articles), "chunks": report.chunks_added, "sentences": len(sentences),
        "embed_chunks_s": round(chunk_seconds, 2), "embed_sentences_s": round(sentence_seconds, 2), "ingest_s": round(total, 2),
        "ingest_embed_s": round(report.embed_seconds, 2), "chunks_per_s": round(report.chunks_added / total, 2),
        "spacy_load_s": round(spacy_load, 2),
        "ratio_vs_all_embedding": round(ratio, 3),
        "ratio_cold": round((total + spacy_load) / (chunk_seconds + sentence_seconds), 3),
        "ratio_vs_chunk_embedding": round(total / chunk_seconds, 3),
        "ratios_per_round": [round(r[0], 3) for r in rounds],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["seeds", "piaf", "both"], default="both")
    parser.add_argument("--precision", choices=["fp32", "int8", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per run; the round with the median ratio is reported")
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    extract_entities("Échauffement à Minsk.")  # loads spaCy's French pipeline, once per process
    spacy_load = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        corpora = []
        if args.corpus in ("seeds", "both"):
            corpora.append(("seeds", ROOT / "seeds"))
        if args.corpus in ("piaf", "both"):
            corpora.append(("piaf", piaf_corpus(Path(tmp))))
        for precision in (["fp32", "int8"] if args.precision == "both" else [args.precision]):
            embedder = get_embedder(load_settings(Path(tmp) / "s", environ={}, embed_quantize=precision == "int8"))
            for name, path in corpora:
                rows.append(measure(path, embedder, f"{name}/{precision}", spacy_load, args.repeat))
                print(json.dumps(rows[-1]), flush=True)
    print()
    header = f"{'run':<12} {'chunks':>6} {'sent':>5} {'embed chunks':>12} {'embed sent':>10} {'ingest':>8} {'spaCy load':>10} {'chunks/s':>8} {'ratio all':>9} {'ratio cold':>10} {'ratio chunks':>12}"
    print(header)
    for r in rows:
        print(f"{r['run']:<12} {r['chunks']:>6} {r['sentences']:>5} {r['embed_chunks_s']:>11.1f}s {r['embed_sentences_s']:>9.1f}s "
              f"{r['ingest_s']:>7.1f}s {r['spacy_load_s']:>9.1f}s {r['chunks_per_s']:>8.2f} {r['ratio_vs_all_embedding']:>9.3f} "
              f"{r['ratio_cold']:>10.3f} {r['ratio_vs_chunk_embedding']:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
