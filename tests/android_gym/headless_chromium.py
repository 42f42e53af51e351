"""Headless Debian `chromium` driven by selenium through Debian's `chromedriver`, for the
viewer's browser test and benchmark. Both come from one source package, so their versions match;
selenium is the `browser` extra. Chromium reaches for Google's services in the background: run it
in a loopback-only network namespace (the test is marked `netns`)."""

from __future__ import annotations

import shutil

ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def missing() -> str | None:
    """What is missing to start the browser, as a sentence saying how to get it; None when
    nothing is."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[browser]' (make venv does)"
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return (
            "Debian's chromium and chromium-driver are not installed: apt-get install -y "
            "chromium chromium-driver (make test does it when run as root)"
        )
    return None


def start(width: int = 1280, height: int = 1000):
    """A headless Chromium (a selenium WebDriver) with a `width` x `height` window that keeps
    the page's console log."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in (*ARGUMENTS, f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
