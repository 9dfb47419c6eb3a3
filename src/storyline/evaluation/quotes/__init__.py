"""Attribution (quote) quality (``eval quotes``) on PolNeAR, and learning the cue lexicon."""
