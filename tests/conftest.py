from typing import Any

import pytest
import yaml

from engine.pack.compiled import Pack
from engine.pack.loading import load_pack
from engine.yamlio import full


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """The engine's current language is process state: a test that ran the CLI in French (main() sets it from --lang or
    the environment) must not leave the next test's messages in French."""
    from engine.i18n import SOURCE_LANGUAGE, set_language

    yield
    set_language(SOURCE_LANGUAGE)


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack("idm2018")


class _PureLoader(yaml.SafeLoader):
    """The pure-Python parser with the YAML 1.2 scalars of migov's loader."""


_PureLoader.yaml_implicit_resolvers = full._Loader.yaml_implicit_resolvers


@pytest.fixture(params=["libyaml", "pure"])
def yaml_loader(request: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """migov's YAML loader, once with libyaml's parser (where installed) and once with PyYAML's pure-Python one."""
    if request.param == "pure":
        monkeypatch.setattr(full, "_Loader", _PureLoader)
    return full._Loader


def pytest_configure(config: pytest.Config) -> None:
    """Compiled packs cached in a folder of this run, not the user's cache (subprocesses inherit it)."""
    import os
    import tempfile

    os.environ.setdefault("MIGOV_CACHE_DIR", tempfile.mkdtemp(prefix="migov-test-cache-"))


def browser_skip_line(skipped: int, reasons: list[str]) -> str:
    """The last line pytest prints when browser tests were skipped: how many, and exactly what is missing (each reason
    says how to install it or what is wrong with it), nothing that is there."""
    return f"browser tests: {skipped} skipped: {'; '.join(sorted(set(reasons))) or 'see -rs for why'}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end when browser tests (the browser, print and PDF tests) were skipped."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser" in r.nodeid or "test_print" in r.nodeid]
    if not skipped:
        return
    reasons = [str(r.longrepr[2]).removeprefix("Skipped: ") for r in skipped if isinstance(r.longrepr, tuple)]
    terminalreporter.write_line(browser_skip_line(len(skipped), reasons), yellow=True, bold=True)
