"""Where `android_gym.wrappers` comes from in a source checkout.

The wrappers and the adapters to other RL libraries live in the repository's top-level
`wrappers/` folder, beside `android_gym/` and `distrl_agent/`. The wheel installs that folder as
`android_gym/wrappers/` (pyproject.toml, `force-include`), so an installed package imports it as
any subpackage. A source checkout and an editable install (`pip install -e .`, which puts the
repository on `sys.path`) have no `android_gym/wrappers/`: there `install()` adds a finder that
imports `android_gym.wrappers` from `../wrappers/`. It answers for that one name only; its
submodules follow from the package's `__path__` as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_WRAPPERS = PACKAGE_DIR.parent / "wrappers"
NAME = "android_gym.wrappers"


class WrappersFinder(importlib.abc.MetaPathFinder):
    """Finds `android_gym.wrappers` in the checkout's top-level `wrappers/` folder."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != NAME:
            return None
        return importlib.util.spec_from_file_location(
            NAME, SOURCE_WRAPPERS / "__init__.py", submodule_search_locations=[str(SOURCE_WRAPPERS)]
        )


def install() -> None:
    """Add the finder when this is a source checkout (no `wrappers/` inside the package)."""
    if (PACKAGE_DIR / "wrappers").is_dir() or not (SOURCE_WRAPPERS / "__init__.py").is_file():
        return
    if not any(isinstance(finder, WrappersFinder) for finder in sys.meta_path):
        sys.meta_path.append(WrappersFinder())
