"""Enrichment speed (``bench enrich``) against bare spaCy."""
