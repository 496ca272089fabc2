"""``python -m zoomdesk.sandbox [--host H] [--port P] [--access-token-ttl S]``."""

from zoomdesk.sandbox.cli import main

raise SystemExit(main())
