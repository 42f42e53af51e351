"""Run configuration: YAML files under configs/ with dotted command-line overrides.

A `RunConfig` says everything a `distrl train` run does: the environment and its latency
model, the policy, the behaviour-cloning warm start, the update algorithm, the replay, the
runtime (backend, schedule, workers, fault tolerance) and the evaluation. Every section is a
dataclass; `load_config(path, overrides)` reads YAML, applies `section.key=value` overrides
(values parsed as YAML) and validates, naming the offending key and what is accepted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from android_gym import plugins
from distrl_agent.algorithms.aride import ARIDEConfig
from distrl_agent.algorithms.digirl import DigiRLConfig
from distrl_agent.algorithms.digirl_batch import BatchDigiRLConfig

ALGORITHMS = ("aride", "digirl", "digirl_batch", "filtered_bc")
BACKENDS = ("local", "ray")
MODES = ("async", "sync", "lockstep")
"""async: DistRL. sync: rounds with a barrier between collection and training. lockstep:
sync rounds whose environments also step together, as DigiRL's collection loop does."""
POLICIES = ("pointer", "vlm")
"""Built-in names; `algorithm.name` and `policy.kind` also take a `module:Name` reference
(docs/agent.md, "Your own policy or algorithm")."""
UPDATE_CONFIGS: dict[str, type] = {
    "aride": ARIDEConfig,
    "digirl": DigiRLConfig,
    "digirl_batch": BatchDigiRLConfig,
}
"""The parameter dataclass of each algorithm with critics (filtered BC takes only `lr`)."""
ANCHOR_SOURCES = ("demonstrations", "solved")
"""What `pretrain.anchor` can clone (`PretrainConfig.anchor_source`)."""


class ConfigError(ValueError):
    """A configuration value is missing, unknown or out of range."""


@dataclass
class EnvConfig:
    """The environment every worker builds (`gym.make("Android<Suite>-v0", ...)`)."""

    suite: str = "general"
    id: str | None = None
    """The registered environment id (None: the suite's own, e.g. AndroidWebShopping-v0 for
    web_shopping, else AndroidGeneral-v0); a user's `gym.register`ed id works too."""
    device: str = "sim"
    """The device of every environment that `devices` / `eval_devices` give no phone: "sim",
    or a user's device class as `module:Name` (built with `device_options`). One adb phone
    cannot serve several environments: list phones in `devices` instead."""
    train_split: str = "train"
    obs_size: tuple[int, int] | None = (64, 32)
    render_scale: float = 0.5
    max_steps: int | None = None
    task_file: str | None = None
    devices: list[str] = field(default_factory=list)
    """Phones the collecting workers drive, one per environment, never shared: worker k's slot
    s takes `devices[k * runtime.envs_per_worker + s]` ("adb:emulator-5554", "adb:HOST:PORT";
    see docs/devices.md). Empty: each environment gets its own simulated phone."""
    eval_devices: list[str] = field(default_factory=list)
    """Phones of the periodic evaluator and `distrl eval`, one per evaluation thread (`eval.envs`);
    empty: simulated phones."""
    device_options: dict[str, Any] = field(default_factory=dict)
    """Options of the adb backend for those phones (`AndroidEnv(device_options=...)`: driver,
    settle, screenshot_scale, timeout_s, snapshot, ...; docs/devices.md)."""


@dataclass
class LatencyConfig:
    """Device latency of the simulated phone (see `runtime.latency`): a preset, a time scale
    and optional overrides of the preset's parameters."""

    preset: str = "none"
    time_scale: float = 1.0
    overrides: dict[str, float] = field(default_factory=dict)


@dataclass
class PolicyConfig:
    """Which policy, on which device; `pointer` holds `PointerConfig` fields, `vlm` holds
    `model`, `adapter`, `dtype` and `VLMConfig` fields."""

    kind: str = "pointer"
    device: str = "cpu"
    worker_device: str = "cpu"
    pointer: dict[str, Any] = field(default_factory=dict)
    vlm: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    """The settings of a `module:Name` policy (passed to it as they are)."""


