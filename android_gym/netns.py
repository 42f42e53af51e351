"""Whether this process runs in a loopback-only network namespace.

The adb server and Ray reach for addresses beyond loopback (mDNS, cloud metadata), so tests and
benchmarks that start them run only inside such a namespace:
`unshare -n sh -c 'ip link set lo up && exec CMD'` (what `make test` and `make bench` do).
"""

from __future__ import annotations

from pathlib import Path

HOW = "unshare -n sh -c 'ip link set lo up && exec CMD'"
"""How to run CMD in a loopback-only namespace (as root)."""


def in_loopback_namespace() -> bool:
    """True when the only network interface is loopback. Reads /proc/self/net/dev, which
    follows the process's network namespace (/sys/class/net shows the namespace that
    mounted sysfs, so after `unshare -n` it may still list the host's interfaces)."""
    try:
        lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    except OSError:
        return False
    return {line.split(":", 1)[0].strip() for line in lines} == {"lo"}
