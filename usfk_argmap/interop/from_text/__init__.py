"""Drafting a first map from a source text, offline: every statement a verbatim passage of the text.

``segment`` cuts the text into headings, paragraphs, sentences and clauses;
``structure`` proposes the thesis, the main claims and each unit's relation
from discourse markers (``lexicon``, one YAML file per language in
``lexicons/``) and position; ``build`` writes the map. Nothing is downloaded and
no model is run: the rules are plain, and each relation's note says which one
proposed it.
"""