@dataclass
class PretrainConfig:
    """Behaviour cloning on OracleAgent demonstrations with action noise (AutoUI-SFT analogue).

    Each demonstration step takes a RandomAgent action with probability `noise`; `demos: 0`
    skips the warm start (or `from_checkpoint` loads a policy instead).
    """

    demos: int = 0
    noise: float = 0.3
    epochs: int = 20
    batch_size: int = 16
    lr: float = 1e-3
    from_checkpoint: str | None = None
    anchor: float = 0.0
    """> 0: keep cloning the demonstrations during RL, this weight times their negative
    log-likelihood added to every update's policy loss (DAPG; `algorithms.anchor`)."""
    anchor_batch: int = 4
    """Demonstration trajectories the anchor draws per update."""
    anchor_source: str = "demonstrations"
    """What the anchor clones: `demonstrations` (the noisy oracle episodes the warm start
    cloned) or `solved` (the warm-started policy's own successful greedy episodes, one per train
    task it solves: what RL must not unlearn)."""
    anchor_gated: bool = False
    """Clone each demonstration only as far as RL's policy falls short of it, max(0, r -
    V_traj(instruction)) by the trajectory critic (self-imitation's gate; `algorithms.anchor`).
    Needs an algorithm with a trajectory critic (aride, digirl, digirl_batch)."""


@dataclass
class AlgorithmConfig:
    """The learner's update: `aride` (DistRL), `digirl` (as DigiRL's code trains),
    `digirl_batch` (the looser variant measured before) or `filtered_bc`, with its parameters
    (fields of `ARIDEConfig` / `DigiRLConfig` / `BatchDigiRLConfig`; `lr` for filtered BC)."""

    name: str = "aride"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReplayConfig:
    """Prioritized replay (alpha 0 samples uniformly, as DigiRL's buffer does)."""

    capacity: int = 20_000
    alpha: float = 0.5
    beta: float = 0.4


@dataclass
class RuntimeConfig:
    """How collection and training are scheduled and supervised."""

    backend: str = "local"
    mode: str = "async"
    workers: int = 2
    envs_per_worker: int = 1
    duration_s: float = 300.0
    max_updates: int | None = None
    batch_size: int = 16
    micro_batch: int | None = None
    """The most steps the learner's policy evaluates in one forward pass with gradient; the
    update accumulates gradients over them (None: the whole batch at once)."""
    min_replay: int = 16
    updates_per_trajectory: float = 0.5
    sync_episodes_per_worker: int = 4
    publish_every: int = 1
    learner_threads: int = 1
    worker_threads: int = 1
    watchdog_timeout_s: float = 60.0
    startup_timeout_s: float = 180.0
    max_start_failures: int = 5
    checkpoint_every_s: float = 60.0
    keep_checkpoints: int = 2
    metrics_every_s: float = 5.0
    weights_dir: str | None = None


@dataclass
class EvalConfig:
    """Greedy evaluation on a split: before and after RL (`tasks` of them, None: all) and
    periodically during training (`periodic_tasks` every `every_s`, 0 disables, on `envs`
    devices side by side). Each is a results directory under RUN_DIR/evaluations/; `record`
    keeps the before/after episodes' recordings there (PNG frames; periodic ones never)."""

    split: str = "test"
    tasks: int | None = None
    every_s: float = 60.0
    periodic_tasks: int = 32
    envs: int = 4
    seed: int = 10_000
    record: bool = True


@dataclass
class RayConfig:
    """Ray placement: `address` joins a cluster ("auto" or host:port; None starts a local one).
    The learner asks for `learner_gpus` GPUs and `learner_resources`; each worker for
    `worker_cpus` CPUs, `worker_gpus` GPUs and `worker_resources` (e.g. {"emulator": 1}).
    The collecting workers follow the cluster: `runtime.workers` start, the set grows into
    nodes that join, up to `max_workers` (async mode; None: `runtime.workers`), and a worker
    lost with its node that no live node has room for is retired (docs/distributed.md)."""

    address: str | None = None
    learner_gpus: float = 0.0
    learner_resources: dict[str, float] = field(default_factory=dict)
    worker_cpus: float = 1.0
    worker_gpus: float = 0.0
    worker_resources: dict[str, float] = field(default_factory=dict)
    max_workers: int | None = None

    def worker_pool(self, workers: int) -> int:
        """How many collecting workers a run may have at once."""
        return max(workers, self.max_workers or 0)


@dataclass
class RunConfig:
    """One training run (or one per seed in `seeds`)."""

    name: str = "run"
    seed: int = 0
    seeds: list[int] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    """Modules (or .py files) the driver, the learner and every worker import before they
    build anything (android_gym.plugins)."""
    env: EnvConfig = field(default_factory=EnvConfig)
    latency: LatencyConfig = field(default_factory=LatencyConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    pretrain: PretrainConfig = field(default_factory=PretrainConfig)
    algorithm: AlgorithmConfig = field(default_factory=AlgorithmConfig)
    replay: ReplayConfig = field(default_factory=ReplayConfig)
    runtime: RuntimeConfig = field(default_factory=RuntimeConfig)
    eval: EvalConfig = field(default_factory=EvalConfig)
    ray: RayConfig = field(default_factory=RayConfig)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists for tuples), as written to a run's config.yaml."""
        return _plain(dataclasses.asdict(self))

    def with_seed(self, seed: int) -> RunConfig:
        """A copy for one seed of a multi-seed protocol."""
        return dataclasses.replace(self, seed=seed, seeds=[])


