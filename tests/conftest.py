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
