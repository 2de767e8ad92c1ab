"""Drawing a map: style, label wrapping, fonts, DOT, the Graphviz boundary and the finished SVG."""
