import codecs

from storyline.ingest.decode import declared_charset, decode_bytes, looks_binary, utf16_without_bom

TEXT = "Der Fährkapitän sagte: „Niemand geriet in Panik.“ Café, naïve, 40 € Schaden."


def test_utf8_bom_wins():
    text, enc = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT and enc == "utf-8-sig"


def test_utf16_with_bom():
    text, enc = decode_bytes(TEXT.encode("utf-16"))
    assert text == TEXT and enc == "utf-16"


def test_utf16_without_bom_both_byte_orders():
    for enc in ("utf-16-le", "utf-16-be"):
        data = TEXT.encode(enc)
        assert utf16_without_bom(data) == enc
        assert not looks_binary(data)
        assert decode_bytes(data) == (TEXT, enc)


def test_declared_charset_is_used_before_guessing():
    html = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'
    data = html.replace("„", '"').replace("“", '"').encode("cp1252")
    assert declared_charset(data) == "windows-1252"
    text, enc = decode_bytes(data, declared_charset(data))
    assert "Fährkapitän" in text and enc == "cp1252"


def test_wrong_declared_charset_falls_back_to_utf8():
    data = TEXT.encode("utf-8")
    text, enc = decode_bytes(data, "ascii")
    assert text == TEXT and enc == "utf-8"


def test_latin_text_without_declaration_is_not_mojibake():
    data = ("The caf\u00e9 owner said the ferry's captain was na\u00efve. " * 20).encode("cp1252")
    text, _ = decode_bytes(data)
    assert "café" in text and "naïve" in text


def test_binary_detection():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert not looks_binary(TEXT.encode("utf-8"))
    assert not looks_binary(b"")


def test_short_ascii_text_with_one_broken_sequence_is_text():
    # a lone surrogate written out with errors="surrogatepass" (bytes ED A0 80) in a short
    # ASCII note: text with a flaw, not a binary file (found by the ingest fuzz test)
    data = "zq9115x ?+'% \ud800\n".encode("utf-8", "surrogatepass")
    assert not looks_binary(data)
    assert looks_binary(bytes((37 * i) % 128 + 128 for i in range(3000)))  # no ASCII at all
    assert looks_binary(bytes(range(256)) * 4)
