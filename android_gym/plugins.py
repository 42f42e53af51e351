"""Plug-ins: user modules that every process of a run imports before it builds anything.

A plug-in is a Python module that registers what it brings when it is imported: task families
(`android_gym.families.register`), parameter pools (`android_gym.families.pools.add_pools`),
or classes that configs name as `module:Name` (devices, `distrl` policies and algorithms).
Importing it in your own script is enough in-process; a `distrl` run imports it in the driver,
the learner and every worker (local processes and Ray actors alike) when it lists it:

    plugins: [my_tasks, ./plugins/my_family.py]   # a module name, or the path of a .py file

Installed packages can also declare an entry point in the group `android_gym.plugins`
(`[project.entry-points."android_gym.plugins"] my_tasks = "my_tasks"`); those load wherever
`load_plugins` runs, without being listed. See docs/tasks.md, "Plug-ins".
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

ENTRY_POINT_GROUP = "android_gym.plugins"


class PluginError(ImportError):
    """A plug-in or a `module:Name` reference could not be imported."""


def is_path(name: str) -> bool:
    """Whether a plug-in entry names a file (`x.py`, `dir/x.py`) rather than a module."""
    return name.endswith(".py") or "/" in name or "\\" in name


def absolute(name: str, base: str | Path = ".") -> str:
    """A plug-in entry as every process can find it: file paths made absolute (against
    `base`), module names unchanged."""
    return str((Path(base) / name).resolve()) if is_path(name) else name


def load_plugins(names: Iterable[str] = ()) -> list[ModuleType]:
    """Imports the installed entry-point plug-ins and the modules or files `names` (each only
    once per process); returns the modules of `names`."""
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.value not in sys.modules:
            try:
                entry.load()
            except Exception as exc:
                raise PluginError(f"plug-in entry point {entry.name!r}: {exc}") from exc
    return [_load(name) for name in names]


def _load(name: str) -> ModuleType:
    if not is_path(name):
        try:
            return importlib.import_module(name)
        except ImportError as exc:
            raise PluginError(
                f"plug-in {name!r} cannot be imported ({exc}); a plug-in is a module on the "
                "Python path of every process of the run, or the path of a .py file"
            ) from exc
    path = Path(name).resolve()
    module_name = path.stem
    loaded = sys.modules.get(module_name)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve() == path:
        return loaded
    if not path.is_file():
        raise PluginError(f"plug-in file {name!r} does not exist")
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # `module_name:Name` references find it
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def resolve(reference: str) -> Any:
    """The object `module:Name` names (`Name` may be dotted: `module:Class.factory`)."""
    module_name, sep, attribute = reference.partition(":")
    if not sep or not module_name or not attribute:
        raise PluginError(f"{reference!r} is not of the form module:Name")
    try:
        obj: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise PluginError(
            f"{reference!r}: module {module_name!r} cannot be imported ({exc})"
        ) from None
    for part in attribute.split("."):
        if not hasattr(obj, part):
            raise PluginError(f"{reference!r}: {module_name!r} has no attribute {attribute!r}")
        obj = getattr(obj, part)
    return obj


def is_reference(name: str) -> bool:
    """Whether a config value is a `module:Name` reference rather than a built-in name."""
    return ":" in name and not name.startswith("adb:")
