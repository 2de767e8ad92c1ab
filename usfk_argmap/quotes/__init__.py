"""The source text a map quotes, and finding a quote (or the closest passage) in it."""
