"""Entry script of the frozen zoomdesk (PyInstaller runs this as ``__main__``).

One executable serves both the GUI (no arguments) and the CLI sub-commands,
exactly like the ``zoomdesk`` console script of a pip install.
"""

import sys

from zoomdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
