"""`read_state` against the simulated phone's own state.

The oracle plays every task of the General and Web Shopping test suites on the simulated phone;
at every step (and at the start) each task's family judges success twice: with the phone's
`state()` and with `read_state(device.ui_xml(), device.shell)`, the state any adb device would
give. The two judgements must agree, except for the families listed in `INEXACT` (a real
device does not show what they judge: there the read state must never claim a success the phone
denies, and the list must stay true: each does disagree somewhere). The facts the families read
are compared one by one wherever the reader gives them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import gymnasium as gym
import pytest

import android_gym  # noqa: F401
from android_gym import families
from android_gym.agents import OracleAgent
from android_gym.devices.base import DeviceState
from android_gym.devices.observed import read_state
from android_gym.devices.observed.calendar_app import view_range
from android_gym.devices.observed.commands import (
    COMMAND,
    alarm_times,
    blocked,
    resumed,
    sections,
)
from android_gym.devices.sim import SimDevice
from android_gym.errors import DeviceError
from android_gym.packages import (
    ANDROID,
    CALENDAR,
    CHROME,
    CLOCK,
    GMAIL,
    MAPS,
    PLAY_STORE,
    REDDIT,
    SETTINGS,
    SYSTEM_UI,
    YOUTUBE,
)
from android_gym.tasks import Task
from android_gym.toggles import BY_NAME

ENVS = {"general": "AndroidGeneral-v0", "web_shopping": "AndroidWebShopping-v0"}
_CART = (
    "the cart lives in the store's cookies (Chrome's site data), which no screen shows at the start"
)
INEXACT = {
    "chrome_ui": "which tab is new (tab ids) and the window count are not on a real screen",
    "web_shopping:add_first": _CART,
    "web_shopping:remove": _CART,
    "web_shopping:clear_cart": _CART,
}
"""Families (or family:intent) that a real device's state cannot judge exactly, and why."""
FACTS_READ = {
    CHROME: ("overlay", "current_incognito"),
    CALENDAR: ("screen", "view", "start", "end", "drawer", "today"),
    GMAIL: ("screen", "label", "subjects", "message", "drawer"),
    PLAY_STORE: ("page", "title", "button"),
    MAPS: ("screen", "query", "place", "mode", "clock", "date"),
    REDDIT: ("screen", "dialog", "sort", "period", "feed", "post_title", "query"),
    SETTINGS: ("app",),
    YOUTUBE: ("title", "channel", "artist_channel", "playing"),
    ANDROID: (*BY_NAME, "blocked"),
    SYSTEM_UI: ("shade",),
}
"""Per package, the facts that families read and the reader gives where the screen shows them."""


@dataclass
class Tally:
    """What a run of episodes found."""

    tasks: int = 0
    steps: int = 0
    disagree: Counter = field(default_factory=Counter)
    """Judgement disagreements by family (or family:intent)."""
    false_success: list[str] = field(default_factory=list)
    compared: Counter = field(default_factory=Counter)
    """Facts compared, by package (and "device" for package, activity, URL, packages)."""
    wrong_facts: list[str] = field(default_factory=list)


def kind(task: Task) -> str:
    intent = task.params.get("intent", "")
    return f"{task.family}:{intent}" if f"{task.family}:{intent}" in INEXACT else task.family


def _url(url: str | None) -> str | None:
    """A URL as the omnibox shows it: without its scheme or a trailing slash."""
    return url.split("://", 1)[-1].rstrip("/") if url is not None else None


