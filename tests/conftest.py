import pytest

from engine.pack.compiled import Pack
from engine.pack.loading import load_pack


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack("idm2018")


def pytest_configure(config: pytest.Config) -> None:
    """Compiled packs cached in a folder of this run, not the user's cache (subprocesses inherit it)."""
    import os
    import tempfile

    os.environ.setdefault("MIGOV_CACHE_DIR", tempfile.mkdtemp(prefix="migov-test-cache-"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end when browser tests were skipped: how many, why, and how to install what is missing."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser" in r.nodeid]
    if not skipped:
        return
    reasons = sorted({str(r.longrepr[2]).removeprefix("Skipped: ") for r in skipped if isinstance(r.longrepr, tuple)})
    terminalreporter.write_line(
        f"browser tests: {len(skipped)} skipped ({'; '.join(reasons) or 'see -rs'}): install Chromium (apt-get install chromium, "
        "or set MIGOV_CHROMIUM), Playwright (pip install '.[test]') and axe-core (npm ci --prefix tests/browser) to run them",
        yellow=True, bold=True)
