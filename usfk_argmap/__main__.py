"""``python -m usfk_argmap`` runs the command line."""

from .cli import main

main()
