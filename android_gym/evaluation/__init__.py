"""Evaluation of agents: results directories, leaderboards and the static HTML viewer."""
