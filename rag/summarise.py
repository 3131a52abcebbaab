"""Per-article summaries that are grounded, cited and cached.

Algorithm (select, then restate): number every sentence of the cleaned article; pick the groups to restate:
the lead (the first body sentence of twelve words or more that is not a photo caption, or an earlier one in
the first half that gives the article's own date) with, when it gives no calendar date, the first sentence
that gives the article's date (a caption or dateline often does); then the article's opening sentence when the
lead came after it and it does not point back ("Cette déclaration ..."): news put what the story is about
there; then the sentences closest to the article's
centroid in the embedder's space, each penalised by its similarity to those already picked (maximal marginal
relevance), with a mild preference for earlier sentences. The model restates each group in one short sentence
in the requested language (one call per group, under a tiktoken budget, so any article length fits the
context); the code appends the group's citations. Every summary sentence is then checked with the support
scorer against the sentences it cites (repaired within its own group or dropped, as for answers); a
sentence in the first person (a quotation that lost its speaker) is dropped, and so is one that rests only on
what someone said (a quotation, a reported clause: rag/speech.py) without saying who said it; a quotation is
shown to the model with the sentences that name its speaker; a dropped lead is asked once more
from its main sentence alone (with the date the group gives, checked against the whole group); a lead that
drops the month its group dates it by gets it back (rag/lead_date.py, checked again); a place phrase the
model hung on another word than the article does ("la coopération entre les deux pays en Ukraine" where the
article has "les tensions en Ukraine") is taken out (rag/place_attachment.py), and so is an intensifying
adverb its sources do not use ("ont grandement augmenté": rag/intensifiers.py); when a sentence
is dropped the next candidate is tried, up to two extra calls. A summary in another language than the
article's is written and checked in the article's language first (where the judge compares the words, not
only the meanings), then each kept sentence is translated and checked again: a translation that loses or
changes a number, a date or a name, or that the cited sentences do not support, is dropped. Results are cached in the data folder,
keyed by the article's content hash, the model, the prompt version, the language and the length.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from rag.answer.context import ContextSentence
from rag.answer.support import SupportScorer, lexical_coverage, places_in
from rag.answer.citations import strip_markers
from rag.answer.normalise import (PERSONS, PLACES, WEEKDAY_NAMES, english_person, english_spelling, extract_facts, spelled_as,
                                  split_sentences)
from rag.answer.verify import Checked, Verification, points_back, verify_text
from rag.catalog import Catalog
from rag.fsutil import atomic_write_text
from rag.injection import looks_like_injection
from rag.intensifiers import added_intensifiers, without_words
from rag.lead_date import with_month
from rag.opening import continued
from rag.place_attachment import moved_places, place_neighbours, without
from rag.errors import BadInput
from rag.llm.base import LLM, Message
from rag.prompts import load_prompt
from rag.speech import (QUOTATION_SHARE, attributes, is_speech, is_speech_tag, opens_quotation, quotation_shares, source_first,
                        speaker)
from rag.tokens import TokenCounter
from rag.types import Article


@dataclass
class Summary:
    article_id: str
    source: str
    title: str
    language: str
    summary: str
    sentences: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    dropped: int = 0
    model: str = ""
    prompt: str = ""
    cached: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Summariser:
    """`llm`, `scorer` and `tokens` are providers, called on the first cache miss only: a cached read
    touches no model (the cache key uses `model_name`, which names the model without loading it)."""

    def __init__(self, catalog: Catalog, model_name: str, llm: Callable[[], LLM], scorer: Callable[[], SupportScorer],
                 tokens: Callable[[], TokenCounter], cache_dir: Path, map_budget: int = 1400, max_tokens: int = 90,
                 on_generated: Callable[[Summary, Article, str], None] | None = None) -> None:
        self.catalog = catalog
        self.model_name = model_name
        self._llm = llm
        self._scorer = scorer
        self._tokens = tokens
        self.map_budget = map_budget
        self.max_tokens = max_tokens
        self.prompt = load_prompt("summarise")
        self.cache_dir = cache_dir
        self.on_generated = on_generated  # called with (summary, article, length) after each generation (indexing)

    @cached_property
    def llm(self) -> LLM:
        return self._llm()

    @cached_property
    def scorer(self) -> SupportScorer:
        return self._scorer()

    @cached_property
    def tokens(self) -> TokenCounter:
        return self._tokens()

    def _cache_path(self, content_hash: str, language: str, length: str) -> Path:
        model = "".join(c if c.isalnum() or c in "-._" else "_" for c in self.model_name)
        return self.cache_dir / f"{content_hash[:32]}_{model}_{self.prompt.key.replace('@', '-v')}_{language}_{length}.json"

    def _resolve(self, key: str, language: str | None, length: str) -> tuple[Article, str, Path]:
        """The article, the summary language and the cache file; BadInput naming the fix otherwise."""
        entry = self.catalog.find_article(key)
        if entry is None:
            raise BadInput(f"no article '{key}' in the index: list them with 'newsrag summarize --all' or ingest it first")
        if length not in self.prompt.data["lengths"]:
            raise BadInput(f"unknown length '{length}': use short or medium")
        article = self.catalog.article(entry.article_id)
        if article is None:
            raise BadInput(f"article {entry.article_id} is in the manifest but its text is missing: run 'newsrag ingest --rebuild'")
        language = language or (article.language if article.language in ("en", "fr") else "en")
        if language not in self.prompt.data["language_names"]:
            raise BadInput(f"unknown language '{language}': use fr or en")
        return article, language, self._cache_path(article.content_hash, language, length)

    def cached(self, key: str, language: str | None = None, length: str = "short") -> Summary | None:
        """The cached summary, or None on a miss; never loads a model."""
        started = time.perf_counter()
        _, _, path = self._resolve(key, language, length)
        if not path.exists():
            return None
        summary = Summary(**json.loads(path.read_text(encoding="utf-8")))
        summary.cached = True
        summary.seconds = round(time.perf_counter() - started, 4)
        return summary

    def summarize(self, key: str, language: str | None = None, length: str = "short", refresh: bool = False) -> Summary:
        started = time.perf_counter()
        if not refresh:
            hit = self.cached(key, language, length)
            if hit is not None:
                return hit
        article, language, path = self._resolve(key, language, length)

        context, vectors = self._numbered(article)
        if not context:
            raise BadInput(f"article {article.source} has no sentences to summarise")
        shares = dict(zip((s.number for s in context), quotation_shares(article.text, [s.span for s in context]), strict=True))
        wanted = int(self.prompt.data["lengths"][length])
        candidates = _plan(context, vectors, article.title, article.date, [shares[s.number] for s in context])
        kept: list[Checked] = []
        written: list[str] = []  # the kept sentences as the model first wrote them, in the article's language
        verdicts: list[dict[str, Any]] = []
        dropped = 0
        calls = 0
        # the model writes in the article's language, where the judge compares words, not only meanings;
        # a summary in another language is a translation of the checked sentences, checked again
        source_language = article.language if article.language in self.prompt.data["language_names"] else language
        near = place_neighbours([s.text for s in context])  # rag/place_attachment.py

        def attempt(group: list[ContextSentence], shown: list[ContextSentence], lead: bool) -> list[Checked]:
            """Ask the model to restate `shown`, check the sentence against the whole group: what is kept."""
            when = _date_words(group) if lead else ""
            text = _one_sentence(self._ask(shown, source_language, lead=lead, when=when))
            if source_language == "en":  # "Vladimir Poutine" copied from the article reads "Vladimir Putin" in English
                text = english_spelling(text)
            else:  # ... and a French summary spells names as its article does ("Vladimir Putin" -> "Vladimir Poutine")
                text = spelled_as(text, article.text)
            if not text:
                return []
            dated = with_month(text, when, source_language) if lead else None  # rag/lead_date.py
            if dated is not None:
                if verify_text(f"{dated} {''.join(f'[{s.number}]' for s in group)}", group, self.scorer).kept:
                    verdicts.append({"sentence": dated, "verdict": "repaired", "reasons": [f"the lead dropped the month of {when!r}: put back"]})
                    text = dated
            if _FIRST_PERSON.search(text):
                # a quotation without its speaker: "nous ne pouvons pas nous passer d'elle"
                verdicts.append({"sentence": text, "verdict": "dropped", "reasons": ["written in the first person"]})
                return []
            if written and lexical_coverage(text, " ".join(written)) >= REPEAT_COVERAGE:
                return []  # says again what an earlier summary sentence said
            added = added_intensifiers(text, [s.text for s in group])  # rag/intensifiers.py
            if added:
                verdicts.append({"sentence": text, "verdict": "repaired", "reasons": [
                    f"{w!r} intensifies what the article does not: taken out" for w in added]})
                text = without_words(text, added)
            moved = moved_places(text, near)
            if moved:
                verdicts.append({"sentence": text, "verdict": "repaired", "reasons": [
                    f"{m.phrase!r} hung on {m.head!r}: the article puts it elsewhere; taken out" for m in moved]})
                text = without(text, moved)
            markers = "".join(f"[{s.number}]" for s in group)
            # checked against its own group only: a repair may not borrow a sentence the model never saw
            checked = verify_text(f"{text} {markers}", group, self.scorer)
            verdicts.extend(checked.verdicts)
            attributed = [a for c in checked.kept if (a := _attribute(c, group, shares, source_language, self.scorer, verdicts)) is not None]
            if language != source_language:
                # a dropped translation is asked once more, word for word (another wording, the same greedy model)
                attributed = [t for c in attributed
                              if (t := self._translated(c, group, source_language, language, verdicts)
                                  or self._translated(c, group, source_language, language, verdicts, literal=True)) is not None]
            if attributed:
                written.append(text)
            return attributed

        for index, group in enumerate(candidates):
            # up to two extra calls for dropped sentences, two more while the summary has fewer than MIN_SENTENCES
            if len(kept) >= wanted or calls >= wanted + (2 if len(kept) >= MIN_SENTENCES else 4):
                break
            group = self._within_budget(group)
            calls += 1
            restated = attempt(group, group, lead=index == 0)
            if not restated and index == 0 and len(group) > 1:
                # the lead mixed its sentences up (a caption's names joined to the lead's action): once more
                # from its main (longest) sentence alone, with the date the group gives, checked against the group
                dropped += 1
                calls += 1
                restated = attempt(group, [max(group, key=lambda s: _words(s.text))], lead=True)
            if restated:
                kept.extend(restated)
            else:
                dropped += 1
        # the lead stays first; the other points read in the article's order
        kept = kept[:1] + sorted(kept[1:], key=lambda c: min(s.number for s in c.sources))
        result = Verification(kept, verdicts, len(kept) + dropped)
        summary = Summary(
            article_id=article.article_id, source=article.source, title=article.title, language=language,
            summary=result.text(), sentences=[s.as_dict() for s in result.sentences()],
            citations=[c.as_dict() for c in result.citations()], dropped=dropped, model=self.model_name,
            prompt=self.prompt.key, seconds=round(time.perf_counter() - started, 3),
        )
        atomic_write_text(path, json.dumps(summary.as_dict(), ensure_ascii=False))
        if self.on_generated is not None:
            self.on_generated(summary, article, length)
        return summary

    def _numbered(self, article: Any) -> tuple[list[ContextSentence], np.ndarray | None]:
        """The article's sentences numbered from 1, and their stored vectors (None when there are none)."""
        stored = self.catalog.sentences.get(article.article_id)
        if stored is None:
            return [], None
        spans, vectors = stored
        keep = [i for i, span in enumerate(spans) if not looks_like_injection(article.text[span.start:span.end])]  # rag/injection.py
        context = [ContextSentence(n, article.article_id, article.source, article.title, article.outlet, article.date,
                                   spans[i], article.text[spans[i].start:spans[i].end], 1.0, 1.0)
                   for n, i in enumerate(keep, start=1)]
        usable = vectors is not None and len(vectors) == len(spans)
        return context, (np.asarray(vectors)[keep] if usable and keep else None)

    def _within_budget(self, group: list[ContextSentence]) -> list[ContextSentence]:
        """The group's first sentences whose tokens fit `map_budget` (always at least the first)."""
        out: list[ContextSentence] = []
        used = 0
        for sentence in group:
            cost = self.tokens.count(sentence.text) + 3
            if out and used + cost > self.map_budget:
                break
            out.append(sentence)
            used += cost
        return out

    def _translated(self, checked: Checked, group: list[ContextSentence], source: str, target: str,
                    verdicts: list[dict[str, Any]], literal: bool = False) -> Checked | None:
        """The checked sentence in the `target` language, or None (recorded) when the translation loses or
        changes a number or a date, adds or changes a name or place, loses a person ("Poutine a annoncé une volonté de
        renforcer la coopération entre Moscou et Minsk" is not "Moscow and Minsk have agreed to ..."), speaks
        in the first person, or fails the support check against the sentences the original cites."""
        # the attribution the code put in front ("Selon M. Loukachenko, ...") is translated by the code: the model
        # given it loses the speaker or turns the sentence's subject into another country
        said = source_first(checked.text)
        who = english_person(said[0]) if said and target == "en" else None
        body = said[1] if said and who else checked.text
        user = self.prompt.render("translate_literal" if literal else "translate", text=body, source_name=self.prompt.data["language_names"][source],
                                  language_name=self.prompt.data["language_names"][target])
        raw = self.llm.generate([Message("system", self.prompt.render("system")), Message("user", user)],
                                max_tokens=self.max_tokens, stop=["\n\n"])
        text = _one_sentence(raw)
        if target == "en":
            text = english_spelling(text)
        if who and text:
            text = f"According to {who}, {continued(text)}"
        if not added_intensifiers(checked.text, []):  # the checked sentence has none: the translation adds none
            text = without_words(text, added_intensifiers(text, [checked.text]))
        before, after = extract_facts(checked.text), extract_facts(text)
        if not text or _FIRST_PERSON.search(text):
            reason = "translation empty or in the first person"
        elif before.numbers - after.numbers or before.dates != after.dates:
            reason = "translation lost or changed a number or a date"
        elif not _names(text) <= _names(checked.text) or not _names(checked.text) & PERSONS <= _names(text):
            # keys are the same in both languages ("Moscou" = "Moscow"); a place given by an adjective may go
            # ("le président russe Vladimir Poutine" -> "Vladimir Putin"), a person may not
            reason = "translation added or changed a name, or lost a person"
        elif _country_nouns(checked.text) - _country_nouns(text):
            # a country that acted became an adjective: "La Biélorussie a servi de base" is not "The Belarusian
            # army served as a base"
            reason = "translation turned a country into an adjective"
        else:
            again = verify_text(f"{text} {''.join(f'[{s.number}]' for s in checked.sources)}", group, self.scorer)
            if again.kept:
                verdicts.append({"sentence": text, "verdict": "translated", "from": checked.text})
                return Checked(again.kept[0].text, checked.sources, again.kept[0].score)
            reason = "translation not supported: " + "; ".join(again.verdicts[0].get("reasons", [])) if again.verdicts else "translation not supported"
        verdicts.append({"sentence": text, "verdict": "dropped", "from": checked.text, "reasons": [reason]})
        return None

    def _ask(self, group: list[ContextSentence], language: str, lead: bool, when: str = "") -> str:
        user = self.prompt.render("lead" if lead else "point", sentences=group, when=when,
                                  words=30 if lead else 25,
                                  language_name=self.prompt.data["language_names"][language])
        messages = [Message("system", self.prompt.render("system")), Message("user", user)]
        return self.llm.generate(messages, max_tokens=self.max_tokens, stop=["\n\n"])


