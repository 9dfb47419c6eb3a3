"""Numbers: numeric claims, and numbers written in digits or words."""
