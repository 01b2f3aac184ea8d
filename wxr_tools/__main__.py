"""``python -m wxr_tools`` runs the ``wxr`` command."""

from .cli import main

main()