def compare_facts(sim: DeviceState, read: DeviceState, tally: Tally, where: str) -> None:
    device = {
        "package": (sim.package, read.package),
        "activity": (sim.activity, read.activity),
        "packages": (tuple(sim.packages), tuple(read.packages)),
        "url": (_url(sim.url), _url(read.url)),
    }
    for name, (want, got) in device.items():
        tally.compared["device"] += 1
        if want != got:
            tally.wrong_facts.append(f"{where}: {name} {got!r}, phone says {want!r}")
    for package, keys in FACTS_READ.items():
        want, got = sim.app_facts(package), read.app_facts(package)
        for key in (k for k in keys if k in got):
            tally.compared[package] += 1
            if got[key] != want.get(key):
                tally.wrong_facts.append(
                    f"{where}: {package} {key} {got[key]!r} != {want.get(key)!r}"
                )
    if YOUTUBE in read.facts:
        tally.compared[YOUTUBE] += 1
        if (read.facts[YOUTUBE]["screen"] == "watch") != (
            sim.app_facts(YOUTUBE)["screen"] == "watch"
        ):
            tally.wrong_facts.append(f"{where}: YouTube's watch page seen wrong")
    if CLOCK in read.facts:
        tally.compared[CLOCK] += 1
        want_on = [(t, d) for t, d, on in sim.app_facts(CLOCK)["alarms"] if on]
        got_on = [(t, d) for t, d, on in read.facts[CLOCK]["alarms"] if on]
        times_differ = Counter(t for t, _ in want_on) != Counter(t for t, _ in got_on)
        if times_differ or not {a for a in got_on if a[1] is not None} <= set(want_on):
            tally.wrong_facts.append(f"{where}: alarms {got_on} vs {want_on}")


def run(suite: str, pick: Iterable[int] | None = None) -> Tally:
    """Plays the oracle on the tasks `pick` (all when None) of `suite`'s test split, comparing
    the two judgements and the facts at every step."""
    env = gym.make(ENVS[suite], split="test")
    device = env.unwrapped.device
    tasks = env.unwrapped.tasks
    tally = Tally()
    for index in range(len(tasks)) if pick is None else pick:
        task, family = tasks[index], families.get(tasks[index].family)
        obs, info = env.reset(seed=index, options={"task_index": index})
        sim_start, read_start = device.state(), read_state(device.ui_xml(), device.shell)
        agent, step, done = OracleAgent(), 0, False
        tally.tasks += 1
        while True:
            sim, read = device.state(), read_state(device.ui_xml(), device.shell)
            where = f"{suite} task {index} ({task.instruction!r}) step {step}"
            judged = family.success(task.params, sim, sim_start)
            read_judged = family.success(task.params, read, read_start)
            tally.steps += 1
            if judged != read_judged:
                tally.disagree[kind(task)] += 1
                if read_judged:
                    tally.false_success.append(where)
            compare_facts(sim, read, tally, where)
            if done:
                break
            obs, _, terminated, truncated, info = env.step(agent.act(obs, info))
            done, step = terminated or truncated, step + 1
    env.close()
    return tally


def check(tally: Tally, complete: bool) -> None:
    assert not tally.wrong_facts, "\n".join(tally.wrong_facts[:20])
    assert not tally.false_success, "\n".join(tally.false_success[:20])
    unexpected = {k: n for k, n in tally.disagree.items() if k not in INEXACT}
    assert not unexpected, f"judgements disagree on {unexpected}"
    if complete:
        stale = {k for k in INEXACT if tally.disagree[k] == 0}
        assert not stale, f"listed as inexact but always agreed: {stale}; drop them from the list"


def one_per_kind(suite: str) -> list[int]:
    """The first task of each family (and intent) of `suite`'s test split."""
    firsts: dict[str, int] = {}
    for index, task in enumerate(gym.make(ENVS[suite], split="test").unwrapped.tasks):
        firsts.setdefault(f"{task.family}:{task.params.get('intent', '')}", index)
    return sorted(firsts.values())


def test_judgements_agree_on_one_task_of_each_kind() -> None:
    for suite in ENVS:
        tally = run(suite, one_per_kind(suite))
        check(tally, complete=False)
        assert tally.compared["device"] == 4 * tally.steps


@pytest.mark.slow
def test_judgements_and_facts_agree_at_every_step_of_both_test_suites() -> None:
    tallies = {suite: run(suite) for suite in ENVS}
    total = Tally()
    for tally in tallies.values():
        total.steps += tally.steps
        total.disagree.update(tally.disagree)
        total.false_success += tally.false_success
        total.compared.update(tally.compared)
        total.wrong_facts += tally.wrong_facts
    check(total, complete=True)
    assert tallies["general"].tasks == 128 and tallies["web_shopping"].tasks == 128
    unread = [p for p in (*FACTS_READ, CLOCK) if total.compared[p] == 0]
    assert not unread, f"no fact of {unread} was ever read"


# -- one state read ----------------------------------------------------------------------------


