"""Answer a question with checked, sentence-level citations, or say plainly that the articles do not say.

Steps: (1) rewrite a follow-up into a standalone question; (2) hybrid retrieval; (3) refusal gate when no
sentence is similar enough to the question; (4) sentence-window context, numbered sentence by sentence;
(5) the LLM answers (streamed) with markers; it is not offered a way to decline (offered one, the small
model declined questions its sources answer), so refusal is decided by (3) and (8), or by a reply that is
itself the refusal sentence; (6) markers resolve to sentence spans; (7) each answer
sentence is checked by the support scorer against the sentences it cites; an unsupported citation is
replaced by the context sentence that does support the claim, and a sentence nothing supports is
dropped; when nothing holds and a source about a claim says its opposite, the claim's negation is asked for
and kept if that source supports it; a sentence about other years than the question names is dropped (true,
but no answer); (8) when the question asks for a quantity, a time or a name and no kept sentence gives one,
but a source the model read does (a misread value, or a supported sentence that names no one new:
rag/answer/focus.py), the model is asked once more with that sentence alone, and the sentence is quoted if
the reply still misses; (9) nothing supported left means refusal, and so does an answer giving no quantity or
time where the question asks for one (rag/answer/question_type.py); (10) when the question asks what someone
said and the answer translates it, the speaker's words are added as the cited sentence gives them
(rag/speech.py). Every step is recorded in the trace.

When the LLM backend fails (down, timed out, broken stream), the answer is retrieval-only: a message that
the model is unavailable and the passages that match, never a hang or a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from rag.answer.citations import strip_markers
from rag.answer.context import ContextSentence, group_by_article, select_sentences
from rag.answer.focus import Focus, source_for
from rag.answer.normalise import before_contrast, clause_prefixes, english_spelling, fold, years_in
from rag.answer.question_type import asked_kind, asks_words, gives
from rag.answer.support import SupportScorer
from rag.answer.verify import Checked, Verification, citation_for, evidence, other_time, verify_text
from rag.corpus import Corpus
from rag.errors import BackendError, BadInput
from rag.lang import detect_language, human_date
from rag.llm.base import LLM, Message
from rag.prompts import load_prompt
from rag.retrieval.retriever import Filters, HybridRetriever
from rag.speech import own_words
from rag.tokens import TokenCounter
from rag.types import Answer

MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class AnswerConfig:
    context_chunks: int = 8  # chunks retrieved for the sentence window (the retriever's k)
    context_tokens: int = 400
    max_sentences: int = 8
    max_tokens: int = 160
    min_similarity: float = 0.30  # best sentence cosine below this: refuse before asking the model
    slip_similarity: float = 0.70  # a claim this close to a source that gives another value misread it (focus.py)
    show_closest: int = 3


@dataclass(frozen=True)
class Event:
    """A streamed event: kind "token" (text), "status" (text), or "answer" (the final Answer)."""

    kind: str
    text: str = ""
    answer: Answer | None = None


class Answerer:
    def __init__(self, corpus: Corpus, retriever: HybridRetriever, llm: LLM, scorer: SupportScorer, tokens: TokenCounter,
                 config: AnswerConfig) -> None:
        self.corpus = corpus
        self.retriever = retriever
        self.llm = llm
        self.scorer = scorer
        self.tokens = tokens
        self.config = config
        self.prompt = load_prompt("answer")
        self.rewrite_prompt = load_prompt("rewrite")

    def ask(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Answer:
        final = None
        for event in self.stream(question, filters, history):
            if event.kind == "answer":
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, filters: Filters | None = None, history: list[tuple[str, str]] | None = None) -> Iterator[Event]:
        started = time.perf_counter()
        question = _validate(question)
        language = detect_language(question)
        answer_language = language if language in ("en", "fr") else "en"
        trace: dict[str, Any] = {"model": self.llm.name, "prompt_versions": [self.prompt.key], "timings": {}}
        standalone = question
        if history:
            standalone = self._rewrite(question, history)
            trace["standalone_question"] = standalone
            trace["timings"]["rewrite"] = round(time.perf_counter() - started, 3)

        t0 = time.perf_counter()
        result = self.retriever.retrieve(standalone, filters, k=self.config.context_chunks)
        trace["timings"]["retrieval"] = round(time.perf_counter() - t0, 3)
        trace["hits"] = [
            {"rank": h.rank, "chunk_id": h.chunk.chunk_id, "source": h.chunk.source, "score": round(h.score, 4),
             "dense": None if h.dense is None else round(h.dense, 4), "bm25": None if h.bm25 is None else round(h.bm25, 3),
             "dense_rank": h.dense_rank, "bm25_rank": h.bm25_rank}
            for h in result.hits
        ]
        if language == "other":
            trace["note"] = "question language not supported for answers; answering in English"
        context = []
        if result.hits and result.query_vector is not None:
            context = select_sentences(result.hits, self.corpus, result.query_vector, standalone, self.tokens.count,
                                       self.config.context_tokens, self.config.max_sentences)
        best = max((s.similarity for s in context), default=0.0)
        trace["best_sentence_similarity"] = round(best, 4)
        if not context or best < self.config.min_similarity:
            trace["refusal_reason"] = "retrieval: no sentence similar enough to the question" if context else "retrieval: nothing found"
            yield Event("answer", answer=self._refusal(question, answer_language, context, trace, started))
            return

        groups = [replace(g, date=human_date(g.date, answer_language)) for g in group_by_article(context)]
        language_name = self.prompt.data["language_names"][answer_language]
        messages = [Message("system", self.prompt.render("system")),
                    Message("user", self.prompt.render("user", groups=groups, question=standalone, language_name=language_name,
                                                        reply_notes=self.prompt.data["reply_notes"]))]
        trace["prompt_tokens"] = sum(self.tokens.count(m.content) for m in messages)
        trace["context"] = [{"number": s.number, "source": s.source, "start": s.span.start, "end": s.span.end,
                             "similarity": round(s.similarity, 4)} for s in context]

        t0 = time.perf_counter()
        first_token = None
        raw = ""
        try:
            for piece in self.llm.stream(messages, max_tokens=self.config.max_tokens):
                if first_token is None:
                    first_token = time.perf_counter() - t0
                raw += piece
                if piece:
                    yield Event("token", piece)
        except BackendError as error:
            yield Event("answer", answer=self._retrieval_only(question, answer_language, context, trace, started, error))
            return
        yield Event("status", self.prompt.data["checking"][answer_language])
        trace["timings"]["first_token"] = round(first_token or 0.0, 3)
        trace["timings"]["generation"] = round(time.perf_counter() - t0, 3)
        trace["raw_answer"] = raw
        if raw.strip() and wrong_language(raw, answer_language):
            raw = self._fix_language(messages, raw, answer_language, language_name, trace)
        if answer_language == "en":  # "Vladimir Poutine", copied from a French source, reads "Vladimir Putin"
            raw = english_spelling(raw)
        if not raw.strip() or _is_refusal_text(raw, self.prompt.data["refusal"]):
            trace["refusal_reason"] = "model: the sources do not answer the question" if raw.strip() else "model: empty reply"
            yield Event("answer", answer=self._refusal(question, answer_language, context, trace, started))
            return
        answer = self._verify(question, standalone, answer_language, raw, context, trace, started)
        yield Event("answer", answer=answer)

    # -- steps -------------------------------------------------------------------------------------
    def _rewrite(self, question: str, history: list[tuple[str, str]]) -> str:
        messages = [
            Message("system", self.rewrite_prompt.render("system")),
            Message("user", self.rewrite_prompt.render("user", history=history[-3:], question=question)),
        ]
        try:
            rewritten = self.llm.generate(messages, max_tokens=60).strip().splitlines()
        except BackendError:
            return question  # the answer step will report the backend failure
        candidate = rewritten[0].strip().strip('"') if rewritten else ""
        return candidate if 3 <= len(candidate) <= MAX_QUESTION_CHARS else question

    def _fix_language(self, messages: list[Message], raw: str, language: str, language_name: str, trace: dict[str, Any]) -> str:
        """The small model sometimes answers in the sources' language: ask once, as a follow-up turn (the
        prompt prefix is reused, so only the new turn is read), for the same answer in the question's."""
        trace["language_fix"] = {"detected": detect_language(strip_markers(raw), default=language), "first_reply": raw}
        follow_up = [*messages, Message("assistant", raw.strip()),
                     Message("user", str(self.prompt.data["language_fix"]).format(language=language_name))]
        t0 = time.perf_counter()
        try:
            fixed = "".join(self.llm.stream(follow_up, max_tokens=self.config.max_tokens))
        except BackendError as error:  # the first reply stands; verification still applies
            trace["language_fix"]["error"] = str(error)
            fixed = ""
        trace["timings"]["language_fix"] = round(time.perf_counter() - t0, 3)
        if fixed.strip() and not wrong_language(fixed, language):
            return fixed
        trace["language_fix"]["kept_first_reply"] = True
        return raw

    def _verify(self, question: str, standalone: str, language: str, raw: str, context: list[ContextSentence],
                trace: dict[str, Any], started: float) -> Answer:
        checked = verify_text(raw, context, self.scorer)
        trace["verification"] = checked.verdicts
        if not checked.kept:
            checked = self._negated(checked, context, trace) or checked
        for kept in list(checked.kept):
            if (years := other_time(standalone, kept)) is not None:  # true, but about another time than asked
                checked.kept.remove(kept)
                trace["verification"].append({"sentence": kept.text, "verdict": "dropped",
                                              "reasons": [f"the question asks about {', '.join(sorted(years_in(standalone)))}; "
                                                          f"the sentence and its sources speak of {', '.join(sorted(years))}"]})
        kind = asked_kind(standalone)
        if kind is not None and not any(gives(kind, k.text, standalone) for k in checked.kept):
            focus = source_for(kind, standalone, checked, context, self.scorer, self.config.slip_similarity)
            if focus is not None:  # a source the model read gives what it missed: ask with that sentence alone
                checked = self._focused(focus, standalone, kind, language, trace)
            elif checked.kept and kind != "name":
                trace["refusal_reason"] = f"verification: the question asks for a {kind}, and no supported sentence gives one"
                return self._refusal(question, language, context, trace, started)
        if not checked.kept:
            trace["refusal_reason"] = "verification: no answer sentence is supported by the sources"
            return self._refusal(question, language, context, trace, started)
        if asks_words(standalone):
            self._add_own_words(checked, language, trace)
        # markers keep the numbers the model saw, so the streamed text and the checked answer agree
        trace["dropped_sentences"] = checked.dropped
        trace["timings"]["total"] = round(time.perf_counter() - started, 3)
        return Answer(question, checked.text(), False, language, checked.citations(), checked.sentences(), trace)

    def _negated(self, checked: Verification, context: list[ContextSentence], trace: dict[str, Any]) -> Verification | None:
        """Nothing held, and a source about the model's claim says its opposite (the 1.5B model read "... sans la
        Russie? Non!" as a yes): ask for the claim's negation alone, without the sources (a rewrite the small
        model does reliably), cite the source that said the opposite, and keep it only if verification finds it
        supported (by that source, or repaired like any answer sentence); failing that, its main statement
        without the clauses after it (`clause_prefixes`), checked the same way."""
        opposed = next((v for v in checked.verdicts if v.get("opposed_by")), None)
        if opposed is None:
            return None
        request = [Message("system", self.prompt.render("system")),  # the cached system prompt: only this turn is read
                   Message("user", self.prompt.render("negate", sentence=opposed["sentence"]))]
        t0 = time.perf_counter()
        try:
            rewritten = self.llm.generate(request, max_tokens=self.config.max_tokens).strip().splitlines()
        except BackendError as error:
            trace["negation"] = {"error": str(error)}
            return None
        sentence = strip_markers(rewritten[0]).strip() if rewritten else ""
        trace["negation"] = {"sentence": opposed["sentence"], "opposed_by": opposed["opposed_by"], "rewritten": sentence}
        # its main statement first (a contrast the model tacked on, "..., mais ...", is a second claim nobody
        # asked to negate), then the whole rewrite, then shorter prefixes
        candidates = list(dict.fromkeys(c for c in (before_contrast(sentence), sentence, *clause_prefixes(sentence)) if c)) if sentence else []
        for candidate in candidates:
            again = verify_text(f"{candidate} [{opposed['opposed_by']}]", context, self.scorer)
            trace["negation"]["verification"] = again.verdicts
            if again.kept:
                trace["timings"]["negation"] = round(time.perf_counter() - t0, 3)
                return again
        trace["timings"]["negation"] = round(time.perf_counter() - t0, 3)
        return None

    def _focused(self, focus: Focus, question: str, kind: str, language: str, trace: dict[str, Any]) -> Verification:
        """Ask once more with the one sentence that gives what the question asks for (a short prompt after the
        cached system part); keep the reply if it is in the question's language, verification supports it and
        it gives that kind; otherwise the answer is that sentence, quoted."""
        source = focus.source
        record: dict[str, Any] = {"reason": focus.reason, "claim": focus.claim, "source": source.number, "similarity": focus.similarity}
        trace["focus"] = record
        request = [Message("system", self.prompt.render("system")),
                   Message("user", self.prompt.render("focus", source=source, question=question,
                                                      language_name=self.prompt.data["language_names"][language]))]
        t0 = time.perf_counter()
        try:
            reply = self.llm.generate(request, max_tokens=self.config.max_tokens).strip()
        except BackendError as error:
            record["error"] = str(error)
            reply = ""
        trace["timings"]["focus"] = round(time.perf_counter() - t0, 3)
        record["reply"] = reply
        if reply and not wrong_language(reply, language):
            again = verify_text(reply, [source], self.scorer)
            record["verification"] = again.verdicts
            if any(gives(kind, k.text, question) for k in again.kept):
                return again
        record["quoted"] = True
        text = str(self.prompt.data["quoted"][language]).format(quote=source.text)
        return Verification([Checked(text, [source], 1.0)], [{"sentence": text, "cited": [source.number], "verdict": "quoted"}], 1)

    def _add_own_words(self, checked: Verification, language: str, trace: dict[str, Any]) -> None:
        """The question asks what someone said and the answer translates it: add the speaker's words as the
        cited sentence gives them in its own language ("n'a pas intérêt" survives the English paraphrase
        "does not have any interest"), citing that sentence. Once, from the first kept sentence's sources that
        give words (rag/speech.py), checked by the support scorer like any answer sentence; nothing when the
        answer already has them."""
        for kept in checked.kept:
            for source in kept.sources:
                words = own_words(source.text)
                if words is None or detect_language(source.text, default=language) == language:
                    continue
                if fold(words) in fold(" ".join(k.text for k in checked.kept)):
                    return
                if not source.text.lstrip(" \"«“„").startswith(words):
                    words = f"… {words}"  # taken from inside the sentence
                text = str(self.prompt.data["own_words"][language]).format(words=words)
                verdict = self.scorer.score(text, evidence(source))
                if not verdict.supported:  # the judge that checks every answer sentence checks this one too
                    trace["own_words"] = {"source": source.number, "words": words, "dropped": list(verdict.reasons)}
                    return
                checked.kept.append(Checked(text, [source], verdict.score))
                checked.verdicts.append({"sentence": text, "cited": [source.number], "verdict": "quoted"})
                checked.parsed += 1
                trace["own_words"] = {"source": source.number, "words": words}
                return

    def _retrieval_only(self, question: str, language: str, context: list[ContextSentence], trace: dict[str, Any], started: float,
                        error: BackendError) -> Answer:
        """The model failed: say so, and give the passages that match (as a refusal does, under `closest`)."""
        trace["refusal_reason"] = f"model unavailable: {error}"
        trace["retrieval_only"] = True
        return self._refusal(question, language, context, trace, started, text=self.prompt.data["unavailable"][language])

    def _refusal(self, question: str, language: str, context: list[ContextSentence], trace: dict[str, Any], started: float,
                 text: str | None = None) -> Answer:
        text = text or self.prompt.data["refusal"][language]
        closest = sorted(context, key=lambda s: -s.similarity)[: self.config.show_closest]
        trace["closest"] = [citation_for(i, s).as_dict() for i, s in enumerate(closest, start=1)]
        trace["timings"]["total"] = round(time.perf_counter() - started, 3)
        return Answer(question, text, True, language, [], [], trace)


def wrong_language(reply: str, language: str, min_words: int = 4) -> bool:
    """True when a reply of at least `min_words` words reads as French for an English question or the
    reverse (citation markers ignored; too short to tell, or a tie, is not wrong)."""
    text = strip_markers(reply)
    if len(text.split()) < min_words or language not in ("en", "fr"):
        return False
    return detect_language(text, default=language) not in (language, "other")


def _is_refusal_text(raw: str, refusals: dict[str, str]) -> bool:
    lowered = raw.strip().lower()
    return any(lowered.startswith(r.lower().rstrip(".")) for r in refusals.values())


def _validate(question: str) -> str:
    cleaned = " ".join((question or "").split())
    if not cleaned:
        raise BadInput("the question is empty: type a question about the articles")
    if not any(c.isalnum() for c in cleaned):
        raise BadInput("the question has no words, only punctuation: type a question about the articles")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise BadInput(f"the question has {len(cleaned)} characters, more than {MAX_QUESTION_CHARS}: shorten it")
    return cleaned
