"""The simulated phone: a deterministic Android look-alike that needs no emulator."""

from android_gym.sim.phone import Phone, PhoneConfig

__all__ = ["Phone", "PhoneConfig"]