def test_a_state_read_runs_one_shell_command() -> None:
    device = SimDevice()
    device.reset(3)
    calls: list[str] = []

    def shell(command: str) -> str:
        calls.append(command)
        return device.shell(command)

    state = read_state(device.ui_xml(), shell)
    assert calls == [COMMAND]
    assert state.package == device.state().package
    assert state.packages == device.state().packages


def test_the_url_is_read_from_the_omnibox() -> None:
    device = SimDevice()
    device.reset(0)
    device.open_url("https://www.google.com/search?q=weather+paris")
    assert read_state(device.ui_xml(), device.shell).url == device.state().url
    device.open_url("chrome://newtab/")
    assert read_state(device.ui_xml(), device.shell).url == "chrome://newtab/"


def test_a_broken_dump_is_a_device_error() -> None:
    device = SimDevice()
    with pytest.raises(DeviceError):
        read_state("<hierarchy><node", device.shell)


# -- what real devices print -------------------------------------------------------------------

ANDROID_14_ACTIVITIES = (Path(__file__).parent / "dumpsys_activity_android14.txt").read_text()
"""`dumpsys activity activities | grep -E 'ResumedActivity|Hist|intent='` on an Android 14
phone with App info in front."""


def test_the_resumed_activity_and_its_intent_data_are_read_from_dumpsys() -> None:
    assert resumed(ANDROID_14_ACTIVITIES) == (
        "com.android.settings",
        ".applications.InstalledAppDetails",
        "com.espn.score_center",
    )
    older = (
        "  mResumedActivity: ActivityRecord{7c8e6b5 u0 "
        "com.android.chrome/org.chromium.chrome.browser.ChromeTabbedActivity t12}"
    )
    assert resumed(older) == (
        "com.android.chrome",
        "org.chromium.chrome.browser.ChromeTabbedActivity",
        "",
    )
    assert resumed("nothing resumed") == ("", "", "")


def test_only_the_clocks_alarms_are_read_from_dumpsys_alarm() -> None:
    dump = """\
    RTC_WAKEUP #2: Alarm{c1d2e3f type 0 origWhen 1717300000000 com.google.android.gms}
      type=RTC_WAKEUP origWhen=2024-06-02 03:00:00.000 window=0 repeatInterval=0
    RTC_WAKEUP #1: Alarm{0a1b2c3 type 0 com.google.android.deskclock}
      type=RTC_WAKEUP origWhen=2024-06-03 06:15:00.000 window=0 repeatInterval=0
    ELAPSED #0: Alarm{9f8e7d6 type 3 com.google.android.deskclock}
      type=ELAPSED origWhen=+1h2m window=+15m
"""
    assert alarm_times(dump) == ("06:15",)


def test_blocked_packages_and_sections_are_parsed() -> None:
    assert blocked("No operations.\n") == ()
    assert blocked("com.zhiliaoapp.musically\ncom.espn.score_center\n") == (
        "com.espn.score_center",
        "com.zhiliaoapp.musically",
    )
    assert sections("@@a\n1\n2\n@@b\n@@c\nx") == {"a": "1\n2", "b": "", "c": "x"}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Month view, February 2028", ("month", "2028-02-01", "2028-02-29")),
        ("Day view, Sunday, Jun 2, 2024", ("day", "2024-06-02", "2024-06-02")),
        ("Week view, Jun 2 – 8, 2024", ("week", "2024-06-02", "2024-06-08")),
        ("Week view, Dec 29 – Jan 4, 2025", ("week", "2024-12-29", "2025-01-04")),
        ("Schedule view, Dec 11 – Jan 25, 2028", ("schedule", "2027-12-11", "2028-01-25")),
    ],
)
def test_calendar_view_labels(label: str, expected: tuple[str, str, str]) -> None:
    view, first, last = view_range(label) or ("", None, None)
    assert (view, str(first), str(last)) == expected


def test_an_unknown_calendar_label_is_no_range() -> None:
    assert view_range("Year view, 2024") is None
    assert view_range("Week view, soon") is None


def test_the_date_section_reads_the_device_clock() -> None:
    device = SimDevice()
    device.reset(5)
    now = datetime.fromisoformat(sections(device.shell(COMMAND))["date"].strip())
    assert f"{(now.hour - 1) % 12 + 1}:{now.minute:02d}" == device.phone.clock
