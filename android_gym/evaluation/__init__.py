"""Evaluating any agent under a stated protocol, its results directory, and leaderboards.

`android-gym evaluate` (runner.py) writes a results directory (results.py, the format in
docs/evaluation.md); `android-gym leaderboard` (leaderboard.py) ranks results of the same
protocol only. distrl's evaluations write the same directories through `ResultsWriter`.
"""

from android_gym.evaluation.agents import AgentSource, AgentSpecError, resolve_agent
from android_gym.evaluation.protocol import Benchmark, Episode, episode_record
from android_gym.evaluation.results import ResultsError, ResultsWriter, read_results
from android_gym.evaluation.runner import evaluate

__all__ = [
    "AgentSource",
    "AgentSpecError",
    "Benchmark",
    "Episode",
    "ResultsError",
    "ResultsWriter",
    "episode_record",
    "evaluate",
    "read_results",
    "resolve_agent",
]
