"""Non-learning agents: `OracleAgent` (an expert that reads the UI) and `RandomAgent`."""

from android_gym.agents.oracle import OracleAgent
from android_gym.agents.random_agent import RandomAgent

__all__ = ["OracleAgent", "RandomAgent"]
