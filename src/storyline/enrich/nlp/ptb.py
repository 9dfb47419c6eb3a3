"""Penn Treebank escapes in tokenised text, for the parser only.

Some corpora (Timeline17 among them) store their text tokenised the Penn Treebank way:
brackets written ``-LRB-`` / ``-RRB-``, quotes as two backquotes and two apostrophes,
the pound sign as ``#``, punctuation set apart by spaces. Others (The New York Times) write
two apostrophes for both quote marks, which spaCy does not read as quotes either. spaCy reads ``-LRB-`` as a
noun and ``# 200,000`` as a bare number. :func:`ptb_normalise` gives the parser the
text with those escapes written as the characters they stand for, padded with spaces
to the same length, so every character offset into it is an offset into the original
text: the stored text and every sentence taken from it stay as they came.
"""

from __future__ import annotations

import re

# escape -> what it stands for, padded to the escape's length
_BRACKETS = {"-LRB-": "  (  ", "-RRB-": "  )  ", "-LSB-": "  [  ", "-RSB-": "  ]  ",
             "-LCB-": "  {  ", "-RCB-": "  }  "}
_ESCAPE = re.compile(r"-[LR][RSC]B-")
_OPEN_QUOTE = re.compile(r"``")
_CLOSE_QUOTE = re.compile(r"(?<!\S)''(?!\S)")
_POUND = re.compile(r"(?<![^\s(])#(?= \d)")  # "# 200,000": the PTB pound sign
# two apostrophes as both quote marks, untokenised (The New York Times' style: ''Yes,''
# he said): opening before a word, closing after one
_OPEN_APOSTROPHES = re.compile(r"(?<![^\s(\[])''(?=[^\s'])")
_CLOSE_APOSTROPHES = re.compile(r"(?<=[^\s'])''(?=[\s.,;:!?)\]]|$)")
_SIGNS = re.compile(r"-[LR]RB-|``| '' |(?<![^\s(\[])''(?=[^\s'])")


def is_ptb(text: str) -> bool:
    """Whether the text carries Penn Treebank escapes (a bracket or quote escape)."""
    return _SIGNS.search(text) is not None


def ptb_normalise(text: str) -> str:
    """The text with its PTB escapes unescaped in place (same length); text without
    escapes is returned unchanged."""
    if not is_ptb(text):
        return text
    out = _ESCAPE.sub(lambda m: _BRACKETS.get(m.group(0), m.group(0)), text)
    out = _OPEN_QUOTE.sub(' "', out)
    out = _CLOSE_QUOTE.sub('" ', out)
    out = _OPEN_APOSTROPHES.sub(' "', out)
    out = _CLOSE_APOSTROPHES.sub('" ', out)
    return _POUND.sub("\u00a3", out)
