"""Users extend the suite without touching the package: their own parameter pools for search
verticals, suite folders outside the package, plug-ins on the command line."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

from android_gym import families, tasks
from android_gym.__main__ import main
from android_gym.errors import InvalidChoice
from android_gym.families.pools import add_pools, pools
from android_gym.families.search import load_search_families
from android_gym.tasks import load_suite, parse_instruction

VOLCANOES = {
    "volcanoes": {
        "slot": "volcano",
        "closed": True,
        "values": {"Mount Etna": ["etna"], "Krakatoa": [], "Mauna Loa": []},
    }
}
VERTICAL = {
    "families": [
        {
            "name": "volcano_facts",
            "intents": [
                {
                    "name": "eruption",
                    "cues": ["erupt|eruption"],
                    "words": ["last|when|did"],
                    "templates": ["{volcano}"],
                    "samples": ["When did {volcano} last erupt?"],
                    "query": "{volcano} last eruption",
                    "terms": ["{volcano}", "erupt|eruption"],
                    "slots": {"volcano": "volcanoes"},
                }
            ],
        }
    ]
}
PLUGIN_FAMILY = """
from android_gym.families import Family, navigation, register

class OpenClock(Family):
    name = "my_open_clock"
    suite = "mine"
    def parse(self, instruction, known_only):
        return {} if instruction == "Show me my clock" else None
    def sample(self, rng, split):
        return "Show me my clock", {}
    def success(self, params, state, start):
        return state.package == "com.google.android.deskclock"
    def oracle(self, params, elements, screen_size):
        return navigation.open_app("Clock", elements, screen_size)

register(OpenClock())
"""


@pytest.fixture
def registry(monkeypatch):
    """Families and pools as they were after the test."""
    monkeypatch.setattr(families, "_SPECIFIC", list(families._SPECIFIC))
    monkeypatch.setattr(tasks, "_ADDED_DIRS", [])
    yield
    pools.cache_clear()


def test_a_search_vertical_with_its_own_pool_samples_and_parses(registry):
    add_pools(VOLCANOES)
    [volcanoes] = load_search_families(VERTICAL)
    families.register(volcanoes)
    instruction, params = volcanoes.sample(np.random.default_rng(0), "train")
    assert params["volcano"] in VOLCANOES["volcanoes"]["values"]
    task = parse_instruction(instruction)
    assert (task.family, task.params) == ("volcano_facts", params)
    assert parse_instruction("When did etna last erupt?").params["volcano"] == "Mount Etna"


def test_pools_load_from_a_yaml_file(registry, tmp_path):
    path = tmp_path / "pools.yaml"
    path.write_text("volcanoes:\n  slot: volcano\n  values: {Krakatoa: [], Mauna Loa: [loa]}\n")
    assert set(add_pools(path)["volcanoes"].values) == {"Krakatoa", "Mauna Loa"}
    assert "volcanoes" in pools()


def test_a_slot_naming_no_pool_says_which_and_how_to_add_one(registry):
    with pytest.raises(InvalidChoice, match=r"pool .*volcano_facts.eruption.*add_pools"):
        load_search_families(VERTICAL)


def suite_folder(root, instruction="Open the clock app"):
    (root / "mine").mkdir(parents=True)
    (root / "mine" / "train.yaml").write_text(f"tasks:\n- {instruction}\n")
    return root


def test_a_suite_folder_outside_the_package_loads_and_makes_an_env(registry, tmp_path):
    tasks.add_suites_dir(suite_folder(tmp_path))
    assert "mine" in tasks.available_suites() and "general" in tasks.available_suites()
    [task] = load_suite("mine", "train")
    assert task.family == "launch_app" and task.id == "mine/train/0000"
    env = gym.make("AndroidGeneral-v0", suite="mine", split="train")
    assert env.reset(seed=0)[1]["instruction"] == "Open the clock app"
    env.close()


def test_the_suite_folder_environment_variable_reaches_child_processes(
    registry, tmp_path, monkeypatch
):
    monkeypatch.setenv(tasks.SUITES_ENV, str(suite_folder(tmp_path)))
    assert load_suite("mine", "train")[0].instruction == "Open the clock app"


def test_make_suite_for_a_plugins_suite_and_bad_input_exit_2(registry, tmp_path, capsys):
    assert main(["make-suite", "mine", "train"]) == 2
    assert "unknown suite 'mine'; choose one of: general, web_shopping" in capsys.readouterr().err
    assert main(["coverage", str(tmp_path / "nofile.txt")]) == 2
    assert "nofile.txt does not exist" in capsys.readouterr().err
    plugin = tmp_path / "my_clock_plugin.py"
    plugin.write_text(PLUGIN_FAMILY)
    out = tmp_path / "suites" / "mine" / "train.yaml"
    out.parent.mkdir(parents=True)
    argv = ["--plugin", str(plugin), "make-suite", "mine", "train", "--count", "1", "-o", str(out)]
    assert main(argv) == 0
    tasks.add_suites_dir(out.parents[1])
    assert [t.family for t in load_suite("mine", "train")] == ["my_open_clock"]
