"""`python -m schedule_export`: the same command as `schedule-export`."""

import sys

from .cli import main

sys.exit(main())
