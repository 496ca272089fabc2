"""The ``zoomdesk`` command: parsing, sub-commands, and the words and exit codes for errors."""
