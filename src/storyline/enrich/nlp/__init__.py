"""The spaCy pipeline: model loading, the gazetteer entity ruler, the name guard, sentences."""
