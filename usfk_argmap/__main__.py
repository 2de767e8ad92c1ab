"""``python -m usfk_argmap`` runs the command line."""

from usfk_argmap.cli.app import main

main()
