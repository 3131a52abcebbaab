"""Okapi BM25 over an inverted index held in numpy arrays.

Score of document d for query q (each distinct query term counted once):

    score(d, q) = sum over terms t of q present in d of
                  idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
    idf(t)      = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))

N is the number of documents, df(t) the number containing t, |d| the number of terms of d after
analysis and avgdl the mean of |d|. This idf (Lucene's) is always positive, so every document that
shares a term with the query scores > 0 and no other does.

Layout: postings are grouped by term (CSC): for term id t, entries ptr[t]:ptr[t+1] of `docs` (int32
slot numbers) and `tfs` (uint16 counts, saturated at 65535). A query reads only its terms' postings.
Documents added since the last query go to a small second segment that is merged into the main one
when it grows past a quarter of it. Removed (and replaced) documents are tombstoned: df and N count
live documents only, computed from the postings at query time, so scores are exactly those of an
index rebuilt from the live documents; tombstones are compacted away lazily and on save.
The index is safe to share between threads (one lock; analysis happens outside it).
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from rag.fsutil import atomic_write
from rag.errors import NewsragError
from rag.retrieval.analysis import ANALYSER_VERSION, tokenize

FORMAT = "newsrag-bm25"
FORMAT_VERSION = 1
REBUILD_HINT = "run 'newsrag ingest --rebuild' to rebuild it"

_TF_MAX = int(np.iinfo(np.uint16).max)
_MERGE_RATIO = 0.25  # merge the new-documents segment once it holds this share of the main one's postings
_COMPACT_RATIO = 0.25  # compact once this share of document slots are tombstones
_ARRAYS = ("meta", "ptr", "docs", "tfs", "doclen", "ids", "terms")


class IndexCorrupt(NewsragError):
    """The BM25 index file is missing, damaged or was written by an incompatible version."""

    exit_code = 4


@dataclass(frozen=True)
class _Postings:
    """Postings grouped by term: entries ptr[t]:ptr[t+1] of `docs`/`tfs` belong to term t."""

    ptr: np.ndarray  # int64, n_terms + 1
    docs: np.ndarray  # int32 document slots
    tfs: np.ndarray  # uint16 term frequencies

    @classmethod
    def empty(cls) -> _Postings:
        return cls(np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.uint16))

    @classmethod
    def from_triples(cls, terms: np.ndarray, docs: np.ndarray, tfs: np.ndarray, n_terms: int) -> _Postings:
        """Group (term, doc, tf) triples by term; a stable sort keeps each term's docs in input order."""
        order = np.argsort(terms, kind="stable")
        counts = np.bincount(terms, minlength=n_terms)
        ptr = np.zeros(n_terms + 1, np.int64)
        np.cumsum(counts, out=ptr[1:])
        return cls(ptr, docs[order].astype(np.int32, copy=False), tfs[order].astype(np.uint16, copy=False))

    @property
    def nnz(self) -> int:
        return int(self.docs.size)

    def counts(self, n_terms: int) -> np.ndarray:
        """Postings per term, padded with zeros for terms this segment has never seen."""
        counts = np.diff(self.ptr)
        if counts.size < n_terms:
            counts = np.concatenate([counts, np.zeros(n_terms - counts.size, counts.dtype)])
        return counts

    def entry_terms(self) -> np.ndarray:
        """The term id of every entry."""
        return np.repeat(np.arange(self.ptr.size - 1, dtype=np.int32), np.diff(self.ptr))

    def term(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        if t + 1 >= self.ptr.size:
            return self.docs[:0], self.tfs[:0]
        lo, hi = int(self.ptr[t]), int(self.ptr[t + 1])
        return self.docs[lo:hi], self.tfs[lo:hi]

    def merged(self, other: _Postings, n_terms: int) -> _Postings:
        """One segment holding, for every term, this segment's postings followed by `other`'s."""
        if other.nnz == 0 and self.ptr.size == n_terms + 1:
            return self
        a, b = self.counts(n_terms), other.counts(n_terms)
        ptr = np.zeros(n_terms + 1, np.int64)
        np.cumsum(a + b, out=ptr[1:])
        docs = np.empty(self.nnz + other.nnz, np.int32)
        tfs = np.empty(self.nnz + other.nnz, np.uint16)
        for segment, offset in ((self, np.zeros(n_terms, np.int64)), (other, a)):
            if segment.nnz == 0:
                continue
            terms = segment.entry_terms()
            within = np.arange(segment.nnz, dtype=np.int64) - segment.ptr[:-1][terms]
            dest = ptr[:-1][terms] + offset[terms] + within
            docs[dest] = segment.docs
            tfs[dest] = segment.tfs
        return _Postings(ptr, docs, tfs)


def _analyser_name(analyser: Callable[[str], list[str]]) -> str:
    if isinstance(analyser, partial):
        args = [repr(a) for a in analyser.args] + [f"{k}={v!r}" for k, v in sorted(analyser.keywords.items())]
        return f"{_analyser_name(analyser.func)}({', '.join(args)})"
    module = getattr(analyser, "__module__", None) or type(analyser).__module__
    name = getattr(analyser, "__qualname__", None) or type(analyser).__qualname__
    return f"{module}.{name}"


class BM25Index:
    """A BM25 index of texts keyed by id (chunk ids), searchable in time proportional to the query's postings."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, analyser: Callable[[str], list[str]] = tokenize) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, got k1={k1}, b={b}: use the defaults 1.2 and 0.75")
        self.k1 = float(k1)
        self.b = float(b)
        self.analyser = analyser
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._slot_ids: list[str] = []  # slot -> id, tombstoned slots included
        self._slots: dict[str, int] = {}  # id -> its live slot
        self._doclen = np.zeros(0, np.int32)
        self._alive = np.zeros(0, bool)
        self._n_live = 0
        self._total_len = 0  # sum of live documents' lengths
        self._main = _Postings.empty()
        self._delta = _Postings.empty()
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._lock = threading.RLock()  # searches reorganise segments lazily; the UI searches from threads

    # ---- contents -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n_live

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._slots

    def ids(self) -> list[str]:
        """Live ids in insertion order (a replaced id moves to the end)."""
        with self._lock:
            return [self._slot_ids[slot] for slot in np.flatnonzero(self._alive[: len(self._slot_ids)])]

    def add(self, ids: list[str], texts: list[str]) -> None:
        """Index `texts` under `ids`; an id already present (or repeated in `ids`) keeps its last text."""
        if len(ids) != len(texts):
            raise ValueError(f"add() got {len(ids)} ids for {len(texts)} texts: pass one id per text")
        analysed = [self.analyser(text) for text in texts]  # before any change, so a failure leaves us intact
        lengths = np.fromiter((len(tokens) for tokens in analysed), np.int64, count=len(analysed))
        with self._lock:
            vocab, terms = self._vocab, self._terms
            flat: list[int] = []
            for tokens in analysed:
                for token in tokens:
                    if token not in vocab:
                        vocab[token] = len(terms)
                        terms.append(token)
                flat.extend(map(vocab.__getitem__, tokens))

            self.remove(ids)
            first = len(self._slot_ids)
            self._reserve(first + len(ids))
            slots = np.arange(first, first + len(ids), dtype=np.int64)
            self._doclen[slots] = lengths
            self._alive[slots] = True
            for slot, doc_id in zip(slots.tolist(), ids, strict=True):
                previous = self._slots.get(doc_id)
                if previous is not None:  # the same id twice in this batch: the later text wins
                    self._kill(previous)
                self._slots[doc_id] = slot
                self._slot_ids.append(doc_id)
            self._n_live += len(ids)
            self._total_len += int(lengths.sum())

            if flat:
                n_terms = len(terms)
                keys = np.repeat(slots, lengths) * n_terms + np.asarray(flat, np.int64)
                pairs, counts = np.unique(keys, return_counts=True)  # sorted by (doc, term)
                self._pending.append(
                    (
                        (pairs % n_terms).astype(np.int32),
                        (pairs // n_terms).astype(np.int32),
                        np.minimum(counts, _TF_MAX).astype(np.uint16),
                    )
                )

    def remove(self, ids: Iterable[str]) -> None:
        """Drop `ids` from the index; ids it does not hold are ignored."""
        with self._lock:
            for doc_id in ids:
                slot = self._slots.pop(doc_id, None)
                if slot is not None:
                    self._kill(slot)

    def _kill(self, slot: int) -> None:
        self._alive[slot] = False
        self._n_live -= 1
        self._total_len -= int(self._doclen[slot])

    def _reserve(self, n_slots: int) -> None:
        if n_slots <= self._doclen.size:
            return
        capacity = max(n_slots, 2 * self._doclen.size, 1024)
        doclen = np.zeros(capacity, np.int32)
        alive = np.zeros(capacity, bool)
        doclen[: self._doclen.size] = self._doclen
        alive[: self._alive.size] = self._alive
        self._doclen, self._alive = doclen, alive

    # ---- segments -------------------------------------------------------------------------------

    def _flush_pending(self) -> None:
        """Group the postings of documents added since the last query into the new-documents segment."""
        if self._pending:
            n_terms = len(self._terms)
            terms, docs, tfs = (np.concatenate(parts) for parts in zip(*self._pending, strict=True))
            self._pending = []
            self._delta = self._delta.merged(_Postings.from_triples(terms, docs, tfs, n_terms), n_terms)

    def _prepare(self) -> None:
        """Make pending documents searchable; merge the segments or compact tombstones when due."""
        self._flush_pending()
        n_slots = len(self._slot_ids)
        if n_slots - self._n_live > _COMPACT_RATIO * n_slots:
            self._compact()
        elif self._delta.nnz > _MERGE_RATIO * self._main.nnz:
            self._main = self._main.merged(self._delta, len(self._terms))
            self._delta = _Postings.empty()

    def _compact(self) -> None:
        """Rewrite everything as one segment of live documents and used terms, slots renumbered."""
        self._flush_pending()
        n_terms = len(self._terms)
        postings = self._main.merged(self._delta, n_terms)
        self._main, self._delta = postings, _Postings.empty()
        n_slots = len(self._slot_ids)
        if self._n_live == n_slots:  # no tombstones, hence every term has a live posting
            return
        alive = self._alive[:n_slots]
        new_slot = np.cumsum(alive, dtype=np.int64) - 1
        keep = alive[postings.docs]
        counts = np.bincount(postings.entry_terms()[keep], minlength=n_terms)
        used = counts > 0
        ptr = np.zeros(int(used.sum()) + 1, np.int64)
        np.cumsum(counts[used], out=ptr[1:])
        self._main = _Postings(ptr, new_slot[postings.docs[keep]].astype(np.int32), postings.tfs[keep])
        self._terms = [term for term, is_used in zip(self._terms, used.tolist(), strict=True) if is_used]
        self._vocab = {term: i for i, term in enumerate(self._terms)}
        live = np.flatnonzero(alive)
        self._slot_ids = [self._slot_ids[slot] for slot in live.tolist()]
        self._slots = {doc_id: slot for slot, doc_id in enumerate(self._slot_ids)}
        self._doclen = self._doclen[live].copy()
        self._alive = np.ones(live.size, bool)

    # ---- search ---------------------------------------------------------------------------------

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """The `k` best (id, raw BM25 score) pairs, best first, scores > 0 only; ties go to the smaller id.

        `allowed` restricts which ids may be returned; idf and avgdl stay those of the whole index.
        """
        terms = list(dict.fromkeys(self.analyser(query)))
        with self._lock:
            return self._search(terms, k, allowed)

    def _search(self, terms: list[str], k: int, allowed: set[str] | None) -> list[tuple[str, float]]:
        if k <= 0 or self._n_live == 0:
            return []
        self._prepare()  # may renumber terms and slots, so it comes before any lookup
        term_ids = [self._vocab[t] for t in terms if t in self._vocab]
        if not term_ids:
            return []
        n, avgdl, k1, b = self._n_live, self._total_len / self._n_live, self.k1, self.b
        has_tombstones = self._n_live < len(self._slot_ids)
        scores = np.zeros(len(self._slot_ids), np.float64)
        for t in term_ids:
            docs, tfs = self._main.term(t)
            new_docs, new_tfs = self._delta.term(t)
            if new_docs.size:
                docs, tfs = np.concatenate([docs, new_docs]), np.concatenate([tfs, new_tfs])
            if has_tombstones:
                live = self._alive[docs]
                docs, tfs = docs[live], tfs[live]
            df = docs.size
            if df == 0:
                continue
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            tf = tfs.astype(np.float64)
            norm = k1 * (1.0 - b + b * self._doclen[docs] / avgdl)  # avgdl > 0: some live doc has term t
            scores[docs] += idf * (tf * (k1 + 1.0) / (tf + norm))

        if allowed is None:
            hits = np.flatnonzero(scores > 0)
        else:
            slots = np.fromiter((self._slots[i] for i in allowed if i in self._slots), np.int64)
            hits = slots[scores[slots] > 0]
        hit_scores = scores[hits]
        if hits.size > k:  # keep everything tied with the k-th score so the id tie-break is exact
            kth = np.partition(hit_scores, hits.size - k)[hits.size - k]
            best = hit_scores >= kth
            hits, hit_scores = hits[best], hit_scores[best]
        ranked = sorted(
            zip((self._slot_ids[s] for s in hits.tolist()), hit_scores.tolist(), strict=True),
            key=lambda pair: (-pair[1], pair[0]),
        )
        return ranked[:k]

    # ---- persistence ----------------------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "k1": self.k1,
            "b": self.b,
            "analyser": _analyser_name(self.analyser),
            "analyser_version": ANALYSER_VERSION,
        }

    def save(self, path: Path) -> None:
        """Write the index to `path` (one uncompressed .npz) atomically: a temporary file, then os.replace."""
        with self._lock:
            self._save(Path(path))

    def _save(self, path: Path) -> None:
        self._compact()

        def text_array(value: object) -> np.ndarray:
            return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), np.uint8)

        arrays = {
            "meta": text_array(self._meta()),
            "ptr": self._main.ptr.astype(np.int64, copy=False),
            "docs": self._main.docs,
            "tfs": self._main.tfs,
            "doclen": self._doclen[: len(self._slot_ids)],
            "ids": text_array(self._slot_ids),
            "terms": text_array(self._terms),
        }
        atomic_write(path, lambda handle: np.savez(handle, **arrays))  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path, analyser: Callable[[str], list[str]] = tokenize) -> BM25Index:
        """Read an index written by `save`; raise IndexCorrupt (naming the rebuild command) if it is unusable.

        `analyser` must be the one the index was built with (its name and ANALYSER_VERSION are checked).
        """
        path = Path(path)
        if not path.is_file():
            raise IndexCorrupt(f"no BM25 index at {path}: {REBUILD_HINT}")
        try:
            with np.load(path, allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in _ARRAYS}
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            ids = json.loads(arrays["ids"].tobytes().decode("utf-8"))
            terms = json.loads(arrays["terms"].tobytes().decode("utf-8"))
        except Exception as exc:  # any failure to parse means the file is not a usable index
            raise IndexCorrupt(f"BM25 index at {path} is unreadable ({type(exc).__name__}: {exc}): {REBUILD_HINT}") from exc

        def corrupt(reason: str) -> IndexCorrupt:
            return IndexCorrupt(f"BM25 index at {path} {reason}: {REBUILD_HINT}")

        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise corrupt("is not a newsrag BM25 index")
        if meta.get("version") != FORMAT_VERSION:
            raise corrupt(f"has format version {meta.get('version')}, this newsrag reads version {FORMAT_VERSION}")
        expected = {"analyser": _analyser_name(analyser), "analyser_version": ANALYSER_VERSION}
        found = {key: meta.get(key) for key in expected}
        if found != expected:
            raise corrupt(f"was built with analyser {found}, this newsrag uses {expected}")
        reason = _damage(arrays["ptr"], arrays["docs"], arrays["tfs"], arrays["doclen"], ids, terms)
        if reason:
            raise corrupt(reason)
        ptr, docs, tfs, doclen = arrays["ptr"], arrays["docs"], arrays["tfs"], arrays["doclen"]
        try:
            index = cls(k1=float(meta["k1"]), b=float(meta["b"]), analyser=analyser)
        except (KeyError, TypeError, ValueError) as exc:
            raise corrupt(f"has bad BM25 parameters ({exc})") from exc
        index._terms = terms
        index._vocab = {term: i for i, term in enumerate(terms)}
        index._slot_ids = ids
        index._slots = {doc_id: slot for slot, doc_id in enumerate(ids)}
        index._doclen = doclen.copy()
        index._alive = np.ones(len(ids), bool)
        index._n_live = len(ids)
        index._total_len = int(doclen.sum(dtype=np.int64))
        index._main = _Postings(ptr, docs, tfs)
        return index


def _damage(ptr: np.ndarray, docs: np.ndarray, tfs: np.ndarray, doclen: np.ndarray, ids: Any, terms: Any) -> str | None:
    """Why these arrays cannot form an index, or None when they can (checked in an order that never fails)."""
    if (ptr.dtype, docs.dtype, tfs.dtype, doclen.dtype) != (np.int64, np.int32, np.uint16, np.int32):
        return "has arrays of the wrong type"
    if not (ptr.ndim == docs.ndim == tfs.ndim == doclen.ndim == 1):
        return "has arrays of the wrong shape"
    if not (isinstance(ids, list) and isinstance(terms, list)):
        return "has a damaged id or term list"
    if ptr.size != len(terms) + 1 or int(ptr[0]) != 0 or bool(np.any(np.diff(ptr) < 0)):
        return "has a term table that does not match its vocabulary"
    if not int(ptr[-1]) == docs.size == tfs.size:
        return "has truncated postings"
    if not doclen.size == len(ids) == len(set(ids)) or bool(np.any(doclen < 0)):
        return "has an id list that does not match its documents"
    if len(set(terms)) != len(terms):
        return "has repeated terms"
    if docs.size and (int(docs.min()) < 0 or int(docs.max()) >= len(ids)):
        return "has postings for unknown documents"
    return None
