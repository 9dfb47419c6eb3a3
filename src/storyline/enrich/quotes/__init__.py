"""Quotes: quote marks, attributions, cue words and the learned cue lexicon, speakers."""
