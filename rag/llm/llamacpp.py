"""llama.cpp through llama-cpp-python directly: rope settings come from the GGUF (never overridden),
n_threads from settings (the default of 1 thread halves speed here), and the KV cache of the longest
common prompt prefix is reused between calls, so a fixed system prompt is read once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from rag.errors import BackendError
from rag.llm.base import LLM, Message


class LlamaCppLLM(LLM):
    def __init__(self, path: Path, name: str, n_ctx: int = 4096, n_threads: int = 2, temperature: float = 0.0, seed: int = 7) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as error:  # pragma: no cover - depends on the install
            raise BackendError("llama-cpp-python is not installed: run 'make install' (it builds llama-cpp-python==0.3.36)") from error
        self.name = name
        self.context_size = n_ctx
        self._temperature = temperature
        self._lock = threading.Lock()  # one llama.cpp context serves one request at a time
        try:
            self._llama = Llama(
                model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                n_batch=512, seed=seed, verbose=False,
            )
        except Exception as error:  # noqa: BLE001
            raise BackendError(f"llama.cpp could not load {path} ({error}): run 'newsrag models verify'") from error

    def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]:
        payload = [{"role": m.role, "content": m.content} for m in messages]
        with self._lock:
            try:
                chunks = self._llama.create_chat_completion(
                    messages=payload, max_tokens=max_tokens, temperature=self._temperature, top_k=1 if self._temperature == 0 else 40,
                    stop=stop or [], stream=True,
                )
                for chunk in chunks:
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        yield piece
            except ValueError as error:
                raise BackendError(f"llama.cpp rejected the request ({error}): the prompt may exceed n_ctx={self.context_size}") from error

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
