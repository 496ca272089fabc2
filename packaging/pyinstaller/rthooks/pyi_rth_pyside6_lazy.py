"""PyInstaller run-time hook for PySide6 that doesn't import Qt at start-up.

It replaces PyInstaller's own ``pyi_rth_pyside6`` (build.spec lists this folder
in ``hookspath``, and the first run-time hook registered for a module wins).
That hook imports ``PySide6.QtCore`` before the app's first line runs, only to
check for an embedded ``qt.conf``: about 0.2 s added to every CLI command,
which by design never loads Qt. Here the environment is set up the same way,
and the ``qt.conf`` check runs right after the app itself imports
``PySide6.QtCore``. (PySide6's PyPI wheels register that ``qt.conf``
themselves, so the check normally finds it and does nothing.)
"""

# os.path, like the hook it replaces: it runs before the app, importing little.
# ruff: noqa: PTH118


def _pyi_rthook() -> None:
    import importlib.abc
    import importlib.util
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")

    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if is_macos_app_bundle:
        resources = os.path.normpath(
            os.path.join(sys._MEIPASS, "..", "Resources", os.path.relpath(qt_path, sys._MEIPASS))
        )
        qml_paths = [os.path.join(resources, "qml"), os.path.join(qt_path, "qml")]
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(qml_paths)
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class _CheckAfterLoading(importlib.abc.Loader):
        """Wraps PySide6.QtCore's loader: load as usual, then run the qt.conf check."""

        def __init__(self, inner):  # type: ignore[no-untyped-def]
            self.inner = inner

        def create_module(self, spec):  # type: ignore[no-untyped-def]
            return self.inner.create_module(spec)

        def exec_module(self, module):  # type: ignore[no-untyped-def]
            self.inner.exec_module(module)
            qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

    class _AfterQtCore(importlib.abc.MetaPathFinder):
        """Finds PySide6.QtCore through the other finders, once, and wraps its loader."""

        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.loader is not None:
                spec.loader = _CheckAfterLoading(spec.loader)
            return spec

    sys.meta_path.insert(0, _AfterQtCore())


_pyi_rthook()
del _pyi_rthook