def _attribute(checked: Checked, group: list[ContextSentence], shares: dict[int, float], language: str,
               scorer: SupportScorer, verdicts: list[dict[str, Any]]) -> Checked | None:
    """The summary sentence as it may stand. One that rests only on what someone said (a quotation, a reported
    clause, "Selon X,": rag/speech.py) must say who said it: "Les pays occidentaux ont provoqué la tragédie
    d'aujourd'hui" is Putin's accusation, not a fact the article states. Without attribution it gets the
    speaker the group names ("Selon le dirigeant russe, ...", checked again), or is dropped (None)."""
    if attributes(checked.text) or not all(is_speech(s.text, shares.get(s.number, 0.0)) for s in checked.sources):
        return checked
    who = speaker([s.text for s in group])
    if who is not None and language == "en":  # an English sentence takes a name, not a French title
        who = english_person(who)
    if who is not None:
        text = _attributed_to(who, checked.text, language)
        again = verify_text(f"{text} {''.join(f'[{s.number}]' for s in checked.sources)}", group, scorer)
        if again.kept:
            verdicts.append({"sentence": text, "verdict": "repaired", "reasons": [f"said by {who}: attributed"]})
            return again.kept[0]
    verdicts.append({"sentence": checked.text, "verdict": "dropped",
                     "reasons": ["states as fact what the article reports someone saying, and no speaker to name"]})
    return None


