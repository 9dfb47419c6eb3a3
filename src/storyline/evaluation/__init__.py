"""Evaluation of the pipeline's stages on labelled data (``storyline eval ...``)."""
