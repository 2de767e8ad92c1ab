"""``python -m usfk_argmap`` runs the command line."""

from usfk_argmap.cli import main

main()
