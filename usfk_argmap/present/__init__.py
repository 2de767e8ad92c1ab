"""Presenting a map: templates, the completeness report and slide decks."""
