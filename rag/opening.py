"""Small edits to a summary sentence's surface.

`continued`: a sentence continued after an opening phrase the code puts in front of it ("En mai 2024, ...",
"Selon le dirigeant russe, ..."): its first letter goes to lower case when it opens on an article or a
pronoun ("La Russie ..." -> "En mai 2024, la Russie ..."), and stays when it opens on a name ("Poutine ...").
`tidied`: a sentence after words were cut out of it, its spaces made single and none left before "," or ".".
"""

from __future__ import annotations

import re

_LOWERED = {"le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles",
            "the", "a", "an", "this", "these", "those", "it", "they"}


def continued(text: str) -> str:
    """`text` as it reads after an opening phrase and a comma."""
    first = re.match(r"\w+", text)
    return text[0].lower() + text[1:] if first and first.group(0).lower() in _LOWERED else text


def tidied(text: str) -> str:
    """`text` with single spaces and no space before a comma or a full stop."""
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")
