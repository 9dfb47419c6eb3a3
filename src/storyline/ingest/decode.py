"""Bytes to text: BOM, declared charset, UTF-8, UTF-16 without BOM, detection, cp1252.

The order matters: a byte-order mark is certain; a charset the document declares
(HTTP header, ``<meta charset>``, XML declaration) is usually right; UTF-16 without a BOM
shows as NUL bytes in every other position; most of the web is UTF-8, sometimes with a
broken sequence or two (read with U+FFFD in their place); charset-normalizer guesses the
rest; cp1252 is the last resort that never fails.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NULs fill the odd/even bytes of mostly-ASCII text."""
    head = data[:4096]
    if len(head) < 4:
        return None
    head = head[: len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    n = len(even)
    if odd.count(0) > 0.6 * n and even.count(0) < 0.1 * n:
        return "utf-16-le"
    if even.count(0) > 0.6 * n and odd.count(0) < 0.1 * n:
        return "utf-16-be"
    return None


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def looks_binary(data: bytes, lines: bool = False) -> bool:
    """True for content that is not text: many NUL bytes, many control characters, or bytes
    that no character encoding reads (random bytes, compressed or encrypted data).

    With ``lines`` (a file read line by line, where one bad line is that line's problem,
    not the file's), only NULs or bytes no encoding reads make the file binary."""
    head = data[:8192]
    if not head:
        return False
    if bom_encoding(head) or utf16_without_bom(head):
        return False
    nuls = head.count(0)  # a stray NUL is a bad character (a bad line); many, a binary file
    if nuls > (max(16, 0.05 * len(head)) if lines else max(8, 0.01 * len(head))):
        return True
    if not lines:
        ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if ctrl > max(8, 0.05 * len(head)):
            return True
    return not is_utf8(head, cut=len(head) < len(data)) and not mostly_utf8(head) \
        and not mostly_ascii(head) and not any(from_bytes(head))


def _utf8_reading(data: bytes) -> tuple[str, int]:
    """``data`` read as UTF-8 with replacement, and how many characters were replaced (a
    U+FFFD written in the data itself is not counted)."""
    text = data.decode("utf-8", "replace")
    return text, text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


def mostly_ascii(data: bytes) -> bool:
    """Printable ASCII with at most one broken sequence in a hundred characters (a lone
    surrogate written out): short text with a flaw, not binary data, whose bytes break a
    UTF-8 reading every few characters and are a third printable ASCII at most."""
    text, broken = _utf8_reading(data)
    printable = len(data) - len(data.translate(None, _PRINTABLE_ASCII))
    return broken <= max(3, 0.01 * len(text)) and printable >= 0.75 * len(data)


def mostly_utf8(data: bytes) -> bool:
    """True for UTF-8 with a few broken sequences (a lone surrogate written out, a byte
    lost): its multi-byte characters are valid UTF-8 at least as often as not. Text in a
    one-byte codepage almost never forms a valid multi-byte UTF-8 sequence."""
    text, replaced = _utf8_reading(data)
    multibyte = sum(1 for ch in text if ord(ch) > 127) - replaced
    return replaced > 0 and multibyte > 0 and multibyte >= replaced / 3


def is_utf8(data: bytes, cut: bool = False) -> bool:
    """True when ``data`` is UTF-8; with ``cut``, a character cut off at the end is allowed."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return cut and e.start >= len(data) - 3 and e.reason == "unexpected end of data"
    return True


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page or XML document declares in its first bytes, if any."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _known(enc: str | None) -> str | None:
    if not enc:
        return None
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding used). Never raises on odd bytes."""
    bom = bom_encoding(data)
    if bom == "utf-32":  # FF FE 00 00 is also UTF-16's mark and a NUL character
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            bom = "utf-16"
    if bom:
        return data.decode(bom, errors="replace"), bom
    enc = _known(declared)
    if enc and enc not in ("utf-16", "utf-32"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    wide = utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if wide:  # NULs are valid UTF-8: UTF-16 text would pass for it
        return data.decode(wide, errors="replace"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    enc = _known(guess_encoding(data))
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


# Among guesses that read the bytes equally well, the codepages news sites actually use win
# (charset-normalizer alone calls short English cp1252 text cp775 or cp1257).
PREFERRED = ("cp1252", "cp1251", "cp1250", "iso8859_15", "latin_1", "shift_jis", "gb18030", "euc_kr", "big5")


def guess_encoding(data: bytes) -> str | None:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    close = {m.encoding for m in matches if m.chaos <= least + 0.02}
    for enc in PREFERRED:
        if enc in close:
            return enc
    return min(matches, key=lambda m: m.chaos).encoding


def decode_line(data: bytes, fallback: str | None) -> tuple[str, str]:
    """Decode one line of a line-oriented file: UTF-8 first, then the file's guessed encoding."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if fallback and fallback != "utf-8":
            try:
                return data.decode(fallback), fallback
            except (UnicodeDecodeError, LookupError):
                pass
        return decode_bytes(data)
