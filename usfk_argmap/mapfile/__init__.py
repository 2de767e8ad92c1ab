"""The map file: loading YAML into the model with positioned diagnostics, writing it back, its JSON Schema."""
