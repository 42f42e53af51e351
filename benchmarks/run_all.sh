#!/usr/bin/env sh
# Runs every benchmark and prints one JSON line each (`make bench`). The figures and how to read
# them are in docs/benchmarks.md. Usage: sh benchmarks/run_all.sh [PYTHON]
set -eu
PY="${1:-python}"
cd "$(dirname "$0")/.."
for script in benchmarks/*.py; do
  case "$script" in
    */*_common.py) continue ;;
  esac
  echo "# $script" >&2
  "$PY" "$script"
done
