"""The bottom layer: the model, diagnostics and their codes, errors, files, languages, characters."""
