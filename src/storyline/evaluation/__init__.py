"""Quality evaluations on labelled data (``storyline eval ...``)."""
