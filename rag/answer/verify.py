"""Check a model's cited text sentence by sentence; shared by answers and summaries.

For each sentence of the text (markers parsed by rag.answer.citations): if the sentences it cites
jointly support it, keep it with the citations that support it alone (when any does: sharper
evidence), or with another context sentence that supports it alone and holds clearly more of its words
(`sharper_source`); otherwise look for the one context sentence that supports it best and cite that instead,
or, failing that, the one sentence that completes the cited ones (a claim that joins two facts, e.g. an
event from one sentence and its date from another; for a claim citing nothing, the sentence nearest to it
is completed) ("repaired"); if none does, drop it. A claim citing several sentences, one of which is about it
and says the opposite, is dropped even when another cited sentence supports it. A sentence whose
cited text says the opposite while being about it (a negation or an opposite word, `opposes`) is dropped,
not repaired; so is one that another context sentence opposes and that is at least as close to it as the
would-be replacement (the text answers the claim negatively: a looser sentence must not vouch for it); so
is one opening on a pronoun that refers back to a dropped sentence ("C'est...", "This..."), and one
repeating an earlier one word for word. A sentence dropped because a source about it says the opposite
records that source's number (`opposed_by`), so the caller can try the claim's negation. Returns the kept sentences with their sources and a verdict
record for each parsed sentence (for the trace). A dated claim that only several sentences support
together is dropped when the one stating its event gives that event another date (`borrowed_date`).
A day or month the text gives without a year is read in its article's year (`evidence`). Before checking,
a number the model split after its thousands separator ("1, 084 km") is joined when the
sources give it whole, and a number given in another unit than the one every source gives it in takes the
sources' unit ("800 kilometers" for "800 kilomètres carrés": `rag.answer.units.correct_units`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from rag.answer.citations import parse_answer, render
from rag.answer.context import ContextSentence
from rag.answer.normalise import WEEKDAY_NAMES, extract_facts, join_split_thousands, valid_day, years_in
from rag.answer.units import correct_units
from rag.lang import detect_language
from rag.answer.support import SupportScorer, Verdict, dates_agree, lexical_coverage, shares_too_few_words
from rag.types import AnswerSentence, Citation


@dataclass(frozen=True)
class Checked:
    text: str
    sources: list[ContextSentence]
    score: float


@dataclass
class Verification:
    kept: list[Checked]
    verdicts: list[dict[str, Any]]
    parsed: int

    @property
    def dropped(self) -> int:
        return self.parsed - len(self.kept)

    def citations(self) -> list[Citation]:
        found: dict[int, Citation] = {}
        for checked in self.kept:
            for source in checked.sources:
                found.setdefault(source.number, citation_for(source.number, source))
        return sorted(found.values(), key=lambda c: c.marker)

    def sentences(self) -> list[AnswerSentence]:
        return [AnswerSentence(c.text, [s.number for s in c.sources], True, c.score) for c in self.kept]

    def text(self) -> str:
        return render([(c.text, [s.number for s in c.sources]) for c in self.kept])


def citation_for(marker: int, sentence: ContextSentence) -> Citation:
    return Citation(marker, sentence.article_id, sentence.source, sentence.title, sentence.outlet, sentence.date,
                    sentence.span.start, sentence.span.end, sentence.text)


UPCOMING_DAYS = 31


@lru_cache(maxsize=4096)
def _in_its_year(text: str, article_date: str | None, weekdays: bool = False) -> str:
    """The sentence as the support check reads it: a day or month given without any year ("le 19 décembre")
    is read as its latest occurrence on or before the article's date, or as the next one when that is within
    UPCOMING_DAYS (news announces trips and votes days ahead): an article of 2023-01-05 saying "le 19
    décembre" means 2022, one of 2022-12-19 saying "fin février" means February 2022, and one of 2024-05-26
    saying "doit se rendre ... le 27 mai" means 2024. That year follows in brackets ("le 19 décembre ...
    (2022)"). With `weekdays`, so does the day a lone weekday names ("Ce lundi ... (2022-12-19)": the latest
    such day on or before the article's date, unless the sentence looks ahead, "lundi prochain"), even beside
    a year the sentence gives for something else; only to tell whether a sentence dates an event otherwise
    (`borrowed_date`), since a reader of a citation sees the weekday, not the day. Other text is unchanged. The year comes from the sentence's own article,
    never another's."""
    if not article_date:
        return text
    try:
        published = date.fromisoformat(article_date)
    except ValueError:
        return text
    keys = extract_facts(text).dates
    told: list[str] = []
    if not years_in(text):
        years = set()
        for key in keys:
            if match := re.fullmatch(r"--(\d{2})(?:-(\d{2}))?", key):
                month, day = int(match.group(1)), int(match.group(2) or 15)  # a month alone: its middle
                dates = [date(y, month, day) for y in (published.year - 1, published.year, published.year + 1) if valid_day(day, month, y)]
                past = [d for d in dates if d <= published]
                soon = [d for d in dates if 0 < (d - published).days <= UPCOMING_DAYS]
                if soon or past:
                    years.add((soon or past)[0 if soon else -1].year)
        told += map(str, sorted(years))
    if weekdays and not any(re.match(r"(?:\d{4}|-)-\d{2}-\d{2}$", k) for k in keys) and not _AHEAD.search(text):
        for key in sorted(k for k in keys if k.startswith("weekday:")):
            wanted = WEEKDAY_NAMES.index(key.split(":", 1)[1])
            told.append((published - timedelta(days=(published.weekday() - wanted) % 7)).isoformat())
    return f"{text} ({', '.join(told)})" if told else text


_AHEAD = re.compile(r"(?i)\b(?:prochain|prochaine|next|coming|upcoming)\b")


def evidence(sentence: ContextSentence) -> str:
    return _in_its_year(sentence.text, sentence.date)


def best_support(scorer: SupportScorer, claim: str, context: list[ContextSentence]) -> tuple[ContextSentence, float] | None:
    verdicts = scorer.score_many([(claim, evidence(s)) for s in context])
    best = max(((s, v) for s, v in zip(context, verdicts, strict=True) if v.supported), key=lambda pair: pair[1].score, default=None)
    return (best[0], best[1].score) if best else None


def completing_support(scorer: SupportScorer, claim: str, cited: list[ContextSentence],
                       context: list[ContextSentence]) -> tuple[list[ContextSentence], float] | None:
    """The cited sentences plus the one other context sentence that together support the claim best."""
    if not cited:
        return None
    others = [s for s in context if s not in cited]
    joined = " ".join(evidence(s) for s in cited)
    verdicts = scorer.score_many([(claim, joined + " " + evidence(s)) for s in others])
    best = max(((s, v) for s, v in zip(others, verdicts, strict=True) if v.supported), key=lambda pair: pair[1].score, default=None)
    return ([*cited, best[0]], best[1].score) if best else None


SHARPER_COVERAGE = 0.25  # how much more of the claim's content words a sentence must contain to replace a citation


def sharper_source(scorer: SupportScorer, claim: str, alone: list[ContextSentence], verdicts: list[Verdict],
                   context: list[ContextSentence]) -> tuple[ContextSentence, float] | None:
    """A context sentence that supports the claim alone and is clearly better evidence than every cited
    sentence that does: at least as similar, and holding SHARPER_COVERAGE more of the claim's content words
    (`lexical_coverage`). "Les missiles nucléaires tactiques russes sont situés sur le territoire biélorusse"
    citing "... l'arsenal nucléaire tactique de Moscou en Biélorussie" (3 of 7 words) is given "... le
    déploiement de missiles nucléaires tactiques russes sur le territoire biélorusse" (6 of 7) instead: the
    reader sees the sentence that says it. None when no sentence is clearly better."""
    cited_scores = [v.score for v in verdicts if v.supported] or [0.0]
    cited_cover = max(lexical_coverage(claim, s.text) for s in alone)
    cover = {s.number: lexical_coverage(claim, s.text) for s in context if s not in alone}
    rivals = [s for s in context if cover.get(s.number, 0.0) >= cited_cover + SHARPER_COVERAGE]
    if not rivals:
        return None
    scored = scorer.score_many([(claim, evidence(s)) for s in rivals])
    better = [(s, v) for s, v in zip(rivals, scored, strict=True) if v.supported and v.score >= max(cited_scores)]
    best = max(better, key=lambda pair: (cover[pair[0].number], pair[1].score), default=None)
    return (best[0], best[1].score) if best else None


def nearest(scorer: SupportScorer, claim: str, context: list[ContextSentence]) -> list[ContextSentence]:
    """The context sentence most similar to the claim (as a one-item list; empty without context): an uncited
    claim's likeliest source, which `completing_support` may complete."""
    verdicts = scorer.score_many([(claim, evidence(s)) for s in context])  # cached: scored by best_support already
    best = max(zip(context, verdicts, strict=True), key=lambda pair: pair[1].similarity or 0.0, default=None)
    return [best[0]] if best else []


def closest_contradiction(scorer: SupportScorer, claim: str, context: list[ContextSentence]) -> tuple[ContextSentence, float] | None:
    """The context sentence most similar to the claim among those that say its opposite (`opposes`)."""
    verdicts = scorer.score_many([(claim, evidence(s)) for s in context])  # the scorer caches: no second embedding
    against = [(s, v.similarity or 0.0) for s, v in zip(context, verdicts, strict=True) if opposes(v, scorer.threshold)]
    return max(against, key=lambda pair: pair[1], default=None)


# Pronouns that take their referent from the sentence before ("ce"/"that" are left out: "Ce lundi, ...",
# "That day, ..." are determiners).
_BACK_REFERENCES = frozenset({"c'est", "c’est", "cela", "ceci", "ça", "il", "elle", "ils", "elles",
                              "this", "it", "he", "she", "they", "these", "those"})


def refers_back(sentence: str) -> bool:
    """The sentence opens on a pronoun whose referent is in the sentence before it."""
    words = sentence.split(maxsplit=1)
    return bool(words) and words[0].lower().strip(",;:") in _BACK_REFERENCES


# a demonstrative opening a sentence points back too when the sentence stands alone (a summary's first point,
# a brief's line: "Cette déclaration ...", "Ces inquiétudes ..."); `refers_back` leaves determiners out, since
# "Ce lundi, ..." is fine inside an answer
_DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces", "that"})


def points_back(sentence: str) -> bool:
    """`refers_back`, or the sentence opens on a demonstrative: it cannot stand alone."""
    words = sentence.split(maxsplit=1)
    return refers_back(sentence) or (bool(words) and words[0].lower().strip(",;:") in _DEMONSTRATIVES)


def borrowed_date(scorer: SupportScorer, claim: str, sources: list[ContextSentence]) -> ContextSentence | None:
    """For a dated claim only several sentences support together: the sentence closest to the claim (the one
    stating its event) when that sentence dates the event otherwise. "L'Ukraine a attaqué Koursk le 24 février
    2022" joined from "attaque sur Koursk en août 2024" and "l'invasion ... le 24 février 2022" gives the
    attack the invasion's date; a date taken from another sentence is fine only when the event's has none."""
    if len(sources) < 2 or not extract_facts(claim).dates:
        return None
    verdicts = scorer.score_many([(claim, _in_its_year(s.text, s.date, weekdays=True)) for s in sources])
    main, verdict = max(zip(sources, verdicts, strict=True), key=lambda pair: pair[1].similarity or 0.0)
    claimed = extract_facts(claim).dates
    # "ont signé, vendredi, ..." does not date the signing otherwise than "le 6 décembre 2024", a Friday
    own_dates = {d for d in extract_facts(main.text).dates if not any(dates_agree(d, c) for c in claimed)}
    if own_dates and any(r.startswith("date ") and r.endswith(" not in passage") for r in verdict.reasons):
        return main
    return None


def _date_conflict(sentence: ContextSentence) -> str:
    return f"source [{sentence.number}], which states the event, gives it another date"


def other_time(question: str, checked: Checked) -> set[str] | None:
    """The years a kept sentence and its sources speak of, when the question asks about other ones: "How many
    soldiers were in Belarus in 2023?" is not answered by a true sentence about 2022. None when the question
    names no year, or the sentence or a source (a yearless day read in its article's year, `evidence`) names
    one it asks about, or neither names any year."""
    asked = years_in(question)
    if not asked:
        return None
    told = years_in(checked.text) | set().union(*(years_in(evidence(s)) for s in checked.sources))
    return told if told and not told & asked else None


def contradicts(verdict: Verdict) -> bool:
    """True if the passage says the opposite of the claim (negation or opposite words), not merely too little
    or another value ("claim says late July, the passage early" is a misread date, not an opposite)."""
    return any(r.startswith("negation mismatch") or (r.startswith("claim says ") and " where the passage says " in r)
               for r in verdict.reasons)


def opposes(verdict: Verdict, threshold: float) -> bool:
    """The passage contradicts the claim and is about it (as similar as support requires, and sharing its
    words where the scorer compares them): a claim so opposed is not re-cited from a looser sentence
    elsewhere. A negation mismatch with a passage about something else (a wrong citation number, or a
    sentence of the same article that only shares its topic: "Poutine est allé en Biélorussie pour
    rencontrer Loukachenko" against "... la Russie \"n'a pas intérêt\" à absorber la Biélorussie") says
    nothing about the claim."""
    return contradicts(verdict) and (verdict.similarity or 0.0) >= threshold and not any(map(shares_too_few_words, verdict.reasons))


def verify_text(raw: str, context: list[ContextSentence], scorer: SupportScorer) -> Verification:
    by_number = {s.number: s for s in context}
    parsed = parse_answer(raw, set(by_number))
    kept: list[Checked] = []
    verdicts: list[dict[str, Any]] = []
    seen: set[str] = set()
    known = cache(lambda: set().union(*(extract_facts(s.text).numbers for s in context)))  # only for "1, 084"
    for sentence in parsed:
        text = join_split_thousands(sentence.text, known)
        text = correct_units(text, [s.text for s in context], detect_language(text))
        if text in seen:  # a runaway reply repeats itself: once is enough, and checking again costs
            verdicts.append({"sentence": text, "cited": sentence.markers, "verdict": "dropped",
                             "reasons": ["repeats an earlier sentence"]})
            continue
        seen.add(text)
        if verdicts and verdicts[-1]["verdict"] == "dropped" and refers_back(text):
            verdicts.append({"sentence": text, "cited": sentence.markers, "verdict": "dropped",
                             "reasons": ["refers back to a dropped sentence"]})
            continue
        cited = [by_number[m] for m in sentence.markers]
        verdict = scorer.score(text, " ".join(evidence(s) for s in cited)) if cited else None
        record: dict[str, Any] = {"sentence": text, "cited": sentence.markers}
        if verdict is not None and verdict.supported:
            each = [scorer.score(text, evidence(s)) for s in cited] if len(cited) > 1 else [verdict]
            alone = [s for s, v in zip(cited, each, strict=True) if v.supported]
            opposed = next((s for s, v in zip(cited, each, strict=True) if opposes(v, scorer.threshold)), None)
            conflict = None if alone else borrowed_date(scorer, text, cited)
            if opposed is not None:  # one cited sentence vouches for the claim, another about it says the opposite
                record.update(verdict="dropped", reasons=[f"cited source [{opposed.number}] says the opposite"], opposed_by=opposed.number)
            elif conflict is not None:
                record.update(verdict="dropped", reasons=[_date_conflict(conflict)])
            else:
                sharper = sharper_source(scorer, text, alone, each, context) if alone else None
                if sharper is not None:
                    record.update(sharpened_to=sharper[0].number)
                kept.append(Checked(text, [sharper[0]] if sharper else alone or cited, sharper[1] if sharper else verdict.score))
                record.update(verdict="supported", score=round(verdict.score, 3))
        elif verdict is not None and opposes(verdict, scorer.threshold):
            against = closest_contradiction(scorer, text, context)  # the sentence that best says the opposite
            record.update(verdict="dropped", reasons=[*verdict.reasons, "the cited text says the opposite: not repaired"],
                          opposed_by=against[0].number if against else cited[0].number)
        else:
            replacement = best_support(scorer, text, context)
            completed = None if replacement is not None else completing_support(scorer, text, cited or nearest(scorer, text, context), context)
            reasons = list(verdict.reasons) if verdict else ["no citation"]
            if completed is not None and (conflict := borrowed_date(scorer, text, completed[0])) is not None:
                completed, reasons = None, [*reasons, _date_conflict(conflict)]
            rival = replacement[1] if replacement else completed[1] if completed else 0.0
            against = closest_contradiction(scorer, text, context)
            if against is not None and against[1] >= rival:  # the text answers the claim, negatively
                record.update(verdict="dropped", reasons=[*reasons, f"source [{against[0].number}] says the opposite: not repaired"],
                              opposed_by=against[0].number)
                verdicts.append(record)
                continue
            if replacement is not None:
                source, score = replacement
                kept.append(Checked(text, [source], score))
                record.update(verdict="repaired", replaced_with=source.number, score=round(score, 3), reasons=reasons)
            elif completed is not None:
                sources, score = completed
                kept.append(Checked(text, sources, score))
                record.update(verdict="repaired", replaced_with=[s.number for s in sources], score=round(score, 3), reasons=reasons)
            else:
                record.update(verdict="dropped", reasons=reasons if verdict else ["no citation, nothing supports it", *reasons[1:]])
        verdicts.append(record)
    return Verification(kept, verdicts, len(parsed))
