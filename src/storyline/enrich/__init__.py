"""The ``enrich`` stage: sentences, entities, places, dates, quotes and numbers.

Pure steps (a spaCy doc and its article in, records out, no SQL) live in the
subpackages: ``nlp`` (the spaCy pipeline and sentences), ``entities``, ``places``,
``quotes``, ``dates`` and ``numbers``. The store-touching parts are the modules here:
:mod:`.stage` (the stage), :mod:`.resolve` (article-local mention keys to store-wide
entities), :mod:`.persist` (a story's stored places in, an article's rows out) and the
export sections.
"""
