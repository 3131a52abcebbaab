"""The cross-article brief: a dated timeline of the events the articles report, every line cited and checked.

Algorithm (the model never reads whole articles; it only rewords a few sentences per event):

1. Candidates: every sentence of every article (or, with a topic, of the chunks retrieved for it) whose
   text carries a date expression (`extract_facts(...).dates`). Its date is resolved with the article's
   metadata date: full dates, months, halves and quarters with a year are kept as they are; a day or a
   month without a year takes the article's year; a weekday alone is the last such weekday on or before
   the article's date. When a sentence has several, the most precise wins (day > month > half/quarter),
   then the earliest. A date expression that cannot be resolved (no year anywhere) leaves the candidate
   undated: it is never guessed.
2. Clusters (events): candidates in order of date precision join the cluster whose members are closest
   (cosine of the stored sentence vectors) when the similarity reaches `merge_similarity` and the dates
   are compatible (equal, or one contains the other: "2024-12" and "2024-12-06", "2025-H2" and
   "2025-09"); undated candidates only join undated clusters. A candidate from another article that is
   at least `conflict_similarity` close to a cluster whose date is incompatible joins it as a
   contradiction: the entry keeps the date most of its sentences give and names the others.
3. Selection: clusters are ranked by how many articles report them, then by how central their best
   sentence is (similarity to the mean sentence vector, or to the topic's query vector); the best
   `max_entries` are kept.
4. Lines: for an event that several articles report, whose article is in another language than the
   brief, or whose own sentence cannot stand alone ("Ces inquiétudes ..."), the model writes ONE sentence
   from its (at most three) sentences, citing them; the line is checked with `verify_text` and the
   support scorer exactly as answers are. Otherwise (or if no sentence survives) the event's own sentence
   is the line: the most central of its sentences long enough to state an event (it supports itself; no
   model call). `BriefConfig(rewrite="always")` asks the model for every line. A merged line also cites
   each other article's sentence that supports it or its main statement, read with its resolved date.
5. Chronological order (a coarser date sorts before the finer ones it contains), undated entries last.

Cached in `<data_dir>/cache/briefs/`, keyed by every article's content hash, the model, the prompt
version, the language, the topic and the settings above; a cached read loads no model.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from rag.answer.context import ContextSentence
from rag.answer.citations import render
from rag.answer.normalise import WEEKDAY_NAMES, clause_prefixes, english_spelling, extract_facts
from rag.answer.support import SupportScorer
from rag.answer.verify import citation_for, points_back, verify_text
from rag.catalog import Catalog
from rag.corpus import ManifestEntry
from rag.errors import BadInput, ConfigError
from rag.fsutil import atomic_write_text
from rag.llm.base import LLM, Message
from rag.prompts import load_prompt
from rag.types import Article, Citation, Span

_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_PART = re.compile(r"^(\d{4})-([HQ])([1-4])$")
_DAY_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_MONTH_NO_YEAR = re.compile(r"^--(\d{2})$")
_WORDS = re.compile(r"[^\W\d_]{2,}")


# -- values ------------------------------------------------------------------------------------------
@dataclass
class BriefEntry:
    date: str | None  # "2024-12-06", "2024-12", "2025-H2" (second half), or None when no date can be resolved
    text: str
    citations: list[Citation]
    conflicts: list[str] = field(default_factory=list)  # other dates given for the same event, "2024-12-05 (source)"

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "citations": [c.as_dict() for c in self.citations]}


@dataclass
class Brief:
    entries: list[BriefEntry]
    language: str
    topic: str | None = None
    model: str = ""
    prompt: str = ""
    cached: bool = False
    seconds: float = 0.0

    def as_dict(self) -> list[dict[str, Any]]:
        """What `newsrag brief --json` prints: [{date, text, citations}] in chronological order."""
        return [entry.as_dict() for entry in self.entries]

    def to_cache(self) -> str:
        payload = asdict(self)
        payload.pop("cached")
        payload.pop("seconds")
        return json.dumps(payload, ensure_ascii=False)

    @classmethod
    def from_cache(cls, text: str) -> Brief:
        raw = json.loads(text)
        entries = [BriefEntry(e["date"], e["text"], [Citation(**c) for c in e["citations"]], list(e.get("conflicts", [])))
                   for e in raw.pop("entries")]
        return cls(entries=entries, **raw)


@dataclass(frozen=True)
class BriefConfig:
    merge_similarity: float = 0.80  # same event: sentence cosine (EmbeddingGemma document vectors), compatible dates
    conflict_similarity: float = 0.90  # same event told with another date by another article
    max_entries: int = 10
    per_article: int = 2  # events reported by one article only, at most this many per article
    max_sources: int = 3  # sentences shown to the model per event
    min_words: int = 6  # shorter sentences (timestamps, bylines) are never events
    lead_words: int = 12  # the first sentence at least this long is the article's lead
    max_tokens: int = 80
    rewrite: str = "merged"  # "merged": the model writes the lines of merged or translated events only; "always"

    def __post_init__(self) -> None:
        if self.rewrite not in ("merged", "always"):
            raise ConfigError(f"brief rewrite '{self.rewrite}' is unknown: use 'merged' or 'always'")

    def describe(self) -> str:
        return (f"m{self.merge_similarity}-c{self.conflict_similarity}-n{self.max_entries}-a{self.per_article}-s{self.max_sources}"
                f"-w{self.min_words}-l{self.lead_words}-r{self.rewrite}")


@dataclass
class Candidate:
    article: Article
    span: Span
    text: str
    date: str | None
    precision: int  # 3 day, 2 month, 1 half/quarter, 0 undated
    from_metadata: bool  # the year (or the day) came from the article's date, not from the sentence
    vector: np.ndarray
    centrality: float = 0.0


@dataclass
class Event:
    members: list[Candidate]
    conflicts: list[Candidate] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        """The date of the event's most central sentence (a lead's month is not narrowed to a day that
        another sentence of the event mentions for another reason)."""
        return self.best().date

    @property
    def articles(self) -> set[str]:
        return {c.article.article_id for c in self.members + self.conflicts}

    def best(self) -> Candidate:
        return max(self.members, key=lambda c: c.centrality)


# -- dates -------------------------------------------------------------------------------------------
def resolve_date(keys: frozenset[str] | set[str], article_date: str | None) -> tuple[str | None, int, bool]:
    """(date, precision, from_metadata) for a sentence's date keys (see extract_facts) and its article's
    ISO date. The most precise resolvable key wins, then the earliest; (None, 0, False) if none resolves."""
    year = int(article_date[:4]) if article_date and re.match(r"^\d{4}", article_date) else None
    full = Date.fromisoformat(article_date) if article_date and _FULL.match(article_date) else None
    found: list[tuple[int, str, bool]] = []
    for key in keys:
        if _FULL.match(key):
            found.append((3, key, False))
        elif _MONTH.match(key):
            found.append((2, key, False))
        elif _PART.match(key):
            found.append((1, key, False))
        elif (m := _DAY_NO_YEAR.match(key)) and year is not None:
            try:
                found.append((3, Date(year, int(m[1]), int(m[2])).isoformat(), True))
            except ValueError:
                continue
        elif (m := _MONTH_NO_YEAR.match(key)) and year is not None:
            found.append((2, f"{year}-{m[1]}", True))
        elif key.startswith("weekday:") and full is not None and key[8:] in WEEKDAY_NAMES:
            back = (full.weekday() - WEEKDAY_NAMES.index(key[8:])) % 7
            found.append((3, (full - timedelta(days=back)).isoformat(), True))
    if not found:
        return None, 0, False
    precision, value, from_metadata = max(found, key=lambda f: (f[0], -_sort_key(f[1])[0], -_sort_key(f[1])[1], -_sort_key(f[1])[2]))
    return value, precision, from_metadata


def _sort_key(value: str | None) -> tuple[int, int, int, int]:
    """(year, month, day, precision) with the start of a half or quarter; undated sorts last."""
    if value is None:
        return (99999, 0, 0, 0)
    if _FULL.match(value):
        return (int(value[:4]), int(value[5:7]), int(value[8:10]), 3)
    if _MONTH.match(value):
        return (int(value[:4]), int(value[5:7]), 0, 2)
    m = _PART.match(value)
    if m:
        months = 6 if m[2] == "H" else 3
        return (int(m[1]), (int(m[3]) - 1) * months + 1, 0, 1)
    return (99999, 0, 0, 0)


def _months(value: str) -> tuple[int, int, int] | None:
    """(year, first month, last month) a date covers, for containment tests."""
    key = _sort_key(value)
    if key[3] in (2, 3):
        return key[0], key[1], key[1]
    m = _PART.match(value)
    if m:
        months = 6 if m[2] == "H" else 3
        return key[0], key[1], key[1] + months - 1
    return None


def compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one contains the other ("2024-12" and "2024-12-06"; "2025-H2" and "2025-09")."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    if _FULL.match(a) and _FULL.match(b):
        return False
    ma, mb = _months(a), _months(b)
    if ma is None or mb is None or ma[0] != mb[0]:
        return False
    return (ma[1] <= mb[1] and mb[2] <= ma[2]) or (mb[1] <= ma[1] and ma[2] <= mb[2])


# -- the briefer -------------------------------------------------------------------------------------
TopicMatcher = Callable[[str], tuple[set[tuple[str, int, int]], np.ndarray | None]]


class Briefer:
    """`llm`, `scorer` and `topic_matcher` are providers, called on a cache miss only.

    `topic_matcher(topic)` returns the (article_id, start, end) spans of the retrieved chunks and the
    topic's query vector."""

    def __init__(self, catalog: Catalog, model_name: str, llm: Callable[[], LLM], scorer: Callable[[], SupportScorer],
                 topic_matcher: Callable[[], TopicMatcher], cache_dir: Path, config: BriefConfig | None = None) -> None:
        self.catalog = catalog
        self.model_name = model_name
        self._llm = llm
        self._scorer = scorer
        self._topic_matcher = topic_matcher
        self.cache_dir = cache_dir
        self.config = config or BriefConfig()
        self.prompt = load_prompt("brief")

    @cached_property
    def llm(self) -> LLM:
        return self._llm()

    @cached_property
    def scorer(self) -> SupportScorer:
        return self._scorer()

    # -- cache -----------------------------------------------------------------------------------
    def _articles(self) -> list[Article]:
        articles = []
        for entry in self.catalog.articles():
            article = self.catalog.article(entry.article_id)
            if article is None:
                raise BadInput(f"article {entry.article_id} is in the manifest but its text is missing: run 'newsrag ingest --rebuild'")
            articles.append(article)
        if not articles:
            raise BadInput("the index is empty: run 'newsrag ingest PATH' first")
        return articles

    def _entries(self) -> list[ManifestEntry]:
        entries = self.catalog.articles()
        if not entries:
            raise BadInput("the index is empty: run 'newsrag ingest PATH' first")
        return entries

    def _language(self, language: str | None, articles: list[Article] | list[ManifestEntry]) -> str:
        if language is None:
            counts = Counter(a.language for a in articles if a.language in self.prompt.data["language_names"])
            return counts.most_common(1)[0][0] if counts else "en"
        if language not in self.prompt.data["language_names"]:
            raise BadInput(f"unknown language '{language}': use fr or en")
        return language

    def _cache_path(self, articles: list[Article] | list[ManifestEntry], language: str, topic: str | None) -> Path:
        key = json.dumps([sorted(a.content_hash for a in articles), self.model_name, self.prompt.key, language, topic,
                          self.config.describe()], ensure_ascii=False)
        return self.cache_dir / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"

    @staticmethod
    def _topic(topic: str | None) -> str | None:
        if topic is None:
            return None
        topic = " ".join(topic.split())
        if not topic:
            raise BadInput("the topic is empty: give a few words (e.g. --topic 'Oreshnik') or leave --topic out")
        return topic

    def cached(self, topic: str | None = None, language: str | None = None) -> Brief | None:
        """The cached brief, or None on a miss; never loads a model."""
        started = time.perf_counter()
        topic = self._topic(topic)
        entries = self._entries()  # the manifest carries each article's content hash and language: no article is read
        path = self._cache_path(entries, self._language(language, entries), topic)
        if not path.exists():
            return None
        brief = Brief.from_cache(path.read_text(encoding="utf-8"))
        brief.cached = True
        brief.seconds = round(time.perf_counter() - started, 4)
        return brief

    # -- building --------------------------------------------------------------------------------
    def brief(self, topic: str | None = None, language: str | None = None, refresh: bool = False) -> Brief:
        started = time.perf_counter()
        if not refresh:
            hit = self.cached(topic, language)
            if hit is not None:
                return hit
        topic = self._topic(topic)
        articles = self._articles()
        language = self._language(language, articles)
        candidates = self.candidates(articles, topic)
        events = self.cluster(candidates)
        events = self.select(events)
        entries = [self._entry(event, language) for event in events]
        brief = Brief(entries, language, topic, self.model_name, self.prompt.key, cached=False,
                      seconds=round(time.perf_counter() - started, 3))
        atomic_write_text(self._cache_path(articles, language, topic), brief.to_cache())
        return brief

    def candidates(self, articles: list[Article], topic: str | None) -> list[Candidate]:
        allowed: set[tuple[str, int, int]] | None = None
        anchor: np.ndarray | None = None
        if topic is not None:
            allowed, anchor = self._topic_matcher()(topic)
        found: list[Candidate] = []
        vectors: list[np.ndarray] = []
        for article in articles:
            stored = self.catalog.sentences.get(article.article_id)
            if stored is None:
                continue
            spans, article_vectors = stored
            vectors.append(article_vectors)
            lead_seen = False
            for span, vector in zip(spans, article_vectors, strict=True):
                if allowed is not None and not any(a == article.article_id and s <= span.start and span.end <= e for a, s, e in allowed):
                    continue
                text = article.text[span.start:span.end]
                words = _WORDS.findall(text)
                if len(words) < self.config.min_words or sum(w.isupper() for w in words) * 2 > len(words):
                    continue  # timestamps, bylines, headlines set in capitals
                keys = extract_facts(text, article.language).dates
                if keys:
                    date, precision, from_metadata = resolve_date(keys, article.date)
                elif not lead_seen and len(words) >= self.config.lead_words:
                    # the lead reports the article's news: dated with the article's month, never more precisely
                    date, precision, from_metadata = (article.date[:7], 2, True) if article.date else (None, 0, False)
                else:
                    continue
                lead_seen = lead_seen or len(words) >= self.config.lead_words
                found.append(Candidate(article, span, text, date, precision, from_metadata, vector))
        if anchor is None and vectors:
            mean = np.concatenate(vectors).mean(axis=0)
            anchor = mean / (np.linalg.norm(mean) or 1.0)
        for candidate in found:
            candidate.centrality = float(np.dot(candidate.vector, anchor)) if anchor is not None else 0.0
        return found

    def cluster(self, candidates: list[Candidate]) -> list[Event]:
        config = self.config
        events: list[Event] = []
        for candidate in sorted(candidates, key=lambda c: (-c.precision, _sort_key(c.date), c.article.source, c.span.start)):
            best: tuple[float, Event] | None = None
            conflict: tuple[float, Event] | None = None
            for event in events:
                similarity = max(float(np.dot(candidate.vector, m.vector)) for m in event.members)
                if compatible(candidate.date, event.date):
                    if similarity >= config.merge_similarity and (best is None or similarity > best[0]):
                        best = (similarity, event)
                elif (candidate.date is not None and event.date is not None and similarity >= config.conflict_similarity
                      and candidate.article.article_id not in {m.article.article_id for m in event.members}
                      and (conflict is None or similarity > conflict[0])):
                    conflict = (similarity, event)
            if best is not None:
                best[1].members.append(candidate)
            elif conflict is not None:
                conflict[1].conflicts.append(candidate)
            else:
                events.append(Event([candidate]))
        for event in events:  # the date most members give leads (ties: the most precise, then the earliest)
            if event.conflicts:
                _settle(event)
        return events

    def select(self, events: list[Event]) -> list[Event]:
        """Events several articles report first; then each article's own news (dated in or after its
        article's month, or undated) before background (earlier); then centrality. At most `per_article`
        single-article events per article and `max_entries` in all; returned in chronological order."""
        def background(event: Event) -> bool:
            best = event.best()
            return bool(event.date and best.article.date and _sort_key(event.date)[:2] < _sort_key(best.article.date[:7])[:2])

        ranked = sorted(events, key=lambda e: (-len(e.articles), background(e), -e.best().centrality))
        chosen: list[Event] = []
        per_article: Counter[str] = Counter()
        for event in ranked:
            if len(chosen) >= self.config.max_entries:
                break
            if len(event.articles) == 1:
                article_id = next(iter(event.articles))
                if per_article[article_id] >= self.config.per_article:
                    continue
                per_article[article_id] += 1
            chosen.append(event)
        return sorted(chosen, key=lambda e: (_sort_key(e.date), e.best().article.source, e.best().span.start))

    def _entry(self, event: Event, language: str) -> BriefEntry:
        context = self._context(event)
        own = self._own_sentence(event, context)
        if self._needs_model(event, language, own):
            names = self.prompt.data["language_names"]
            messages = [
                Message("system", self.prompt.render("system")),
                Message("user", self.prompt.render("user", sentences=context, language_name=names[language])),
            ]
            raw = self.llm.generate(messages, max_tokens=self.config.max_tokens)
            raw = english_spelling(raw) if language == "en" else raw
            checked = verify_text(raw, context, self.scorer)
        else:
            checked = None
        if checked is not None and checked.kept:
            line, sources = checked.kept[0].text, list(checked.kept[0].sources)
        else:  # one article in its own language, or nothing the model wrote is supported: the event's own sentence
            line, sources = own.text, [own]
        conflicting = [s for s in context if any(c.article.article_id == s.article_id and c.span == s.span for c in event.conflicts)]
        sources += self._also_reporting(event, line, [s for s in context if s not in sources and s not in conflicting])
        citations = _renumber(sources + conflicting)
        number = {(c.article_id, c.start, c.end): c.marker for c in citations}
        text = render([(line, [number[(s.article_id, s.span.start, s.span.end)] for s in sources])])
        if event.date is None:
            text = self.prompt.data["undated"][language].format(text=text)
        conflicts = [f"{c.date} ({c.article.source})" for c in event.conflicts]
        if conflicts:
            leading = f"{event.date} ({', '.join(sorted({m.article.source for m in event.members}))})"
            note = self.prompt.data["conflict"][language].format(dates="; ".join([leading, *conflicts]))
            markers = sorted({number[(s.article_id, s.span.start, s.span.end)] for s in conflicting})
            text += " " + render([(note, markers)])
        return BriefEntry(event.date, text, citations, conflicts)

    def _also_reporting(self, event: Event, line: str, others: list[ContextSentence]) -> list[ContextSentence]:
        """The other sentences a merged event's line cites: each that supports the line, or its main
        statement (the line cut before its last clauses: "…, a rapporté l'agence TASS" is one article's
        detail, not the event), read with the date the brief resolved for it ("ont signé, vendredi" in an
        article of Friday 2024-12-06 says "le 6 décembre")."""
        if not others:
            return []
        claims = [line, *[p for p in clause_prefixes(line)[:1] if len(_WORDS.findall(p)) >= self.config.min_words]]
        resolved = {(c.article.article_id, c.span): c for c in event.members}
        pairs = [(claim, _read_with_date(s.text, resolved.get((s.article_id, s.span)))) for s in others for claim in claims]
        verdicts = self.scorer.score_many(pairs)
        per = len(claims)
        return [s for i, s in enumerate(others) if any(v.supported for v in verdicts[i * per:(i + 1) * per])]

    def _needs_model(self, event: Event, language: str, own: ContextSentence) -> bool:
        """The model writes the line when the event merges several articles, must be translated, or its own
        sentence cannot stand alone ("Ces inquiétudes ont continué de grandir après que ...") (or when the
        config says always); otherwise the event's own sentence is the line (no model call: faithful by
        construction, and the brief stays fast on a slow CPU)."""
        if self.config.rewrite == "always" or points_back(own.text):
            return True
        return len({m.article.article_id for m in event.members}) > 1 or any(m.article.language != language for m in event.members)

    def _own_sentence(self, event: Event, context: list[ContextSentence]) -> ContextSentence:
        """The most central of the event's sentences that is long enough to state an event (a caption
        such as "X et Y le 19 décembre à Minsk." is not), else the most central."""
        members = {(c.article.article_id, c.span): c for c in event.members}
        full = [s for s in context if (s.article_id, s.span) in members
                and len(_WORDS.findall(s.text)) >= self.config.lead_words]
        return max(full, key=lambda s: s.score) if full else context[0]

    def _context(self, event: Event) -> list[ContextSentence]:
        """The event's best sentence first, then one per other article, then the event's other sentences
        (a caption alone gives the model too little to say), up to `max_sources`; then the conflicting ones."""
        chosen: list[Candidate] = [event.best()]
        ranked = sorted(event.members, key=lambda c: -c.centrality)
        for member in ranked:
            if len(chosen) < self.config.max_sources and member.article.article_id not in {c.article.article_id for c in chosen}:
                chosen.append(member)
        for member in ranked:
            if len(chosen) < self.config.max_sources and member not in chosen:
                chosen.append(member)
        chosen += [c for c in event.conflicts if c not in chosen][:2]
        return [ContextSentence(i, c.article.article_id, c.article.source, c.article.title, c.article.outlet, c.article.date,
                                c.span, c.text, c.centrality, c.centrality) for i, c in enumerate(chosen, start=1)]


