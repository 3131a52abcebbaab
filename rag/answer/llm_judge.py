"""Support judges beside the deterministic `SupportScorer`: the local LLM asked yes/no, and both combined.

Algorithm of `LLMJudge.score_many(pairs)`, pair by pair:
1. An empty claim or passage (no letter or digit) cannot be judged: unsupported, score NaN, as
   `SupportScorer` does; the model is not asked.
2. Otherwise the model gets prompts/judge.yaml: the fixed instructions as the system message (so
   llama.cpp reuses their KV cache from one pair to the next), then the quoted passage and claim, and
   replies in at most `max_tokens` tokens at the settings' temperature (0 by default: greedy).
3. The reply's first word, lowercased without punctuation, is looked up in the prompt's `answers`
   ("yes"/"oui" -> supported, score 1.0; "no"/"non" -> unsupported, score 0.0). Any other reply, or a
   `BackendError`, is unsupported with score NaN and a reason quoting the reply or the error.

Algorithm of `CombinedJudge.score_many(pairs)`:
1. The rules (`SupportScorer`) score every pair.
2. Only the pairs the rules accept with a similarity below `veto_below` are sent to the LLM judge: a pair
   the rules reject, or accept with a similarity at or above it, costs no model call and keeps the rules'
   verdict. The rules' errors are mostly false accepts of low similarity (a claim about the same people
   that says something else), where the model is right; at high similarity the model's false NO on
   faithful paraphrases outnumber the errors it would catch (measurements: `Settings.judge_veto_below`).
   `veto_below=1.0` asks about every accepted pair.
3. A pair the model is asked about is supported when both judges say so; its score is the lower of the
   two (the rules' similarity after a YES, 0.0 after a NO), NaN when the LLM's verdict is NaN. Reasons
   are the rules' then the LLM's.
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from rag.answer.support import SupportScorer, Verdict, empty_verdict
from rag.errors import BackendError, ConfigError
from rag.llm.base import LLM, Message
from rag.prompts import Prompt, load_prompt

__all__ = ["JUDGES", "CombinedJudge", "Judge", "LLMJudge", "parse_answer"]

JUDGES = ("rules", "llm", "combined")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


class Judge(Protocol):
    """What the evals need of a support judge: `SupportScorer`, `LLMJudge` and `CombinedJudge` all fit."""

    name: str

    def score(self, claim: str, passage: str) -> Verdict: ...

    def score_many(self, pairs: list[tuple[str, str]]) -> list[Verdict]: ...


def parse_answer(reply: str, answers: dict[str, bool]) -> bool | None:
    """True/False for a reply whose first word is a known answer (" Yes.", "NO", "**oui**"), else None."""
    match = _FIRST_WORD.search(reply)
    if match is None or reply[: match.start()].strip(" \t\n*\"'«»`.:-"):
        return None  # no word, or something other than punctuation before it ("1. yes")
    return answers.get(match.group(0).lower())


class LLMJudge:
    """The local model answering prompts/judge.yaml with YES or NO for each pair (module docstring)."""

    name = "llm"

    def __init__(self, llm: LLM, max_tokens: int = 3, prompt: Prompt | None = None) -> None:
        if max_tokens < 1:
            raise ConfigError(f"max_tokens={max_tokens}: the judge needs at least one token for YES or NO")
        self.llm = llm
        self.max_tokens = max_tokens
        self.prompt = prompt or load_prompt("judge")
        answers = self.prompt.data.get("answers")
        if not isinstance(answers, dict) or not answers:
            raise ConfigError(f"prompt {self.prompt.key} needs an 'answers' mapping of words to true/false: add it to prompts/judge.yaml")
        self.answers = {str(word).lower(): bool(value) for word, value in answers.items()}
        self._system = self.prompt.render("system")

    @property
    def model(self) -> str:
        return self.llm.name

    def score(self, claim: str, passage: str) -> Verdict:
        return self.score_many([(claim, passage)])[0]

    def score_many(self, pairs: list[tuple[str, str]]) -> list[Verdict]:
        return [self._judge(claim, passage) for claim, passage in pairs]

    def _judge(self, claim: str, passage: str) -> Verdict:
        empty = empty_verdict(claim, passage)
        if empty is not None:
            return empty
        messages = [Message("system", self._system), Message("user", self.prompt.render("user", claim=claim, passage=passage))]
        try:
            reply = self.llm.generate(messages, max_tokens=self.max_tokens, stop=["\n"])
        except BackendError as error:
            return Verdict(supported=False, score=math.nan, reasons=(f"llm judge failed: {error}",))
        answer = parse_answer(reply, self.answers)
        if answer is None:
            return Verdict(supported=False, score=math.nan, reasons=(f"llm judge replied {reply.strip()[:40]!r}, neither YES nor NO",))
        if answer:
            return Verdict(supported=True, score=1.0, reasons=())
        return Verdict(supported=False, score=0.0, reasons=("llm judge said NO",))


class CombinedJudge:
    """The rules' verdict, which the LLM judge may veto on accepted pairs of low similarity (module docstring)."""

    name = "combined"

    def __init__(self, rules: SupportScorer, llm_judge: LLMJudge, veto_below: float = 1.0) -> None:
        if not 0.0 <= veto_below <= 1.0:
            raise ConfigError(f"veto_below={veto_below} is outside [0, 1]: pass a similarity, 1.0 to ask about every accepted pair")
        self.rules = rules
        self.llm_judge = llm_judge
        self.veto_below = veto_below

    @property
    def model(self) -> str:
        return self.llm_judge.model

    def score(self, claim: str, passage: str) -> Verdict:
        return self.score_many([(claim, passage)])[0]

    def score_many(self, pairs: list[tuple[str, str]]) -> list[Verdict]:
        verdicts = self.rules.score_many(pairs)
        accepted = [i for i, v in enumerate(verdicts) if v.supported and self._doubtful(v)]
        for i, second in zip(accepted, self.llm_judge.score_many([pairs[i] for i in accepted]), strict=True):
            first = verdicts[i]
            score = math.nan if math.isnan(second.score) else min(first.score, second.score)
            verdicts[i] = Verdict(supported=first.supported and second.supported, score=score,
                                  reasons=tuple(dict.fromkeys(first.reasons + second.reasons)))
        return verdicts

    def _doubtful(self, verdict: Verdict) -> bool:
        similarity = verdict.similarity if verdict.similarity is not None else verdict.score
        return self.veto_below >= 1.0 or similarity < self.veto_below