def _country_nouns(text: str) -> set[str]:
    """The places a text names by their name, not by a nationality adjective ("la Biélorussie", not "biélorusse")."""
    return places_in(text, adjectives=False) | {key for key in extract_facts(text).entities if "-" in key and key in PLACES}  # "the United States"


def _names(text: str) -> set[str]:
    """The names and places a sentence gives, as language-independent keys, nationality adjectives as their
    country ("troupes russes" and "Russian troops" both give "russia")."""
    return set(extract_facts(text).entities) | places_in(text)


def _attributed_to(who: str, text: str, language: str) -> str:
    """`text` as said by `who`: "Selon {who}, ..." / "According to {who}, ...", both continued after the opening
    (rag/opening.py: "Selon le dirigeant russe, la Biélorussie déterminera ...")."""
    return f"{'Selon' if language == 'fr' else 'According to'} {continued(who)}, {continued(text)}"


# --------------------------------------------------------------------------------------------------
# Planning: which sentences the summary restates

MIN_SENTENCES = 2  # the floor: a summary has 2-5 sentences
MIN_LEAD_WORDS = 12  # shorter lines at the top are headlines and captions
MIN_POINT_WORDS = 8
MMR_REDUNDANCY = 1.0  # weight of the similarity to sentences already picked
REPEAT_COVERAGE = 0.75  # a sentence whose content words are this much in earlier summary sentences is a repeat
POSITION_WEIGHT = 0.1  # an article's first sentence gets +0.1 over its last (news put the key facts first)
SPEAKER_BACK = 3  # a quotation is followed back at most this many sentences to where it opens
SPEAKER_AHEAD = 2  # ... and up to this many after it: its continuation and its speech tag


