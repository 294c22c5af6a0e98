"""What a batch does less of, and that it still writes the same: the summary without the findings, the profile read
without a buffer of the limit's size, and the dashboard written as it is laid out, its rows kept without their gaps."""

from __future__ import annotations

import gc
import importlib.util
import json
import random
from pathlib import Path

import pytest

from engine import figures, yamlio
from engine.assess import assess, summarize
from engine.batch import dashboard, run
from engine.batch.row import Row
from engine.errors import MigovError
from engine.evaluate.findings import findings, judge, make_evaluator
from engine.evaluate.statuses import statuses
from engine.pack.loading import load_pack
from engine.pack.model import Status
from engine.pack.profiles import load_profile, validate_profile
from engine.score import band_range, confidence, rating
from engine.yamlio import Locations, read_bytes
from tests.helpers import ROOT, random_facts


@pytest.mark.parametrize("engine", ["python", pytest.param("durable", marks=pytest.mark.skipif(
    importlib.util.find_spec("durable_rules_engine") is None, reason="durable_rules is not installed (pip install 'migov[durable]' on Python 3.11 or 3.12)"))])
def test_a_summary_holds_the_figures_of_the_assessment(engine):
    """summarize() gives the score, the dimensions and the gaps assess() gives, on the bundled profiles and generated ones
    (graded criteria met, gaps and unknown among them), for each evaluator."""
    profiles = []
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        pack = load_pack(None if "sdg" not in path.name else "sdg-10-7-2")
        profiles.append((pack, load_profile(path, pack)))
    pack = load_pack("idm2018")
    rng = random.Random(3)
    for i in range(40):
        kind = "country" if i % 2 else "partnership"
        data = {"id": f"p{i}", "name": f"P{i}", "kind": kind, **random_facts(pack, rng, kind, missing=0.1 * (i % 6))}
        profiles.append((pack, validate_profile(data, Locations(f"p{i}.yaml"), pack)))
    for pack, profile in profiles:
        whole, summary = assess(pack, profile, engine), summarize(pack, profile, engine)
        assert summary.score == whole.score and summary.dimensions == whole.dimensions
        assert summary.gaps == [f.rule for f in whole.findings if f.status == Status.gap]


def test_a_summarys_statuses_are_those_each_rule_is_judged_to_have():
    """statuses() (a summary's: the trace read through each rule's keys) gives every rule the status and levels judge()
    gives it (what a report shows), applicability and graded ladders included, on many generated profiles."""
    pack = load_pack("idm2018")
    evaluator = make_evaluator(pack, "python")
    rng = random.Random(11)
    graded = applies = 0
    for i in range(150):
        kind = "country" if i % 2 else "partnership"
        facts = random_facts(pack, rng, kind, missing=0.1 * (i % 7))
        trace = evaluator.evaluate(facts)
        got = statuses(pack, kind, trace)
        for (cr, status, at), rule in zip(got, pack.rules, strict=True):
            decision, reached = judge(rule, kind, trace)
            assert cr is rule and (status, at) == (decision.status, reached), (i, rule.rule.id)
            graded += at is not None
            applies += rule.applies is not None and status != Status.not_applicable
    assert graded > 100 and applies > 50  # both kinds of keys were read


def test_each_dimension_shows_its_figures_as_the_contract_says():
    """A dimension's figures (engine/figures), against the contract's rules written out here: the score, rating, coverage,
    best and worst cases from its sums; the rating withheld below min_coverage, none where too few are assessed or the
    unknowns span two bands (the two given), and no score when withheld or too few; on generated profiles of every coverage."""
    pack = load_pack("idm2018")
    sc, bands = pack.header.scoring, pack.header.ratings
    rng = random.Random(5)
    checked = held_back = ranged = 0
    for i in range(80):
        kind = "country" if i % 2 else "partnership"
        data = {"id": f"p{i}", "name": f"P{i}", "kind": kind, **random_facts(pack, rng, kind, missing=0.12 * (i % 8))}
        profile = validate_profile(data, Locations(f"p{i}.yaml"), pack)
        found = findings(pack, profile, make_evaluator(pack, "python").evaluate(profile.open_facts(), kind=kind), with_evidence=False)
        fig = figures.figures(pack, profile, found)
        for d, dim in zip(pack.header.dimensions, fig.dimensions, strict=True):
            t = fig.sums.dims[d.id]
            s, cov = t.score(sc.unknown == "gap"), figures.round_to(t.coverage(), 2)
            best, worst = figures.round_to(t.best()), figures.round_to(t.worst())
            held = cov is not None and 100 * cov + 1e-9 < sc.min_coverage
            few = t.too_few(sc.min_assessed)
            span = band_range(worst, best, bands)
            assert (dim.score, dim.rating) == (None if held or few else figures.round_to(s), None if held or few or span else rating(s, bands)), (i, d.id)
            assert (dim.coverage, dim.best_case, dim.worst_case, dim.withheld, dim.too_few, dim.rating_range) == (cov, best, worst, held, few, span)
            assert dim.confidence == confidence(cov, sc.confidence.medium, sc.confidence.high) and dim.counts.met == t.n[Status.met]
            checked, held_back, ranged = checked + 1, held_back + held, ranged + (span is not None)
    assert checked == 800 and held_back and ranged


