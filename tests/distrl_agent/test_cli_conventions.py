"""One consistent command line (android-gym and distrl): help, --version, defaults in every
option's help, the same option meaning the same thing, exit 2 before any run folder is written,
only JSON on stdout with --json, quiet ends of piped output, shipped configs by name."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from android_gym.__main__ import main as android_gym_main
from distrl_agent.cli import _overrides, _parse, build_parser, collect_config, main
from distrl_agent.config import ConfigError, config_file, load_config

MAINS = {"distrl": main, "android-gym": android_gym_main}


def parsers(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from parsers(sub)


def android_gym_parser() -> argparse.ArgumentParser:
    captured = {}
    original = argparse.ArgumentParser.parse_args

    def capture(self, *args, **kwargs):
        captured["parser"] = self
        raise SystemExit(0)

    argparse.ArgumentParser.parse_args = capture
    try:
        with pytest.raises(SystemExit):
            android_gym_main([])
    finally:
        argparse.ArgumentParser.parse_args = original
    return captured["parser"]


@pytest.mark.parametrize("name", MAINS)
def test_no_command_prints_help_and_version_works(name, capsys):
    assert MAINS[name]([]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"usage: {name}") and "COMMAND" in out
    with pytest.raises(SystemExit) as exited:
        MAINS[name](["--version"])
    assert exited.value.code == 0 and capsys.readouterr().out.startswith(f"{name} 0.")


@pytest.mark.parametrize("name", MAINS)
def test_every_option_has_help_that_shows_its_default(name):
    root = build_parser() if name == "distrl" else android_gym_parser()
    for parser in parsers(root):
        formatter = parser._get_formatter()
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            where = f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
            assert action.help, f"{where} has no help"
            shown = formatter._get_help_string(action) or ""
            if action.default not in (None, False, [], argparse.SUPPRESS):
                assert "default" in shown, f"{where}: its default is not shown"


def test_overrides_and_latency_are_spelled_alike_in_train_eval_and_collect():
    parser = build_parser()
    for command in (["train"], ["collect"]):
        args = parser.parse_args([*command, "runtime.workers=3", "--set", "seed=4"])
        assert args.overrides + args.set == ["runtime.workers=3", "seed=4"]
    collect = parser.parse_args(["collect", "--latency", "none", "runtime.workers=3"])
    assert collect_config(collect).runtime.workers == 3
    assert collect_config(collect).latency.preset == "none"
    assert parser.parse_args(["eval", "--checkpoint", "x", "--latency", "emulator"]).latency == (
        "emulator"
    )
    assert parser.parse_args(["eval", "--checkpoint", "x", "--latency"]).latency == "run"
    assert parser.parse_args(["eval", "--checkpoint", "x"]).latency == "none"


def test_overrides_may_follow_options_and_unknown_arguments_are_still_refused(capsys):
    args = _parse(build_parser(), ["train", "a.b=1", "--run-dir", "r", "--resume", "c.d=2"])
    assert args.resume and _overrides(args) == ["a.b=1", "c.d=2"]
    for argv in (["train", "--resume", "--nonsense"], ["leaderboard", "a.b=1"]):
        with pytest.raises(SystemExit) as exited:
            _parse(build_parser(), argv)
        assert exited.value.code == 2
        assert "unrecognized arguments" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("env.suite=webshop", "env.suite must be one of general, web_shopping"),
        ("env.task_file=missing.txt", "env.task_file missing.txt does not exist"),
    ],
)
def test_config_errors_exit_2_naming_the_key_before_a_run_folder_exists(
    override, message, tmp_path, capsys
):
    run_dir = tmp_path / "run"
    assert main(["train", "--config", "smoke", "--run-dir", str(run_dir), override]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not run_dir.exists()


def test_shipped_configs_are_found_by_name_and_by_their_checkout_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configs/ here, as after a wheel install
    assert config_file("smoke").name == "smoke.yaml"
    assert config_file("configs/smoke.yaml") == config_file("smoke")
    assert load_config("smoke").name == "smoke"
    with pytest.raises(ConfigError, match="shipped config: paper, quickstart, smoke"):
        config_file("nothing.yaml")


def run_piped_to_closed_reader(*command: str) -> subprocess.CompletedProcess:
    """`command | head -0`: stdout is a pipe whose reader has gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, *command], stdout=write, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "command",
    [
        ("-m", "android_gym", "make-suite", "general", "test", "--count", "3"),
        ("-m", "distrl_agent.cli", "leaderboard", "--runs", "."),
    ],
)
def test_output_piped_to_a_reader_that_stopped_ends_quietly(command):
    done = run_piped_to_closed_reader(*command)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
    assert done.returncode in (0, 141)


def test_the_interrupt_hint_names_the_real_run_folder(tmp_path, monkeypatch, capsys):
    from distrl_agent.runtime import Interrupted, trainer

    def interrupted(*args, **kwargs):
        raise Interrupted("SIGINT")

    monkeypatch.setattr(trainer, "train", interrupted)
    monkeypatch.chdir(tmp_path)
    assert main(["train", "--config", "smoke"]) == 130
    err = capsys.readouterr().err
    run_dir = next(iter(err.split("--run-dir ")[1:]), "").split(" --resume")[0]
    assert run_dir.startswith("runs/smoke-seed0-") and "DIR" not in err
