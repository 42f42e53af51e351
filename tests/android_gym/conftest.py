"""Set-up of the android_gym tests: `sim_driver` (drive the phone by what it shows) is
importable from every test directory below this one."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
