"""PyInstaller run-time hook for ``inspect`` that patches it when it is imported, not before.

It replaces PyInstaller's own ``pyi_rth_inspect`` (see pyi_rth_pyside6_lazy.py
for how), which imports ``inspect`` and ``zipfile`` and reads the
``base_library.zip`` index before the app's first line: ~45 ms on every run,
though the CLI never imports ``inspect`` (the GUI does, through shiboken).
The patch itself is PyInstaller's: ``inspect.getsourcefile`` resolves the
relative file names of frozen code objects. Adapted from PyInstaller's
``pyi_rth_inspect.py`` (Copyright (c) 2021-2023 PyInstaller Development Team,
Apache-2.0).
"""

# os.path, like the hook it replaces: it runs before the app, importing little.
# ruff: noqa: PTH113, PTH117, PTH118, PTH119


def _pyi_rthook() -> None:
    def _after_import(module_name, callback):  # type: ignore[no-untyped-def]
        """Call ``callback(module)`` once ``module_name`` has been imported (now if it is).

        A finder placed first on ``sys.meta_path`` finds the module through the
        other finders, once, and wraps its loader so that the callback runs right
        after the module's code. Plain classes: importing ``importlib.abc`` would
        cost more than this hook saves. (Same as in pyi_rth_pyside6_lazy.py: run-time
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

    def patch(inspect):  # type: ignore[no-untyped-def]
        import os
        import sys

        prefix = os.path.normpath(sys._MEIPASS)
        base_library = os.path.join(prefix, "base_library.zip")
        base_library_files: set[str] | None = None

        def in_base_library(name: str) -> bool:
            nonlocal base_library_files
            if base_library_files is None:
                base_library_files = set()
                if os.path.isfile(base_library):
                    import zipfile  # on first use: it costs ~20 ms

                    with zipfile.ZipFile(base_library) as zf:
                        base_library_files = {os.path.normpath(n) for n in zf.namelist()}
            return name in base_library_files

        original = inspect.getsourcefile

        def getsourcefile(obj):  # type: ignore[no-untyped-def]
            filename = os.path.normpath(inspect.getfile(obj))
            if not os.path.isabs(filename):
                main_file = getattr(sys.modules["__main__"], "__file__", None)
                if main_file and filename == os.path.basename(main_file):
                    return main_file
                if in_base_library(filename + "c"):
                    return os.path.normpath(os.path.join(base_library, filename + "c"))
                return os.path.normpath(os.path.join(prefix, filename))
            if filename.startswith(prefix):
                return filename
            return original(obj)

        inspect.getsourcefile = getsourcefile

    _after_import("inspect", patch)


_pyi_rthook()
del _pyi_rthook
