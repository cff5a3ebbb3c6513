"""Policy bank documents, themes, search, indicators and data requests arrive with their issue."""
