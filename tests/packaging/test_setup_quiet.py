"""scripts/setup.sh installs quietly: no setuptools "Editable installation" banner.

pip 26 passes on the warnings of the build backend, and setuptools ≥ 77 warns on
every editable install ("Please be careful with folders in your working
directory…"), which scripts/run.sh showed a newcomer on first start. The
install itself needs PyPI, so this checks the filter setup.sh gives pip against
a warning shaped like setuptools' own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BANNER = (
    "Editable installation.\n!!\n\n        ****\n        Please be careful with folders in "
    "your working directory with the same\n        name as your package as they may take "
    "precedence during imports.\n        ****\n\n!!"
)


@pytest.mark.parametrize("script", ["scripts/setup.sh", "scripts/package.sh"])
def test_the_editable_install_banner_is_silenced_and_nothing_else(script: str) -> None:
    text = (REPO / script).read_text()
    found = re.search(r'PYTHONWARNINGS="([^"]+)" \\\n\s+\.venv/bin/python -m pip install', text)
    assert found, f"{script} installs without the warning filter"
    code = (
        "import warnings\n"
        f"warnings.warn({BANNER!r}, UserWarning)\n"
        "warnings.warn('Something that matters.', UserWarning)\n"
    )
    env = {**os.environ, "PYTHONWARNINGS": found[1]}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "Editable installation" not in done.stderr
    assert "Something that matters." in done.stderr
