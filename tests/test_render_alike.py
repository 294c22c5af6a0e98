"""A finding written once for every profile with the same one (``engine.render.alike``): each report the same, byte for
byte, as when nothing was kept; the key exact; the memory bounded."""

import json
import random
from dataclasses import fields

import pytest

from engine.assess import assess, file_digests
from engine.assessment import Finding, Level
from engine.authoring.intake import read_input
from engine.pack.evidence_words import Evidence
from engine.pack.loading import load_pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.plaindata import plain_data
from engine.render import alike, html
from engine.render.localize import localized
from engine.render.neutral import data_of
from tests.helpers import PROFILES, random_facts


def _profiles():
    pack = load_pack("idm2018")
    rng = random.Random(5)
    out = [read_input(p, None) for p in PROFILES]
    made = [(pack, Profile(id=f"g{i}", name=f"G {i}", kind=kind, facts=random_facts(pack, rng, kind)))
            for i, kind in enumerate(["country", "partnership"] * 15)]
    return [(i.pack, i.profile()) for i in out] + made


def test_every_report_is_the_same_as_with_nothing_kept():
    alike.forget()
    pairs = _profiles()
    warm = []
    for pack, prof in pairs:  # each after the others: most of its findings taken back
        for lang in ("en", "fr", "es"):
            a = assess(pack, prof)
            written = localized(a, pack, prof, lang)
            data = data_of(written)
            assert data == written.to_data() and list(data) == list(written.to_data())
            warm.append(html.render(written, pack, prof, file_digests(pack), assessment=data))
    assert len(alike._KEPT) < sum(len(assess(p, q).findings) for p, q in pairs)  # some were taken back
    cold = []
    for pack, prof in pairs:
        for lang in ("en", "fr", "es"):
            alike.forget()
            a = assess(pack, prof)
            written = localized(a, pack, prof, lang)
            cold.append(html.render(written, pack, prof, file_digests(pack), assessment=written.to_data()))
    assert warm == cold


def test_the_embedded_json_is_json_dumps_of_the_data():
    alike.forget()
    for pack, prof in _profiles()[:12]:
        written = localized(assess(pack, prof), pack, prof, "en")
        data = {"name": "a & <b>", "assessment": data_of(written)}
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert html._json_for_html(data) == plain.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        marked = {**data, "name": html._MARK}  # the marker's own text elsewhere: the whole encoded at once
        assert html._json_for_html(marked) == html._compact(marked)


def _finding(**evidence):
    return Finding(rule="R", dimension="d", title="", status=Status.gap, weight=1, evidence=[], recommendation="", sources={},
                   evidence_data=[Evidence(key="value", fact="x", **evidence)])


@pytest.mark.parametrize(("one", "other"), [(True, 1), (1.0, 1), (0.0, -0.0), ("1", 1)])
def test_the_key_tells_values_apart_that_are_written_apart(one, other):
    assert alike.key("country", _finding(value=one)) != alike.key("country", _finding(value=other))
    assert alike.key("country", _finding(value=one)) == alike.key("country", _finding(value=one))
    assert alike.key("country", _finding(value=one)) != alike.key("partnership", _finding(value=one))


def test_every_field_but_the_texts_is_keyed():
    keyed = {"rule", "dimension", "status", "weight", "level", "evidence_data"}  # as alike.key reads them
    assert {f for f in Finding.__dataclass_fields__} == keyed | alike.TEXTS


def test_the_memory_stays_bounded(monkeypatch):
    monkeypatch.setattr(alike, "LIMIT", 150)
    alike.forget()
    for pack, prof in _profiles():
        written = localized(assess(pack, prof), pack, prof, "en")
        assert data_of(written) == plain_data(written)
        assert len(alike._KEPT) <= 150
    alike.forget()


def test_a_record_is_keyed_by_its_fields_in_order():
    for r in (Evidence(key="level", rule="R", value="b", n=2, total=3),
              Level(reached="b", levels=["a", "b", "c"], fraction=0.5)):
        assert list(r.__dict__) == [f.name for f in fields(r)]
        assert alike._fields(r) == (type(r).__name__, *(getattr(r, f.name) for f in fields(r)))
