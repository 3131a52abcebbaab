"""LangChain interoperability: our retriever as a `BaseRetriever`, our LLM backends as `BaseChatModel`s,
and any LangChain chat model as one of our backends. Token counting never falls back to downloading
a tokenizer: it asks the backend's own tokenizer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.llm.base import LLM, Message
from rag.retrieval.retriever import Filters, HybridRetriever

_ROLES = {"human": "user", "ai": "assistant", "system": "system", "user": "user", "assistant": "assistant"}


class NewsragRetriever(BaseRetriever):
    """Hybrid retrieval as LangChain Documents; metadata carries our spans and every score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: HybridRetriever
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.retriever.retrieve(query, self.filters, self.k)
        documents = []
        for hit in result.hits:
            meta = hit.chunk.metadata()
            meta.update(chunk_id=hit.chunk.chunk_id, score=hit.score, rank=hit.rank, dense=hit.dense, bm25=hit.bm25)
            documents.append(Document(page_content=hit.chunk.text, metadata=meta, id=hit.chunk.chunk_id))
        return documents


def _to_messages(messages: list[BaseMessage]) -> list[Message]:
    return [Message(_ROLES.get(m.type, "user"), m.content if isinstance(m.content, str) else str(m.content)) for m in messages]


class NewsragChatModel(BaseChatModel):
    """Any newsrag LLM backend as a LangChain chat model."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    backend: LLM
    max_tokens: int = 256

    @property
    def _llm_type(self) -> str:
        return f"newsrag-{self.backend.name}"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        text = self.backend.generate(_to_messages(messages), max_tokens=kwargs.get("max_tokens", self.max_tokens), stop=stop)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: CallbackManagerForLLMRun | None = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for piece in self.backend.stream(_to_messages(messages), max_tokens=kwargs.get("max_tokens", self.max_tokens), stop=stop):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk

    def get_num_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)


class LangChainLLM(LLM):
    """Any LangChain chat model plugged in as a newsrag backend."""

    def __init__(self, model: BaseChatModel, name: str = "langchain", count: Any = None) -> None:
        self.model = model
        self.name = name
        self._count = count

    def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]:
        payload = [(m.role if m.role != "user" else "human", m.content) for m in messages]
        for chunk in self.model.stream(payload, stop=stop, max_tokens=max_tokens):
            if chunk.content:
                yield chunk.content if isinstance(chunk.content, str) else str(chunk.content)

    def count_tokens(self, text: str) -> int:
        return int(self._count(text)) if self._count else max(1, len(text) // 4)
