import pytest

from engine.pack.compiled import Pack
from engine.pack.loading import load_pack


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack("idm2018")
