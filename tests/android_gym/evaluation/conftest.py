"""The evaluation tests' helpers (`sample_agents`, `results_factory`) are importable by name:
`--agent sample_agents:FACTORY` imports them as a user's own module would be."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
