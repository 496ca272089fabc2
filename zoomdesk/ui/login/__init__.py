"""The sign-in dialog: the embedded QtWebEngine view, its navigation veto, panels and preload.

Importing this package loads no QtWebEngine; ``dialog`` and ``page`` do, when sign-in starts.
"""
