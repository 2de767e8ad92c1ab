"""Argdown: the reader (syntax, then build) and the writer."""
