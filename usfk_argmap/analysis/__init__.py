"""The map as a graph: the one projection of a map onto nodes and edges, and what is read off it
(selections, build-up steps, figures)."""
