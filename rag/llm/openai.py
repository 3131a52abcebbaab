"""Any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, OpenAI) over plain HTTP.

Timeouts and retries are bounded; a connection failure becomes one BackendError naming the URL.
Retries happen only before the first streamed token, so an answer is never duplicated.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx

from rag.errors import BackendError
from rag.llm.base import LLM, Message


class OpenAICompatLLM(LLM):
    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout: float = 60.0, retries: int = 2,
                 temperature: float = 0.0, context_size: int = 4096) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"openai:{self.base_url}#{model}"
        self.context_size = context_size
        self._retries = max(0, retries)
        self._temperature = temperature
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)), headers=headers, trust_env=False)

    def _open(self, body: dict) -> httpx.Response:
        last: Exception | None = None
        for attempt in range(self._retries + 1):
            try:
                request = self._client.build_request("POST", f"{self.base_url}/chat/completions", json=body)
                response = self._client.send(request, stream=True)
                if response.status_code >= 500 and attempt < self._retries:
                    response.close()
                    time.sleep(0.5 * (attempt + 1))
                    continue
                if response.status_code >= 400:
                    detail = response.read().decode("utf-8", "replace")[:200]
                    response.close()
                    raise BackendError(f"{self.base_url} answered HTTP {response.status_code} ({detail}): check the model name and key")
                return response
            except httpx.TransportError as error:
                last = error
                if attempt < self._retries:
                    time.sleep(0.5 * (attempt + 1))
        raise BackendError(
            f"the OpenAI-compatible server at {self.base_url} is unreachable ({type(last).__name__}: {last}): start it or fix openai_base_url"
        )

    def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]:
        body = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": max_tokens,
            "temperature": self._temperature,
            "stream": True,
        }
        if stop:
            body["stop"] = stop
        response = self._open(body)
        try:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                try:
                    event = json.loads(data)
                except json.JSONDecodeError as error:
                    raise BackendError(f"{self.base_url} sent a malformed stream event: is it OpenAI-compatible?") from error
                choices = event.get("choices") or [{}]
                piece = (choices[0].get("delta") or {}).get("content")
                if piece:
                    yield piece
        except httpx.TransportError as error:
            raise BackendError(f"the stream from {self.base_url} broke ({type(error).__name__}): retry the question") from error
        finally:
            response.close()

    def count_tokens(self, text: str) -> int:
        # An approximation: the server's tokenizer is not available locally (about 4 characters a token).
        return max(1, len(text) // 4)
