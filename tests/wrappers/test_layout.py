"""`android_gym.wrappers` lives in the top-level `wrappers/` folder: a source checkout imports it
from there, and the wheel installs it inside the package."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import android_gym.wrappers
from android_gym.wrappers import discrete

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_imports_the_top_level_folder() -> None:
    assert Path(android_gym.wrappers.__file__) == ROOT / "wrappers" / "__init__.py"
    assert Path(discrete.__file__) == ROOT / "wrappers" / "discrete.py"
    assert android_gym.wrappers.DiscreteActions.__module__ == "android_gym.wrappers.discrete"
    assert not (ROOT / "android_gym" / "wrappers").exists()


def test_wheel_installs_wrappers_inside_the_package(tmp_path: Path) -> None:
    wheel_builder = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel_builder.WheelBuilder(str(ROOT))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = zipfile.ZipFile(wheel).namelist()
    sources = sorted(p.name for p in (ROOT / "wrappers").glob("*.py"))
    installed = sorted(n.split("/")[-1] for n in names if n.startswith("android_gym/wrappers/"))
    assert installed == sources
    assert not [n for n in names if n.startswith("wrappers/")]
