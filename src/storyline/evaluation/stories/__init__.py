"""Story clustering quality (``eval cluster``) and speed (``bench cluster``) on labelled sets."""
