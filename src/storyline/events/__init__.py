"""PLOVER event extraction: who did what to whom, where and when, per article sentence."""
