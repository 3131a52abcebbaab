"""Deterministic fakes shaped like the real backends: scripted replies or a function of the messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from rag.llm.base import LLM, Message, apply_stop

_PIECE = re.compile(r"\S+\s*|\s+")


class FakeLLM(LLM):
    """Replies with the scripted texts in order (cycling). Token count = whitespace-separated words."""

    def __init__(self, replies: list[str] | None = None, name: str = "fake") -> None:
        self.replies = list(replies or ["The articles do not say."])
        self.name = name
        self.calls: list[list[Message]] = []

    def _reply(self, messages: list[Message]) -> str:
        reply = self.replies[len(self.calls) % len(self.replies)]
        self.calls.append(messages)
        return reply

    def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]:
        text, _ = apply_stop(self._reply(messages), stop)
        pieces = _PIECE.findall(text)[:max_tokens]
        yield from pieces

    def count_tokens(self, text: str) -> int:
        return len(text.split())


class FunctionLLM(FakeLLM):
    """Replies with fn(messages)."""

    def __init__(self, fn: Callable[[list[Message]], str], name: str = "fake-fn") -> None:
        super().__init__([""], name)
        self.fn = fn

    def _reply(self, messages: list[Message]) -> str:
        self.calls.append(messages)
        return self.fn(messages)
