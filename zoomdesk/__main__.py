"""``python -m zoomdesk``: the same as the ``zoomdesk`` command."""

import sys

from zoomdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
