"""The window-less heart of zoomdesk: config, OAuth, tokens, Zoom client and meeting model.

Nothing in this package may import PySide6; the CLI and the GUI are both clients of it.
"""
