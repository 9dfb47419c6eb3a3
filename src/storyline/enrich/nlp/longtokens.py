"""A guard around spaCy's tokenizer for text with very long runs of non-space characters.

The tokenizer looks for prefixes and suffixes of each whitespace-separated chunk, and for
a long chunk its suffix search costs about the square of the chunk's length: 50,000 emoji
with no space held enrich for over 400 s. No word is hundreds of characters long; such a
run (emoji walls, base64, a long URL) is cut into tokens of :data:`PIECE` characters
before the tokenizer sees it, the rest of the text tokenized as usual. The Doc's text is
the text given, character for character, so every offset stays valid.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

MAX_RUN = 200  # runs of non-space characters longer than this are cut
PIECE = 100  # ... into tokens of this many characters
_LONG_RUN = re.compile(r"\S{" + str(MAX_RUN + 1) + ",}")


class LongRunGuard:
    """Callable like the tokenizer it wraps (``nlp.tokenizer = LongRunGuard(nlp.tokenizer)``)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __getattr__(self, name: str) -> Any:  # explain(), rules, to_disk()... as the tokenizer's
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)  # type: ignore[no-any-return]
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            self._add(text[pos : m.start()], words, spaces)
            run = m.group()
            for i in range(0, len(run), PIECE):
                words.append(run[i : i + PIECE])
                spaces.append(False)
            pos = m.end()
            if text.startswith(" ", pos):
                spaces[-1] = True
                pos += 1
        self._add(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if not segment:
            return
        for token in self.tokenizer(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
