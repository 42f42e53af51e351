"""`android-gym evaluate`: each agent kind on the simulated phone, the results directory,
resuming, errored episodes, parallel environments and bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from android_gym.__main__ import main
from android_gym.evaluation import ResultsError, evaluate, read_results, resolve_agent
from android_gym.evaluation.results import EPISODES_FILE
from android_gym.recording import read_episode


def _lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / EPISODES_FILE).read_text().splitlines()]


def test_oracle_writes_the_results_directory(tmp_path: Path) -> None:
    out = tmp_path / "oracle"
    assert (
        main(["evaluate", "--agent", "oracle", "--tasks", "2", "--out", str(out), "--quiet"]) == 0
    )
    results = read_results(out)
    assert results["complete"] and results["agent"]["kind"] == "oracle"
    bench, proto = results["benchmark"], results["protocol"]
    assert bench["suite"] == "general" and bench["split"] == "test" and bench["tasks"] == 2
    assert len(bench["task_list_sha256"]) == 64 and bench["max_steps"] == 10
    assert proto == {"trials": 1, "seeds": [0], "greedy": True, "device": "sim"}
    m = results["metrics"]
    assert m["success_rate"] == 1.0 and m["episodes"] == 2 and m["steps_vs_oracle"] == 1.0
    assert results["software"]["packages"]["gymnasium"]
    lines = _lines(out)
    assert [r["task_index"] for r in lines] == [0, 1]
    for r in lines:
        assert r["is_successful"] and r["exception_info"] is None
        episode = read_episode(out / r["episode_dir"])
        assert episode.success and len(episode) == r["episode_length"] and episode.complete
        assert episode.instruction == r["goal"]
    rows = list(csv.DictReader((out / "per_task.csv").open()))
    assert [row["task_template"] for row in rows] == ["general/test/0000", "general/test/0001"]
    assert rows[0]["num_complete_trials"] == "1" and rows[0]["mean_success_rate"] == "1.0"


def test_text_agent_from_a_factory_counts_invalid_actions_and_trials(tmp_path: Path) -> None:
    source = resolve_agent("sample_agents:text_agent")
    results = evaluate(
        source, tmp_path / "text", tasks=2, trials=2, seeds=[3], record=False, progress=False
    )
    m = results["metrics"]
    assert m["episodes"] == 4 and m["env_steps"] == 8
    assert m["invalid_action_rate"] == 0.5  # one of each episode's two steps did not parse
    assert set(m["pass_at_k"]) == {"1", "2"}
    lines = _lines(tmp_path / "text")
    assert {(r["trial"], r["seed"]) for r in lines} == {(0, 3), (1, 3)}
    assert all(r["episode_dir"] is None and r["episode_length"] == 2 for r in lines)


def test_an_agent_that_raises_is_a_reported_failure_not_a_lost_episode(tmp_path: Path) -> None:
    out = tmp_path / "crash"
    results = evaluate(resolve_agent("sample_agents:crashing_agent"), out, tasks=3, progress=False)
    assert results["metrics"]["episodes"] == 3 and results["metrics"]["errored"] == 1
    crashed = [r for r in _lines(out) if r["exception_info"]]
    assert [r["task_index"] for r in crashed] == [1] and not crashed[0]["is_successful"]
    assert "RuntimeError: the model ran out of memory" in crashed[0]["exception_info"]
    recording = read_episode(out / crashed[0]["episode_dir"])  # kept, closed with the error
    assert recording.metadata["exception_info"] == crashed[0]["exception_info"]
    assert len(recording) == crashed[0]["episode_length"] == 0
    rows = {r["task_template"]: r for r in csv.DictReader((out / "per_task.csv").open())}
    assert rows["general/test/0001"]["num_fail_trials"] == "1"


def test_resume_runs_only_what_is_missing_and_tolerates_a_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "resume"
    source = resolve_agent("sample_agents:text_agent")
    evaluate(source, out, tasks=3, record=False, progress=False)
    episodes = out / EPISODES_FILE
    kept = episodes.read_text().splitlines()[:1]
    episodes.write_text(kept[0] + "\n" + '{"goal": "torn')  # a crash mid-write
    results = evaluate(source, out, tasks=3, record=False, progress=False)
    lines = _lines(out)
    assert lines[0] == json.loads(kept[0])  # kept as it was, not rerun
    assert sorted(r["task_index"] for r in lines) == [0, 1, 2] and len(lines) == 3
    assert results["complete"] and results["metrics"]["episodes"] == 3
    with pytest.raises(ResultsError, match="another evaluation"):
        evaluate(source, out, tasks=2, record=False, progress=False)


def test_two_env_processes_give_the_same_episodes_as_one(tmp_path: Path) -> None:
    one = evaluate(resolve_agent("oracle"), tmp_path / "one", tasks=3, progress=False)
    two = evaluate(resolve_agent("oracle"), tmp_path / "two", tasks=3, envs=2, progress=False)
    key = lambda r: (r["task_index"], r["is_successful"], r["episode_length"])  # noqa: E731
    assert sorted(map(key, _lines(tmp_path / "one"))) == sorted(map(key, _lines(tmp_path / "two")))
    assert one["metrics"]["success_rate"] == two["metrics"]["success_rate"] == 1.0


def test_a_sub_env_handed_an_episode_leaves_the_other_ones_observation_alone(
    tmp_path: Path,
) -> None:
    # task 1 takes 5 steps, the others 2: sub-env 0 gets tasks 2 and 3 while sub-env 1 is
    # mid-episode, and sub-env 1 must go on acting on its own observation
    source = resolve_agent("sample_agents:uneven_agent")
    results = evaluate(source, tmp_path / "uneven", tasks=4, envs=2, record=False, progress=False)
    assert results["metrics"]["errored"] == 0, _lines(tmp_path / "uneven")
    lengths = {r["task_index"]: r["episode_length"] for r in _lines(tmp_path / "uneven")}
    assert lengths == {0: 2, 1: 5, 2: 2, 3: 2}


def test_random_agent_is_recorded_with_its_seed(tmp_path: Path) -> None:
    results = evaluate(resolve_agent("random", seed=4), tmp_path / "r", tasks=2, progress=False)
    assert results["agent"] == {"kind": "random", "name": "random", "seed": 4}
    assert results["protocol"]["greedy"] is False and results["metrics"]["episodes"] == 2


@pytest.mark.parametrize(
    ("agent", "message"),
    [
        ("nonsense", "no such file or agent"),
        ("no_such_module_xyz:make", "cannot import"),
        ("sample_agents:missing", "no callable"),
        ("sample_agents:not_an_agent", "no act(obs, info)"),
        ("openai:ftp://x", "expected openai:http"),
    ],
)
def test_bad_agent_values_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture, agent: str, message: str
) -> None:
    assert main(["evaluate", "--agent", agent, "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert message in capsys.readouterr().err


def test_one_adb_device_for_two_envs_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    argv = ["evaluate", "--agent", "oracle", "--tasks", "2", "--envs", "2", "--quiet"]
    assert main([*argv, "--device", "adb:emulator-5554", "--out", str(tmp_path / "o")]) == 2
    assert "--envs 2 needs 2 devices, one each" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_an_output_directory_of_something_else_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    argv = ["evaluate", "--agent", "oracle", "--tasks", "1", "--out", str(tmp_path), "--quiet"]
    assert main(argv) == 2
    assert "not a results directory" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"
