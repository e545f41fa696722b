"""``python -m helpdesk`` runs the same command as the ``helpdesk`` script."""

import sys

from helpdesk.cli import main

sys.exit(main())
