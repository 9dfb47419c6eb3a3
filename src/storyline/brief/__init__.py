"""Story briefs: the cited extractive summary (``storyline.brief.summarize``)."""
