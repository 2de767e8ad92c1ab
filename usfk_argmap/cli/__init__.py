"""The ``usfk-argmap`` command line; ``cli.app`` is the entry point."""
