"""One small interface for every LLM backend; `get_llm("llamacpp:...")`, `get_llm("openai:...")`, `get_llm("fake")`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from rag.errors import BackendError


@dataclass(frozen=True)
class Message:
    role: str  # system | user | assistant
    content: str


class LLM(ABC):
    """A chat model. `stream` yields text pieces; `generate` joins them."""

    name: str = "llm"
    context_size: int = 4096

    def stream(self, messages: list[Message], max_tokens: int = 256, stop: list[str] | None = None) -> Iterator[str]:
        if not messages or not any(m.content.strip() for m in messages):
            raise BackendError("no message to answer: pass at least one non-empty message")
        if max_tokens < 1:
            raise BackendError(f"max_tokens={max_tokens}: ask for at least one token")
        return self._stream(messages, max_tokens, stop)

    @abstractmethod
    def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]: ...

    def generate(self, messages: list[Message], max_tokens: int = 256, stop: list[str] | None = None) -> str:
        return "".join(self.stream(messages, max_tokens=max_tokens, stop=stop))

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens as this model's own tokenizer counts them."""

    def count_messages(self, messages: list[Message]) -> int:
        # chat-template overhead is a few tokens per message
        return sum(self.count_tokens(m.content) + 4 for m in messages) + 2


def apply_stop(text: str, stop: list[str] | None) -> tuple[str, bool]:
    """Cut text at the first stop string. Returns (text, stopped)."""
    if not stop:
        return text, False
    cut = min((i for i in (text.find(s) for s in stop) if i >= 0), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)
