"""Editor tooling: the language server, the live preview, and a new map from a source text (``init``)."""
