import pytest

from engine.pack.loading import Pack, load_pack


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack("idm2018")
