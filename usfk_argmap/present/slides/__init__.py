"""Slide decks: the deck plan, its pictures and one module per output format (HTML, PPTX, Marp, Beamer)."""
