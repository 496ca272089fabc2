"""Guards against known defects of the Qt binding we pin.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a
reference, so every signal emitted from Python drops one reference to ``True``
and the interpreter aborts ("bool_dealloc: deallocating True or False") after a
few hundred emits. zoomdesk emits signals from Python on every background task,
so the pin in pyproject.toml must stay on a version without that defect. The
same release's ``processEvents()`` drops a reference to ``None`` per call.

The probe compares reference counts before and after many calls. A count can
move by a few for unrelated reasons (a cached object freed, a lazily created
one), so the test looks for the defect's signature, one reference lost per
call, not for an exact zero.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = 5000
# The defect loses CALLS references; unrelated noise is a handful.
NOISE = CALLS // 10

PROBE = f"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    fired = Signal(object)

app = QCoreApplication([])
emitter = Emitter()
emitter.fired.connect(lambda value: None)
before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range({CALLS}):
    emitter.fired.emit(1)
    app.processEvents()
print(sys.getrefcount(True) - before[0], sys.getrefcount(None) - before[1])
"""


def test_emitting_signals_keeps_the_interpreter_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"emitting {CALLS} signals crashed Python:\n{done.stderr[-2000:]}"
    true_delta, none_delta = map(int, done.stdout.split())
    assert true_delta > -NOISE, f"Signal.emit() dropped {-true_delta} references to True"
    assert none_delta > -NOISE, f"processEvents() dropped {-none_delta} references to None"
