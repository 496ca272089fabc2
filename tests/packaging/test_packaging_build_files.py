"""build.spec, scripts/package.sh, the .deb templates and .ci/frozen-smoke (no build needed)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import zoomdesk

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "build.spec"
PACKAGE_SH = REPO / "scripts" / "package.sh"
DEB = REPO / "packaging" / "deb"
SHELL_SCRIPTS = [
    PACKAGE_SH,
    REPO / "packaging" / "render-icons.sh",
    REPO / ".ci" / "frozen-smoke",
]
MAINTAINER_SCRIPTS = [DEB / "postinst", DEB / "postrm"]


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _path_chains(tree: ast.Module) -> list[str]:
    """Every ``REPO / "a" / "b"`` expression in the spec, as ``a/b``."""
    chains = []
    for node in ast.walk(tree):
        parts: list[str] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            if not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, str)):
                break
            parts.insert(0, node.right.value)
            node = node.left
        if parts and isinstance(node, ast.Name) and node.id == "REPO":
            chains.append("/".join(parts))
    return chains


def test_spec_is_valid_python() -> None:
    _spec_tree()


def test_spec_references_existing_files() -> None:
    chains = set(_path_chains(_spec_tree()))
    # Only the complete chains: drop prefixes such as "resources" of "resources/icons/x".
    assert "packaging/entry.py" in chains
    assert "resources" in chains
    for chain in chains:
        assert (REPO / chain).exists(), f"build.spec names {chain}, which does not exist"


def _spec_helpers() -> dict[str, object]:
    """The spec's constants and functions, without running PyInstaller's build steps."""
    build_steps = {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"}
    body = []
    for stmt in _spec_tree().body:
        if isinstance(stmt, ast.ImportFrom) and (stmt.module or "").startswith("PyInstaller"):
            continue
        definition = isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef))
        constant = isinstance(stmt, ast.Assign) and not any(
            isinstance(n, ast.Name) and n.id in build_steps | {"a"} for n in ast.walk(stmt.value)
        )
        if definition or constant:
            body.append(stmt)
    namespace: dict[str, object] = {"SPECPATH": str(REPO)}
    exec(compile(ast.Module(body=body, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace


def test_spec_reads_the_package_version() -> None:
    assert _spec_helpers()["VERSION"] == zoomdesk.__version__


def test_spec_trims_locales_and_devtools() -> None:
    keep = _spec_helpers()["keep_data"]
    assert callable(keep)
    locales = "PySide6/Qt/translations/qtwebengine_locales"
    assert keep(f"{locales}/en-US.pak")
    assert not keep(f"{locales}/sw.pak")
    assert keep("PySide6/Qt/translations/qtbase_en.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/resources/qtwebengine_devtools_resources.pak")
    for needed in ("qtwebengine_resources.pak", "icudtl.dat", "v8_context_snapshot.bin"):
        assert keep(f"PySide6/Qt/resources/{needed}")
    assert keep("resources/icons/zoomdesk.svg")


def test_spec_drops_only_unused_plugins() -> None:
    helpers = _spec_helpers()
    dropped, is_lib = helpers["is_dropped_plugin"], helpers["is_shared_lib"]
    assert callable(dropped) and callable(is_lib)
    plugins = "PySide6/Qt/plugins"
    for gone in (
        "platformthemes/libqgtk3.so",
        "printsupport/libcupsprintersupport.so",
        "platforms/libqeglfs.so",
        "platforminputcontexts/libqtvirtualkeyboardplugin.so",
    ):
        assert dropped(f"{plugins}/{gone}")
    for kept in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "platformthemes/libqxdgdesktopportal.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
    ):
        assert not dropped(f"{plugins}/{kept}")
    assert is_lib("PySide6/Qt/lib/libQt6Pdf.so.6")
    assert is_lib("libcups.so.2")
    assert not is_lib("libnssckbi.so")  # loaded by NSS at run time, never linked
    assert not is_lib("libpython3.11.so.1.0")
    assert not is_lib("PySide6/QtCore.abi3.so")


def test_spec_bundle_id_matches_the_appstream_id() -> None:
    assert 'BUNDLE_ID = "io.github.zoomdesk.zoomdesk"' in SPEC.read_text(encoding="utf-8")
    assert (REPO / "resources" / "io.github.zoomdesk.zoomdesk.metainfo.xml").is_file()


def test_entry_script_calls_the_cli() -> None:
    source = (REPO / "packaging" / "entry.py").read_text(encoding="utf-8")
    assert "from zoomdesk.cli.main import main" in source
    assert "sys.exit(main())" in source


def test_package_sh_references_existing_paths() -> None:
    text = PACKAGE_SH.read_text(encoding="utf-8")
    referenced = set(re.findall(r"(?<![\w/.])((?:resources|packaging|zoomdesk)/[\w./-]+)", text))
    assert referenced, "package.sh names no repository files?"
    for rel in referenced:
        rel = rel.rstrip(".")
        if "*" in rel:
            continue
        assert (REPO / rel).exists(), f"scripts/package.sh names {rel}, which does not exist"
    assert "build.spec" in text


def test_deb_control_template() -> None:
    control = (DEB / "control.in").read_text(encoding="utf-8")
    for field in (
        "Package",
        "Version",
        "Architecture",
        "Maintainer",
        "Depends",
        "Section",
        "Priority",
        "Description",
        "Installed-Size",
    ):
        assert re.search(rf"^{field}: \S", control, re.MULTILINE), f"control.in lacks {field}"
    for placeholder in ("@VERSION@", "@ARCH@", "@DEPENDS@", "@INSTALLED_SIZE@"):
        assert placeholder in control


def test_deb_depends_list() -> None:
    lines = [
        line.strip()
        for line in (DEB / "depends.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    names = {alt.split()[0] for line in lines for alt in line.split("|")}
    # ../shared/PLATFORM-NOTES.md: what a fresh Debian 12 still needs for the frozen app.
    assert {"libgl1", "libegl1", "fontconfig-config"} <= names
    for line in lines:
        for alternative in line.split("|"):
            assert re.fullmatch(
                r"[a-z0-9][a-z0-9+.-]+( \((>=|<=|=|>>|<<) [\w.:~+-]+\))?", alternative.strip()
            ), line


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_shell_script_syntax(script: Path) -> None:
    assert script.is_file(), f"missing {script.relative_to(REPO)}"
    assert script.stat().st_mode & 0o111, f"{script.relative_to(REPO)} is not executable"
    subprocess.run(["bash", "-n", str(script)], check=True)
    assert "set -euo pipefail" in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("script", MAINTAINER_SCRIPTS, ids=lambda p: p.name)
def test_maintainer_script_syntax(script: Path) -> None:
    assert script.stat().st_mode & 0o111
    subprocess.run(["sh", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    # Every optional tool is guarded, so a minimal system without it still installs.
    for tool in ("update-desktop-database", "gtk-update-icon-cache"):
        assert f"command -v {tool}" in text


def test_shellcheck() -> None:
    tool = shutil.which("shellcheck")
    if tool is None:
        pytest.skip("shellcheck is not installed (Debian package: shellcheck)")
    run = subprocess.run(
        [tool, "-S", "warning", *map(str, SHELL_SCRIPTS + MAINTAINER_SCRIPTS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_spec_excludes_no_qt_module_the_app_imports() -> None:
    excludes = _spec_helpers()["QT_EXCLUDES"]
    assert isinstance(excludes, list)
    excluded = set(excludes)
    used = {
        match
        for path in (REPO / "zoomdesk").rglob("*.py")
        for match in re.findall(r"PySide6\.Qt\w+", path.read_text(encoding="utf-8"))
    }
    assert used, "no PySide6 import found?"
    wrongly = sorted(used & excluded)
    assert not wrongly, f"build.spec excludes {wrongly}, which zoomdesk imports"


def test_runtime_hook_replacement_is_registered() -> None:
    hooks = REPO / "packaging" / "pyinstaller"
    table = ast.literal_eval((hooks / "rthooks.dat").read_text(encoding="utf-8"))
    assert table == {"PySide6": ["pyi_rth_pyside6_lazy.py"], "inspect": ["pyi_rth_inspect_lazy.py"]}
    for files in table.values():
        for name in files:
            assert (hooks / "rthooks" / name).is_file()
    assert '"packaging" / "pyinstaller"' in SPEC.read_text(encoding="utf-8")


# --- the desktop entry in the packages ------------------------------------------------

DESKTOP = REPO / "resources" / "zoomdesk.desktop"
DIST = REPO / "dist"


def test_the_deb_installs_the_desktop_file_as_it_is() -> None:
    """Copied byte for byte (its *New meeting* action included), and nothing edits it after."""
    lines = [line.strip() for line in PACKAGE_SH.read_text(encoding="utf-8").splitlines()]
    touching = [line for line in lines if "zoomdesk.desktop" in line and not line.startswith("#")]
    assert touching == [
        'install -m 0644 resources/zoomdesk.desktop "$root/usr/share/applications/zoomdesk.desktop"'
    ]
    assert "Actions=new-meeting;" in DESKTOP.read_text(encoding="utf-8")


def test_the_tarball_ships_the_desktop_file_as_it_is() -> None:
    """The tarball is dist/zoomdesk, where build.spec puts resources/ whole (``_internal``)."""
    datas = next(
        node
        for node in ast.walk(_spec_tree())
        if isinstance(node, ast.keyword) and node.arg == "datas"
    )
    assert "(str(REPO / 'resources'), 'resources')" in ast.unparse(datas.value)
    assert re.search(r"tar -C dist .* zoomdesk\b", PACKAGE_SH.read_text(encoding="utf-8"))


def _built(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern)) if DIST.is_dir() else []
    if not found:
        pytest.skip(f"no dist/{pattern}: run scripts/package.sh (.ci/frozen-smoke does)")
    return found[-1]


def test_the_built_deb_holds_the_desktop_file_unchanged(tmp_path: Path) -> None:
    deb = _built(f"zoomdesk_{zoomdesk.__version__}_*.deb")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    installed = tmp_path / "usr/share/applications/zoomdesk.desktop"
    assert installed.read_bytes() == DESKTOP.read_bytes()


def test_the_built_tarball_holds_the_desktop_file_unchanged() -> None:
    import tarfile

    tarball = _built(f"zoomdesk-{zoomdesk.__version__}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("zoomdesk/_internal/resources/zoomdesk.desktop")
        assert member is not None
        assert member.read() == DESKTOP.read_bytes()