def _settle(event: Event) -> None:
    """Make the date most sentences give the event's date; the others become its conflicts."""
    everyone = event.members + event.conflicts
    votes = Counter(c.date for c in everyone)
    leader = max(votes, key=lambda d: (votes[d], _sort_key(d)[3], [-x for x in _sort_key(d)[:3]]))
    event.members = sorted([c for c in everyone if compatible(c.date, leader)], key=lambda c: (-c.precision, _sort_key(c.date)))
    event.conflicts = [c for c in everyone if not compatible(c.date, leader)]


def _read_with_date(text: str, candidate: Candidate | None) -> str:
    """The sentence with the day the brief resolved from its article's date appended ("… vendredi, …
    (2024-12-06)"), so the support scorer can match a line's "6 décembre"; other sentences as they are."""
    if candidate is None or not candidate.from_metadata or candidate.precision != 3 or candidate.date is None:
        return text
    return f"{text} ({candidate.date})"


def _renumber(sources: list[ContextSentence]) -> list[Citation]:
    """Citations numbered 1.. within the entry, each span once, in the order given."""
    seen: list[ContextSentence] = []
    for source in sources:
        if not any(s.article_id == source.article_id and s.span == source.span for s in seen):
            seen.append(source)
    return [citation_for(i, s) for i, s in enumerate(seen, start=1)]
