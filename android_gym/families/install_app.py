"""Installing an app from the Play Store: "Install the Pandora app", "Get Spotify from the Play
Store", "Download the Uber app".

Success is judged from what a real device reports too:
- installed packages: `DeviceState.packages` (`adb shell pm list packages`): the asked app is
  installed and no other app was installed since the task began;
- foreground package: `DeviceState.package` (`dumpsys activity activities`): the Play Store;
- the UI hierarchy (`uiautomator dump`), as the Play Store's facts: the app page's title
  (`title`) is the asked app and its Open button shows, enabled (`button` == "Open"; while the
  download runs the page shows Cancel and a disabled Open: not yet a success).
An app that comes with the phone ("the Google app") is installed already: its page showing Open
is a success. App names resolve through the `store_apps` pool ("the News app" is Google News,
"the Weather app" The Weather Channel, "the Amazon app" Amazon Shopping).
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content.store_listings import listings
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.families.text import normalize
from android_gym.packages import PLAY_STORE
from android_gym.ui import UIElement, find

APPS = pools()["store_apps"]
PACKAGES = {a.label: a.package for a in listings().values()}
"""Store name of each app -> its package."""
_WORDS = [
    "app|apps|application|the app|play store|google play|google play store|the store|store",
    "from|on|onto|to|in|with|using|my phone|phone|my device|device|for me|me|new|latest",
    "open|and|then|go to",
]
FRAMES = (
    Frame.declare(
        "install_app", "install", cues=["install|reinstall"], slots={"app": APPS}, words=_WORDS
    ),
    # "download" and a store app's name, nothing else ("download Candy Crush"): "download
    # photos from my phone" or "download maps for offline use" ask for content, not the app
    Frame.declare(
        "install_app",
        "install",
        cues=["download|redownload"],
        slots={"app": APPS},
        words=["the|app|application|game|now"],
        bare=True,
    ),
    Frame.declare(
        "install_app",
        "install",
        cues=["get|download", "app|application|play store|google play"],
        slots={"app": APPS},
        words=_WORDS,
    ),
)
_SAMPLES = (
    "Install the {app} app",
    "Install {app}",
    "Get {app} from the Play Store",
    "Download the {app} app",
    "Download {app} from Google Play",
    "Install {app} on my phone",
    "Open the Play Store and install {app}",
)


class InstallApp(Family):
    name = "install_app"
    description = "Install an app from the Play Store (done when its page shows Open)."
    app = "Play Store"

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {"app": reading.params["app"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        choices = APPS.split(split)
        app = choices[int(rng.integers(len(choices)))]
        name = APPS.name_for(app, rng)
        template = _SAMPLES[int(rng.integers(len(_SAMPLES)))]
        return template.format(app=name), {"app": app}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        package = PACKAGES[params["app"]]
        page = state.app_facts(PLAY_STORE)
        added = set(state.packages) - set(start.packages)
        return (
            state.package == PLAY_STORE
            and page.get("title") == params["app"]
            and page.get("button") == "Open"
            and package in state.packages
            and added <= {package}
        )

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        """Open the Play Store, search the app's name, tap its suggestion (or its result),
        Install, then watch the download's progress (a tap on the progress text, which the
        screen answers by moving on) until Open shows."""
        label = params["app"]
        store = [e for e in elements if e.package == PLAY_STORE]
        if not store:
            return navigation.open_app("Play Store", elements, screen_size)

        def tap_first(found: list[UIElement]) -> Action | None:
            return navigation.tap(found[0], screen_size) if found else None

        title = find(store, resource_id="title")
        if title and title[0].text == label:
            step = tap_first(find(store, resource_id="install_button", clickable=True))
            step = step or tap_first(find(store, resource_id="download_progress"))
            return step or Action.key(ActionType.STATUS_TASK_COMPLETE)
        field = navigation.focused_field(store)
        if field is not None:
            if normalize(field.text) == normalize(label):
                rows = find(store, resource_id="suggestion_app", content_desc=label)
                return tap_first(rows) or Action.key(ActionType.PRESS_ENTER)
            return navigation.type_into(field, label, store, screen_size)
        if find(store, resource_id="search_results"):
            step = tap_first(find(store, resource_id="app_row", content_desc=label))
            if step:
                return step
        bar = find(store, resource_id="search_bar", clickable=True)
        bar = bar or find(store, content_desc="Search", clickable=True)
        return tap_first(bar) or Action.key(ActionType.PRESS_BACK)
