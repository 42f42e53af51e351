"""A user's plug-in, as docs/tasks.md writes one: a task family (the docs' own example), a
policy and an algorithm named `module:Name` in a run config. It notes the id of every process
that imports it in the file $PLUGIN_LOG (the tests' evidence that workers imported it)."""

import os

from android_gym.families import Family, navigation, register
from android_gym.families.frames import Frame
from android_gym.families.pools import Pool

PAGES = Pool("page", {"battery": ("battery usage",), "display": ()}, closed=True)


class SettingsPage(Family):
    name = "settings_page"
    app = "Settings"

    def frames(self):
        return (
            Frame.declare(
                "settings_page",
                "open",
                cues=["open|show|go to"],
                slots={"page": PAGES},
                words=["settings|setting|page|menu"],
            ),
        )

    def params(self, reading):
        return {"page": reading.params["page"]}

    def sample(self, rng, split):
        return "Open battery settings", {"page": "battery"}

    def success(self, params, state, start):
        return state.package == "com.android.settings"

    def oracle(self, params, elements, screen_size):
        return navigation.open_app("Settings", elements, screen_size)


register(SettingsPage())


def pointer_policy(params, *, seed, device):
    """policy.kind: settings_page_plugin:pointer_policy (a PointerPolicy of `params`)."""
    from distrl_agent.policies.pointer import PointerConfig, PointerPolicy

    return PointerPolicy(PointerConfig(**params), seed=seed).to(device)


def filtered_bc(policy, config, device):
    """algorithm.name: settings_page_plugin:filtered_bc."""
    from distrl_agent.algorithms.filtered_bc import FilteredBC

    return FilteredBC(policy, lr=float(config.algorithm.params.get("lr", 1e-3)))


if "PLUGIN_LOG" in os.environ:
    with open(os.environ["PLUGIN_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
