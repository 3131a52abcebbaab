"""Article text goes into prompts as quoted content, never as instructions or structure.

Articles come from the open web. Two things in them could act on the model rather than be read by it:
- chat-template control tokens (`<|im_start|>system`, `<|im_end|>`, `<|endoftext|>`, `[INST]`, `<<SYS>>`,
  `</s>`): llama.cpp tokenises a chat prompt with special tokens enabled, so such text in an article would
  open a real system turn. They are replaced by a space.
- citation-marker-like text (`[1]`, `[7]`): the prompt numbers its source sentences `[n]`, so a marker in
  an article could pass for another source or invite a fake citation. It becomes `(7)`.
The cleaned article text and every offset stay untouched: only the rendering in a prompt changes.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"<\|[^<>|\n]{1,40}\|>|\[/?INST\]|<</?SYS>>|</?s>", re.IGNORECASE)
_MARKER = re.compile(r"\[\s*(\d{1,3})\s*\]")


def control_token_in(text: str) -> str | None:
    """The first chat-template control token in `text`, if any (ingest refuses such an article)."""
    found = _CONTROL.search(text)
    return found.group(0) if found else None


def without_control_tokens(text: str) -> str:
    return _CONTROL.sub(" ", text)


def quoted(text: str) -> str:
    """`text` safe to place in a prompt as quoted source content."""
    return _MARKER.sub(r"(\1)", without_control_tokens(text))
