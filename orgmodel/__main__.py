"""``python -m orgmodel`` runs the command line."""

import sys

from orgmodel.cli import main

sys.exit(main())
