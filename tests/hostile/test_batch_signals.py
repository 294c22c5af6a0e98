"""SIGTERM or SIGHUP to a batch with workers: it ends quietly with 128 + the signal, and leaves no temporary file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import ROOT

PROFILE = ROOT / "profiles" / "examplia-country.yaml"


@pytest.mark.parametrize("to_group", [False, True], ids=["main", "group"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_stopped_batch_ends_quietly_and_leaves_nothing(tmp_path, sig, to_group):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = PROFILE.read_text(encoding="utf-8")
    for i in range(24):
        (src / f"p{i:02d}.yaml").write_text(text.replace("id: examplia-2026", f"id: p{i}"), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "engine", "batch", str(src), "-o", str(out), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 120  # a safety net, not an assertion: the signal is sent once a report exists
    while time.time() < deadline and not (out.exists() and any(out.glob("p*.html"))):
        time.sleep(0.05)
    (os.killpg if to_group else os.kill)(p.pid, sig)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 128 + sig, err
    assert err == "", err  # no worker, fork server or resource tracker traceback
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]
