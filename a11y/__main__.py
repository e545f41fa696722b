"""``python -m a11y`` runs the same command as the ``a11y`` script."""

import sys

from a11y.cli import main

sys.exit(main())
