"""Debian's chromium under Playwright, as the browser tests run it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# `playwright install` cannot download here; Debian's chromium is driven directly.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def require_chromium() -> None:
    """Skip the calling test when chromium is missing; fail instead on CI."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def launch(playwright):
    """Start chromium with the project's flags; returns a Playwright ``Browser``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
