"""A batch in several languages builds each report's data from the profile's neutral data (``engine.render.neutral``):
the same value as the assessment written in that language gives, for every bundled profile, language and a tailoring."""

import pytest

from engine.assess import assess, file_digests
from engine.authoring.intake import read_input
from engine.i18n import languages
from engine.pack.loading import load_pack, read_tailoring
from engine.render import html
from engine.render import json as json_render
from engine.render.localize import localized
from engine.render.neutral import data_in, neutral
from tests.helpers import IDM_PROFILES, PROFILES, ROOT

CALIBRATION = sorted((ROOT / "profiles" / "calibration").glob("*.yaml"))


def _check(pack, prof, pages=False):
    a = assess(pack, prof)
    n = neutral(a)
    files = file_digests(pack)
    for lang in languages():
        written = localized(a, pack, prof, lang)
        data = data_in(n, written)
        assert data == written.to_data()
        assert list(data) == list(written.to_data())
        assert json_render.render_data(data, n.shared) == written.to_json()
        if pages:  # the report model's and the embedded data's shared parts, worked out in the first language
            assert html.render(written, pack, prof, files, assessment=data, shared=n.report) == html.render(written, pack, prof, files)


@pytest.mark.parametrize("profile", PROFILES + CALIBRATION, ids=lambda p: p.stem)
def test_the_data_in_each_language_is_the_localized_assessments(profile):
    intake = read_input(profile, None)
    _check(intake.pack, intake.profile(), pages=profile in PROFILES)


def test_with_a_tailoring():
    pack = load_pack("idm2018", read_tailoring(str(ROOT / "rules" / "idm2018" / "tailorings" / "examplia-2026.yaml")))
    for profile in IDM_PROFILES[:2]:
        _check(pack, read_input(profile, None, load=lambda _spec: pack).profile(), pages=True)
