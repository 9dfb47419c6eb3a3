"""Dates: DATE mentions normalised against the publication date."""