def test_a_profile_is_read_whole_up_to_the_limit_and_refused_past_it(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, max_bytes=100) == b"x" * 100
    with pytest.raises(MigovError):
        read_bytes(path, max_bytes=99)


def test_a_profile_that_grows_while_read_is_read_on_up_to_the_limit(tmp_path, monkeypatch):
    """The size read when the file is opened is only where reading starts: a file longer by then is read on, and refused
    once past the limit, as before."""
    path = tmp_path / "p.yaml"
    path.write_bytes(b"y" * 50)
    real = yamlio.os.fstat

    class Shorter:
        def __init__(self, st):
            self.st_size = 10
            self.st = st

    monkeypatch.setattr(yamlio.os, "fstat", lambda fd: Shorter(real(fd)))
    assert read_bytes(path, max_bytes=60) == b"y" * 50
    assert read_bytes(path, max_bytes=50) == b"y" * 50
    with pytest.raises(MigovError, match="MB"):
        read_bytes(path, max_bytes=49)


def _row(i: int, pack: str) -> Row:
    return Row(file=f"p{i}.yaml", stem=f"p{i}", ok=True, digest="d", pack=pack, id=f"p{i}", name=f"Profile {i}", kind="country",
               overall=10.0 * (i % 10), rating=None, coverage=0.9, best=100.0, worst=0.0, dimensions={}, gaps=["A", "B"][: i % 3])


def test_the_dashboard_written_is_the_dashboard_rendered_and_its_rows_are_kept_without_gaps(tmp_path):
    pack = load_pack("idm2018")
    agg = dashboard.Aggregate()
    for i in range(30):
        agg.add(_row(i, pack.id))
    assert agg.counts[pack.id] == {"A": 20, "B": 10} and all(isinstance(r, str) and '"A"' not in r for r in agg.rows[pack.id])
    target = tmp_path / "index.html"
    dashboard.write(target, agg, {pack.id: pack}, "fr", ("json",))
    assert target.read_bytes() == dashboard.render(agg, {pack.id: pack}, "fr", ("json",)).encode("utf-8")
    assert [p.name for p in Path(tmp_path).iterdir()] == ["index.html"]  # no temporary file left


@pytest.mark.parametrize("formats", [(), ("json", "html")])
def test_a_worker_leaves_no_garbage_for_the_collector(tmp_path, formats):
    """What a batch's worker makes for a profile is freed as soon as it is done with (by reference counts): no cycle holds
    a profile's data or text until the collector runs, which a worker runs rarely (a nested function that called itself
    held every profile's text: a worker grew by tens of megabytes between collections)."""
    folder = tmp_path / "in"
    folder.mkdir()
    pack = load_pack("idm2018")
    rng = random.Random(9)
    for i in range(12):
        kind = "country" if i % 2 else "partnership"
        data = {"id": f"p{i}", "name": f"P{i}", "kind": kind, **random_facts(pack, rng, kind, missing=0.2)}
        (folder / f"p{i}.yaml").write_text(json.dumps(data), encoding="utf-8")
    files = sorted(folder.glob("*.yaml"))
    run._init(None, None, None, formats, str(tmp_path / "out"))
    run.assess_one((str(files[0]), files[0].stem, "x"))  # what is made once per process
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for f in files[1:]:
            run.assess_one((str(f), f.stem, "x"))
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
