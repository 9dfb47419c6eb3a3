"""Entity mentions: extraction, type repairs, titles and roles, name folding and chaining."""