# a photo caption describes a picture, not the event: it may date the lead but is never the lead
_CAPTION = re.compile(r"(?i)^\W*(?:sur (?:cette|la) photo|(?:sur|dans) cette image|photo\s*:|in this (?:handout |file )?(?:photo|image|picture)|"
                      r"(?:this|the) (?:photo|picture|image) (?:shows|released))")


# A summary tells what the article's people said in the third person: a sentence in the first person is one of
# their quotations with the speaker lost ("La Russie peut se passer de nous, mais nous ne pouvons pas nous passer
# d'elle" is Loukachenko's). English "I" and "us" count in lower case only where "US" could be the country.
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:[Jj]['’]|(?:[Jj]e|[Nn]ous|[Nn]otre|[Nn]os|[Mm]oi|I|[Ww]e|[Oo]ur|us|[Mm]y)(?![\w'’]))")


def _is_heading(text: str) -> bool:
    """A short line that does not end like a sentence: a subheading ("Deux alliés dans l'invasion russe en
    Ukraine"), which names a topic and states nothing; the model asked to restate it invents the action."""
    return _words(text) < MIN_LEAD_WORDS and not re.search(r"[.!?…»\"”)]\s*$", text)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _fold_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _plan(context: list[ContextSentence], vectors: np.ndarray | None, title: str,
          article_date: str | None, shares: list[float] | None = None) -> list[list[ContextSentence]]:
    """Groups to restate, best first: the lead group, then single central sentences (see the module docstring)."""
    headline = _fold_words(title)
    body = [s for s in context if _fold_words(s.text) != headline]
    long_enough = [s for s in body if _words(s.text) >= MIN_LEAD_WORDS and not _CAPTION.search(s.text)] or body or context
    lead = _dated_lead(long_enough, article_date) or long_enough[0]
    lead_group = [lead]
    if not _calendar_dates(lead.text):  # "Ce lundi" alone does not date it for a reader
        dating = _dating_sentence(context, article_date)
        if dating is not None and dating.number != lead.number:
            lead_group = sorted([lead, dating], key=lambda s: s.number)
    # the article's opening sentence (its standfirst) says what the story is about; when the dated lead comes
    # after it, it is the first point, whatever its similarity to the lead ("En visite en Biélorussie, Poutine
    # a fait part de sa volonté de renforcer la coopération ..." before "Ce lundi, Poutine est arrivé ...")
    opening = long_enough[0]
    first_points = [[opening]] if opening.number < lead.number and opening not in lead_group and not points_back(opening.text) else []
    taken = {s.number for s in lead_group} | {g[0].number for g in first_points}
    rest = [i for i, s in enumerate(context)
            if s.number not in taken and _words(s.text) >= MIN_POINT_WORDS and _fold_words(s.text) != headline
            and not _is_heading(s.text)]
    if vectors is None:
        order = rest
    else:
        order = _mmr(vectors, rest, [i for i, s in enumerate(context) if s.number in taken])
    shares = shares or [0.0] * len(context)
    # what happened before what was said: quotations come after the other points, in the same order (a small
    # model restating a quotation loses its speaker or its sense more often than with a narrative sentence)
    order = sorted(order, key=lambda i: shares[i] >= QUOTATION_SHARE)
    # a quotation is shown with the sentences that say whose it is; a point that leans on the sentence before
    # ("Ils ont ..." after "Poutine et Loukachenko ...") is shown with it; each is checked against its whole group
    return [lead_group, *first_points, *(_with_speaker(context, shares, i) if shares[i] >= QUOTATION_SHARE
                                         else [context[i - 1], context[i]] if i > 0 and points_back(context[i].text)
                                         else [context[i]] for i in order)]