def configs_dir() -> Path:
    """The shipped run configs: inside the installed package (the wheel's
    `distrl_agent/configs`), else the source checkout's `configs/`."""
    package = Path(__file__).resolve().parent
    installed = package / "configs"
    return installed if installed.is_dir() else package.parent / "configs"


def shipped_config(name: str) -> Path:
    """The path of a shipped config by name ("quickstart", "smoke", "paper", ...)."""
    return configs_dir() / f"{name}.yaml"


def config_file(path: str | Path) -> Path:
    """`path`, or the shipped config it names when no such file exists (so `--config smoke`
    and `--config configs/smoke.yaml` work from a wheel install too)."""
    given = Path(path)
    if given.is_file():
        return given
    shipped = sorted(p.stem for p in configs_dir().glob("*.yaml"))
    for name in (str(path), given.stem if given.parent.name == "configs" else ""):
        if name in shipped:
            return shipped_config(name)
    raise ConfigError(
        f"config file {path} does not exist; give a YAML file or a shipped config: "
        f"{', '.join(shipped)}"
    )


def load_config(path: str | Path | None = None, overrides: list[str] | None = None) -> RunConfig:
    """Reads a YAML config (a path or a shipped config's name; None: the defaults), applies
    `key.sub=value` overrides, validates."""
    data: dict[str, Any] = {}
    if path is not None:
        path = config_file(path)
        text = path.read_text(encoding="utf-8")
        loaded = yaml.safe_load(text) or {}
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: a config is a mapping of sections, got {type(loaded)}")
        data = loaded
    for override in overrides or []:
        apply_override(data, override)
    config = from_dict(RunConfig, data, "")
    config.plugins = [plugins.absolute(name) for name in config.plugins]  # for every process
    return checked(config)


def config_from_dict(data: dict[str, Any]) -> RunConfig:
    """A validated config from plain data (what a worker's spec carries), after importing its
    plug-ins: every process of a run builds its config here or in `load_config`."""
    return checked(from_dict(RunConfig, data, ""))


def checked(config: RunConfig) -> RunConfig:
    """`config` after importing its plug-ins (which may register what it names) and
    validating it."""
    try:
        plugins.load_plugins(config.plugins)
    except plugins.PluginError as exc:
        raise ConfigError(f"plugins: {exc}") from None
    validate(config)
    return config


def apply_override(data: dict[str, Any], override: str) -> None:
    """Sets `a.b.c=value` in nested `data` (the value is parsed as YAML: 3, 0.5, true, [1, 2])."""
    key, sep, raw = override.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"override {override!r} must look like section.key=value")
    parts = key.strip().split(".")
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"override {override!r}: {part!r} is not a section")
        node = child
    value = yaml.safe_load(raw)
    if isinstance(value, str):  # YAML 1.1 reads 3e-4 (no dot) as a string
        with contextlib.suppress(ValueError):
            value = float(value)
    node[parts[-1]] = value


