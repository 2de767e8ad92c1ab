"""The PowerPoint deck: native shapes from Graphviz's layout, or pictures."""