def _with_speaker(context: list[ContextSentence], shares: list[float], i: int) -> list[ContextSentence]:
    """The quotation at `i` with the sentences that say whose it is: back to the sentence where it opens (at
    most SPEAKER_BACK), forward over its continuation to its speech tag ("a-t-il affirmé."; at most
    SPEAKER_AHEAD), and the sentence before it that introduces it when these name no speaker."""
    start = i
    while start > 0 and i - start < SPEAKER_BACK and not opens_quotation(context[start].text):
        start -= 1
    end = i
    while end + 1 < len(context) and end - i < SPEAKER_AHEAD and not opens_quotation(context[end + 1].text):
        if shares[end + 1] < QUOTATION_SHARE and not is_speech_tag(context[end + 1].text):
            break
        end += 1
    if start > 0 and speaker([s.text for s in context[start:end + 1]]) is None:
        start -= 1
    return context[start:end + 1]


def _mmr(vectors: np.ndarray, pool: list[int], picked: list[int]) -> list[int]:
    """`pool` indices ordered by centrality (cosine to the article centroid) + position prior, minus
    MMR_REDUNDANCY x the highest cosine to anything picked before."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1.0, norms)
    centroid = unit.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    n = len(unit)
    candidates = np.asarray(pool, dtype=int)
    pool_unit = unit[candidates]
    base = pool_unit @ centroid + POSITION_WEIGHT * (1 - candidates / max(n - 1, 1))
    # the highest cosine of each candidate to anything picked so far, updated as picks are made
    # (None until something is picked: a cosine may be negative, so nothing picked is not a zero)
    redundancy = (pool_unit @ unit[picked].T).max(axis=1) if picked else None
    open_ = np.ones(len(candidates), dtype=bool)
    order: list[int] = []
    for _ in range(len(candidates)):
        gain = base if redundancy is None else base - MMR_REDUNDANCY * redundancy
        best = int(np.argmax(np.where(open_, gain, -np.inf)))
        order.append(int(candidates[best]))
        open_[best] = False
        similarity = pool_unit @ pool_unit[best]
        redundancy = similarity if redundancy is None else np.maximum(redundancy, similarity)
    return order


def _dated_lead(sentences: list[ContextSentence], article_date: str | None) -> ContextSentence | None:
    """The first sentence in the first half of the article that gives the article's own date (the event
    a news article reports is usually the one it dates), or None."""
    if not article_date:
        return None
    agreeing = _agreeing_date_keys(article_date)
    half = sentences[: max(1, (len(sentences) + 1) // 2)]
    return next((s for s in half if extract_facts(s.text).dates & agreeing), None)


def _calendar_dates(text: str) -> frozenset[str]:
    """The text's date keys that name a day, month or period (a weekday alone does not)."""
    return frozenset(d for d in extract_facts(text).dates if not d.startswith("weekday:"))