def from_dict(cls: type, data: Any, where: str) -> Any:
    """Builds dataclass `cls` from a mapping, checking keys and coercing simple types."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where or 'config'} must be a mapping, got {data!r}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ConfigError(
            f"unknown key(s) {unknown} in {where or 'config'}; accepted: {', '.join(names)}"
        )
    values = {}
    for name in names:
        if name in data:
            values[name] = _coerce(hints[name], data[name], f"{where}{name}")
    return cls(**values)


def _coerce(hint: Any, value: Any, where: str) -> Any:
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value, where + ".")
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value, where)
    if origin is tuple:
        if not isinstance(value, (list, tuple)) or len(value) != len(args):
            raise ConfigError(f"{where} must be a list of {len(args)} values, got {value!r}")
        return tuple(_coerce(a, v, where) for a, v in zip(args, value, strict=True))
    if origin is list:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where} must be a list, got {value!r}")
        return [_coerce(args[0], v, where) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a mapping, got {value!r}")
        return dict(value)
    if hint is float:
        return _number(value, where)
    if hint is bool and not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false, got {value!r}")
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where} must be an integer, got {value!r}")
    if hint is str and not isinstance(value, str):
        raise ConfigError(f"{where} must be a string, got {value!r}")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{where} must be a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{where} must be a number, got {value!r}") from None
    if math.isnan(number):  # NaN passes every comparison check, so it stops here
        raise ConfigError(f"{where} must be a number, got {value!r}")
    return number


def _device_lists(config: RunConfig) -> None:
    """Enough distinct phones for every environment that is given real ones."""
    rt, env = config.runtime, config.env
    for key, devices, needed in (
        ("env.devices", env.devices, config.ray.worker_pool(rt.workers) * rt.envs_per_worker),
        ("env.eval_devices", env.eval_devices, config.eval.envs),
    ):
        if not devices:
            continue
        if len(set(devices)) != len(devices):
            raise ConfigError(f"{key} names a device twice; each environment needs its own")
        if len(devices) < needed:
            raise ConfigError(
                f"{key} lists {len(devices)} devices but {needed} environments need one each"
            )


def validate(config: RunConfig) -> None:
    """Cross-field checks; raises `ConfigError` naming the key and the accepted values."""
    from distrl_agent.runtime.latency import PRESETS

    rt, ev = config.runtime, config.eval
    _choice("algorithm.name", config.algorithm.name, ALGORITHMS, references=True)
    _check_env(config.env)
    _choice("runtime.backend", rt.backend, BACKENDS)
    _choice("runtime.mode", rt.mode, MODES)
    if rt.mode == "lockstep" and rt.sync_episodes_per_worker % rt.envs_per_worker:
        raise ConfigError(
            "runtime.mode=lockstep plays episodes in batches of runtime.envs_per_worker, so "
            f"runtime.sync_episodes_per_worker ({rt.sync_episodes_per_worker}) must be a "
            f"multiple of it ({rt.envs_per_worker})"
        )
    _choice("policy.kind", config.policy.kind, POLICIES, references=True)
    _choice("latency.preset", config.latency.preset, tuple(PRESETS))
    _choice("eval.split", ev.split, ("train", "test"))
    positive = {
        "runtime.workers": rt.workers,
        "runtime.envs_per_worker": rt.envs_per_worker,
        "runtime.batch_size": rt.batch_size,
        "runtime.sync_episodes_per_worker": rt.sync_episodes_per_worker,
        "runtime.publish_every": rt.publish_every,
        "runtime.learner_threads": rt.learner_threads,
        "runtime.worker_threads": rt.worker_threads,
        "runtime.keep_checkpoints": rt.keep_checkpoints,
        "runtime.max_start_failures": rt.max_start_failures,
        "eval.envs": ev.envs,
        "replay.capacity": config.replay.capacity,
        "runtime.duration_s": rt.duration_s,
        "runtime.watchdog_timeout_s": rt.watchdog_timeout_s,
        "runtime.metrics_every_s": rt.metrics_every_s,
        "runtime.startup_timeout_s": rt.startup_timeout_s,
        "latency.time_scale": config.latency.time_scale,
    }
    if rt.micro_batch is not None:
        positive["runtime.micro_batch"] = rt.micro_batch
    for key, value in positive.items():
        if not value > 0:  # NaN too
            raise ConfigError(f"{key} must be > 0, got {value}")
    _device_lists(config)
    _check_ray(config)
    if rt.updates_per_trajectory < 0 or rt.min_replay < 1:
        raise ConfigError("runtime.updates_per_trajectory must be >= 0 and min_replay >= 1")
    if not 0.0 <= config.pretrain.noise <= 1.0:
        raise ConfigError(f"pretrain.noise must be in [0, 1], got {config.pretrain.noise}")
    if config.pretrain.demos < 0:
        raise ConfigError(f"pretrain.demos must be >= 0, got {config.pretrain.demos}")
    _check_anchor(config)
    if ev.every_s < 0 or ev.periodic_tasks < 0:
        raise ConfigError("eval.every_s and eval.periodic_tasks must be >= 0")
    if plugins.is_reference(config.algorithm.name):
        pass  # its params are its own
    elif config.algorithm.name in UPDATE_CONFIGS:
        settings = UPDATE_CONFIGS[config.algorithm.name]
        from_dict(settings, config.algorithm.params, "algorithm.params.")
    elif set(config.algorithm.params) - {"lr"}:
        raise ConfigError("algorithm.params of filtered_bc accepts only: lr")
    if config.policy.kind == "vlm" and not config.policy.vlm.get("model"):
        raise ConfigError("policy.vlm.model (a hub id or local path) is required for a VLM policy")
    if config.policy.kind == "pointer":
        _check_pointer(config.policy.pointer)
    from distrl_agent.runtime.latency import profile_from_config

    profile = profile_from_config(config.latency)
    worst_step = profile.step.max_s * config.latency.time_scale
    if worst_step >= rt.watchdog_timeout_s:
        raise ConfigError(
            f"runtime.watchdog_timeout_s ({rt.watchdog_timeout_s}) must exceed the longest "
            f"device step the latency model can produce ({worst_step:.1f} s)"
        )


def _check_ray(config: RunConfig) -> None:
    ray, rt = config.ray, config.runtime
    if ray.max_workers is not None and ray.max_workers < rt.workers:
        raise ConfigError(
            f"ray.max_workers ({ray.max_workers}) must be >= runtime.workers ({rt.workers})"
        )
    if ray.worker_pool(rt.workers) > rt.workers and (rt.mode != "async" or rt.backend != "ray"):
        raise ConfigError(
            "ray.max_workers above runtime.workers needs runtime.backend=ray and runtime.mode=async"
        )
    requests = {"ray.worker_cpus": ray.worker_cpus, "ray.worker_gpus": ray.worker_gpus}
    requests.update({f"ray.worker_resources.{k}": v for k, v in ray.worker_resources.items()})
    requests["ray.learner_gpus"] = ray.learner_gpus
    requests.update({f"ray.learner_resources.{k}": v for k, v in ray.learner_resources.items()})
    for key, value in requests.items():
        if not _number(value, key) >= 0:
            raise ConfigError(f"{key} must be >= 0, got {value}")


def _check_anchor(config: RunConfig) -> None:
    pretrain = config.pretrain
    if not pretrain.anchor >= 0 or pretrain.anchor_batch < 1:  # NaN too
        raise ConfigError(
            f"pretrain.anchor must be >= 0 and anchor_batch >= 1, got {pretrain.anchor} and "
            f"{pretrain.anchor_batch}"
        )
    if pretrain.anchor > 0 and (pretrain.demos == 0 or pretrain.from_checkpoint):
        raise ConfigError(
            "pretrain.anchor needs demonstrations: set pretrain.demos > 0 (not from_checkpoint), "
            "or pretrain.anchor=0 to run without the anchor"
        )
    if pretrain.anchor_source not in ANCHOR_SOURCES:
        raise ConfigError(
            f"pretrain.anchor_source must be one of {', '.join(ANCHOR_SOURCES)}, got "
            f"{pretrain.anchor_source!r}"
        )
    if pretrain.anchor > 0 and pretrain.anchor_gated and config.algorithm.name == "filtered_bc":
        raise ConfigError(
            "pretrain.anchor_gated needs an algorithm with a trajectory critic (aride, digirl, "
            "digirl_batch), not filtered_bc"
        )


def _check_pointer(params: dict[str, Any]) -> None:
    from distrl_agent.policies.pointer import PointerConfig

    if "phrases" in params:
        raise ConfigError("policy.pointer.phrases is mined from the demonstrations; leave it out")
    from_dict(PointerConfig, params, "policy.pointer.")


def _check_env(env: EnvConfig) -> None:
    import gymnasium as gym

    from android_gym import ENVIRONMENTS
    from android_gym.devices.adb_address import is_adb_spec
    from android_gym.tasks import available_suites

    _choice("env.suite", env.suite, tuple(available_suites()))
    if env.task_file is not None and not Path(env.task_file).is_file():
        raise ConfigError(
            f"env.task_file {env.task_file} does not exist; it is an AitW list (one "
            "instruction a line) or a suite YAML"
        )
    if env.id is not None and env.id not in gym.registry:
        raise ConfigError(
            f"env.id must be a registered environment ({', '.join(ENVIRONMENTS)}, or one a "
            f"plug-in registers with gymnasium.register); got {env.id!r}"
        )
    if is_adb_spec(env.device):
        raise ConfigError(
            f"env.device={env.device!r} would be one phone for several environments; list "
            "phones in env.devices (one per collecting environment) and env.eval_devices"
        )
    _choice("env.device", env.device, ("sim",), references=True)


def _choice(key: str, value: str, accepted: tuple[str, ...], *, references: bool = False) -> None:
    """`value` is one of `accepted`, or (with `references`, where a user's class can stand
    in) a `module:Name` reference that imports."""
    if value in accepted:
        return
    if references and plugins.is_reference(value):
        try:
            plugins.resolve(value)
        except plugins.PluginError as exc:
            raise ConfigError(f"{key}: {exc}") from None
        return
    others = " (or module:Name)" if references else ""
    raise ConfigError(f"{key} must be one of {', '.join(accepted)}{others}; got {value!r}")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
