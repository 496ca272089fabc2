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
    def _after_import(module_name, callback):  # type: ignore[no-untyped-def]
        """Call ``callback(module)`` once ``module_name`` has been imported (now if it is).

        A finder placed first on ``sys.meta_path`` finds the module through the
        other finders, once, and wraps its loader so that the callback runs right
        after the module's code. Plain classes: importing ``importlib.abc`` would
        cost more than this hook saves. (Shared with pyi_rth_inspect_lazy.py: run-time
        hooks are standalone scripts.)
        """
        import sys

        if module_name in sys.modules:
            callback(sys.modules[module_name])
            return

        class Loader:
            def __init__(self, inner):  # type: ignore[no-untyped-def]
                self.inner = inner

            def __getattr__(self, name):  # type: ignore[no-untyped-def]
                return getattr(self.inner, name)  # get_source, is_package, ...

            def create_module(self, spec):  # type: ignore[no-untyped-def]
                return self.inner.create_module(spec)

            def exec_module(self, module):  # type: ignore[no-untyped-def]
                self.inner.exec_module(module)
                callback(module)

        class Finder:
            def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
                if name != module_name:
                    return None
                sys.meta_path.remove(self)
                for finder in sys.meta_path:
                    find_spec = getattr(finder, "find_spec", None)
                    spec = find_spec(name, path, target) if find_spec else None
                    if spec is not None:
                        if spec.loader is not None:
                            spec.loader = Loader(spec.loader)
                        return spec
                return None

        sys.meta_path.insert(0, Finder())

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

    def check_qt_conf(_module: object) -> None:
        qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

    _after_import("PySide6.QtCore", check_qt_conf)


_pyi_rthook()
del _pyi_rthook
