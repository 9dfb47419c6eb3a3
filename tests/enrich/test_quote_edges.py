"""Quote spans whose first or last character is a space (an unclosed quote running to the
end of a text that ends in a space, PTB-spaced text) are read, never raise."""

from __future__ import annotations

import pytest

from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.ptb import ptb_normalise
from storyline.enrich.nlp.sentences import keep_text
from storyline.enrich.quotes.attributions import find_attributions


@pytest.mark.parametrize("text", [
    "The minister said `` we will act now and stop the virus . ",
    'The minister said "we will act now and stop the virus. ',
    "Officials said `` the outbreak is under control '' , the agency reported . ",
])
def test_a_quote_ending_in_a_space_is_read(text):
    doc = load_nlp()(ptb_normalise(text))
    keep_text(doc, text)
    found = find_attributions(doc)
    assert found and all(a.content[0] < a.content[1] for a in found)
