"""Any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, OpenAI) over plain HTTP.

Bounded in time and in retries:
- a refused or failed connection, or an HTTP 5xx, is retried `retries` times with a short backoff;
- a server that accepts the connection but does not answer within `timeout` seconds is not retried
  (retrying would only multiply the wait);
- the whole reply, however slowly it trickles, must arrive within `timeout` seconds in total.
Retries happen only before the first streamed token, so an answer is never duplicated. Every failure is
one BackendError naming the URL and what to do.
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
        self._timeout = timeout
        self.attempts = 0  # connection attempts made, for tests and traces
        self._temperature = temperature
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)), headers=headers, trust_env=False)

    def _open(self, body: dict) -> httpx.Response:
        last: Exception | None = None
        for attempt in range(self._retries + 1):
            self.attempts += 1
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
            except httpx.TimeoutException as error:
                if isinstance(error, httpx.ConnectTimeout):  # nobody accepted the connection: retry like a refusal
                    last = error
                    if attempt < self._retries:
                        time.sleep(0.5 * (attempt + 1))
                    continue
                raise BackendError(
                    f"the OpenAI-compatible server at {self.base_url} did not answer within {self._timeout:g} s "
                    f"({type(error).__name__}): check that it is not overloaded, or raise openai_timeout"
                ) from error
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
        deadline = time.monotonic() + self._timeout
        try:
            for line in response.iter_lines():
                if time.monotonic() > deadline:
                    raise BackendError(f"the reply from {self.base_url} took longer than {self._timeout:g} s in total: "
                                       "check that the server is not overloaded, or raise openai_timeout")
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
        except httpx.TimeoutException as error:
            raise BackendError(f"the stream from {self.base_url} stalled for {self._timeout:g} s ({type(error).__name__}): "
                               "check that the server is not overloaded, or raise openai_timeout") from error
        except httpx.TransportError as error:
            raise BackendError(f"the stream from {self.base_url} broke ({type(error).__name__}): retry the question") from error
        finally:
            response.close()

    def count_tokens(self, text: str) -> int:
        # An approximation: the server's tokenizer is not available locally (about 4 characters a token).
        return max(1, len(text) // 4)