def _dating_sentence(context: list[ContextSentence], article_date: str | None) -> ContextSentence | None:
    """The first sentence giving a calendar date that agrees with the article's (same day and month);
    None when the article's date is unknown or no sentence gives it (another date in the article is
    often a different event: joining it to the lead would invite the model to misdate the event)."""
    if not article_date:
        return None
    agreeing = _agreeing_date_keys(article_date)
    return next((s for s in context if _calendar_dates(s.text) & agreeing), None)


def _agreeing_date_keys(iso: str) -> set[str]:
    """Date keys (rag.answer.normalise formats) that say the same day as the ISO date `iso`."""
    keys = {iso, "--" + iso[5:]}
    try:
        keys.add("weekday:" + WEEKDAY_NAMES[date.fromisoformat(iso).weekday()])
    except ValueError:
        pass
    return keys


def _date_words(group: list[ContextSentence]) -> str:
    """The date words of the group as written ("le 19 décembre", "Ce lundi"), for the lead prompt."""
    found = []
    for sentence in group:
        match = _DATE_WORDS.search(sentence.text)
        if match:
            found.append(match.group(0).strip())
    return ", ".join(dict.fromkeys(found))


_MONTHS = (r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
           r"decembre|january|february|march|april|may|june|july|august|september|october|november|december")
_DATE_WORDS = re.compile(
    rf"(?i)\b(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday)(?:\s+\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))?|\d{{1,2}}(?:er)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?|"
    rf"(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?|(?:{_MONTHS})\s+\d{{4}})\b"
)


def _one_sentence(raw: str) -> str:
    """The model's sentence without labels, quotes or markers it added: its first line, first sentence."""
    text = raw.strip().split("\n")[0].strip()
    text = re.sub(r"^(?:summary|résumé|resume|sentence|phrase)\s*:\s*", "", text, flags=re.I)
    text = " ".join(strip_markers(text).split()).strip("\"«»“” ").strip()
    sentences = split_sentences(text)
    return sentences[0].strip() if sentences else ""
