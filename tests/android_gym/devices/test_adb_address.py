"""The `adb...` device strings: every documented form, and clear errors for the rest."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from android_gym.devices import make_device
from android_gym.devices.adb_address import AdbAddress, is_adb_spec, parse_adb_spec
from android_gym.errors import InvalidChoice


@pytest.fixture(autouse=True)
def _default_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANDROID_ADB_SERVER_HOST", raising=False)
    monkeypatch.delenv("ANDROID_ADB_SERVER_PORT", raising=False)


@pytest.mark.parametrize(
    ("spec", "address", "over_tcp"),
    [
        ("adb", AdbAddress(None), False),
        ("adb:emulator-5554", AdbAddress("emulator-5554"), False),
        ("adb:R58M41ABCDE", AdbAddress("R58M41ABCDE"), False),
        ("adb:127.0.0.1:5555", AdbAddress("127.0.0.1:5555"), True),
        ("adb:phone.lan:5555", AdbAddress("phone.lan:5555"), True),
        ("adb:emulator-5554@10.0.0.2:5037", AdbAddress("emulator-5554", "10.0.0.2", 5037), False),
        (
            "adb:127.0.0.1:7000@127.0.0.1:5038",
            AdbAddress("127.0.0.1:7000", "127.0.0.1", 5038),
            True,
        ),
        ("adb:@127.0.0.1:5038", AdbAddress(None, "127.0.0.1", 5038), False),
    ],
)
def test_forms(spec: str, address: AdbAddress, over_tcp: bool) -> None:
    parsed = parse_adb_spec(spec)
    assert parsed == address
    assert parsed.over_tcp is over_tcp
    assert parse_adb_spec(parsed.spec) == parsed


def test_environment_names_the_default_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", "5099")
    assert parse_adb_spec("adb:emulator-5554") == AdbAddress("emulator-5554", "127.0.0.1", 5099)
    assert parse_adb_spec("adb:emulator-5554").spec == "adb:emulator-5554"


@pytest.mark.parametrize(
    "spec",
    [
        "adb:x@nohost",
        "adb:x@host:99999",
        "adb:x@:5037",
        "adb:two words",
        "adb::5555",
        "adbx",
        "sim",
    ],
)
def test_malformed_strings_name_the_forms(spec: str) -> None:
    with pytest.raises(InvalidChoice, match="adb:SERIAL@HOST:PORT"):
        parse_adb_spec(spec)


def test_a_list_of_devices_points_at_make_vector_env() -> None:
    with pytest.raises(InvalidChoice, match="make_vector_env"):
        make_device(["adb:emulator-5554", "adb:emulator-5556"])  # type: ignore[arg-type]


def test_unknown_backend_lists_the_adb_forms() -> None:
    with pytest.raises(InvalidChoice, match="adb:HOST:PORT"):
        make_device("emulator-5554")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._", min_size=1, max_size=30))
def test_any_plain_serial_round_trips(serial: str) -> None:
    spec = f"adb:{serial}"
    assert is_adb_spec(spec)
    assert parse_adb_spec(spec).serial == serial
    assert parse_adb_spec(parse_adb_spec(spec).spec).serial == serial
