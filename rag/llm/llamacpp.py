"""llama.cpp through llama-cpp-python directly: rope settings come from the GGUF (never overridden),
n_threads from settings (the default of 1 thread halves speed here), and the KV cache of the system
prompt is reused between calls, so a fixed system prompt is read once.

Only the system prompt, not the longest common prefix: llama.cpp's numbers depend on how a prompt is cut
into batches, so reusing whatever the previous question happened to share made the same question's answer
depend on the question asked before it (an evaluation run and a single `ask` disagreed). Every call now
starts from the same state: the system prompt evaluated alone, then the rest. A follow-up turn of the
previous call's conversation (the language fix) still reuses all of it: that state is itself reproducible.
A new instance's first call takes the same path (until 2026-12-04 it read system prompt and question in one
batch, and every later call reused that system-prompt cache, so the first question of a process decided
the replies to all the others)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import cached_property
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
        self._last_messages: list[dict[str, str]] = []
        self._anchors: dict[str, list[int]] = {}  # system prompt -> its tokens, as the chat template renders them
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
            last = self._last_messages  # a follow-up turn of the previous conversation continues it
            if not (last and len(payload) > len(last) and payload[: len(last)] == last):
                self._start_from_system_prompt(payload)
            self._last_messages = payload
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

    def _start_from_system_prompt(self, payload: list[dict[str, str]]) -> None:
        """Leave the KV cache holding exactly the system prompt (evaluated alone), whatever came before."""
        llama = self._llama
        anchor = self._anchor(payload[0]["content"]) if payload and payload[0]["role"] == "system" else []
        if not anchor:
            llama.reset()
            return
        if list(llama._input_ids[: len(anchor)]) == anchor:
            if llama.n_tokens > len(anchor):  # drop what the previous call added after the system prompt
                llama._ctx.kv_cache_seq_rm(-1, len(anchor), -1)
                llama.n_tokens = len(anchor)
        else:
            llama.reset()
            llama.eval(anchor)

    def _anchor(self, system: str) -> list[int]:
        """The prompt tokens every conversation with this system prompt starts with: the common prefix of two
        renderings that differ only in the user turn (so whatever the template puts between is included)."""
        if system not in self._anchors:
            formatter = self._formatter
            if formatter is None:
                return []
            renderings = [self._tokenize_prompt(formatter, [{"role": "system", "content": system}, {"role": "user", "content": user}])
                          for user in ("a", "b")]
            if len(self._anchors) >= 16:  # the prompts have a handful of fixed system parts; bound it anyway
                self._anchors.clear()
            self._anchors[system] = os.path.commonprefix(renderings)  # works on any sequences, token lists too
        return self._anchors[system]

    @cached_property
    def _formatter(self) -> object | None:
        """The chat formatter llama-cpp-python builds from the GGUF's template (the one its chat handler uses)."""
        from llama_cpp import llama_chat_format

        llama = self._llama
        template = llama.metadata.get("tokenizer.chat_template")
        if template is None or llama.chat_handler is not None or llama.chat_format != "chat_template.default":
            return None
        eos, bos = llama.token_eos(), llama.token_bos()
        return llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=llama._model.token_get_text(eos) if eos != -1 else "",
            bos_token=llama._model.token_get_text(bos) if bos != -1 else "",
            stop_token_ids=[eos],
        )

    def _tokenize_prompt(self, formatter: object, messages: list[dict[str, str]]) -> list[int]:
        result = formatter(messages=messages)  # type: ignore[operator]
        return list(self._llama.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True))

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
