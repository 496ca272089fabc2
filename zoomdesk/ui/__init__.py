"""The PySide6 desktop front end. QtWebEngine is imported only by ``login``, lazily."""
