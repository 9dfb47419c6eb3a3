"""Main-text extraction quality (``eval clean``) and ingest+clean speed (``bench ingest``)."""
