"""migov batch, the main process's side: what a worker hands it (a row's lines written out, the dashboard's compact
view), the id check on that, the output names, and the heat table's rows laid out in Python as the template did."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from engine.batch.folder import Names
from engine.batch.heat import rows_html
from engine.batch.plan import check_done
from engine.batch.row import Row, unpack, view
from engine.batch.table import _cell, csv_row, done
from engine.escape import csv_cell
from engine.render.templates import environment
from tests.helpers import ROOT

DIMS = ["inter_state_cooperation", "rights_protection"]
ROW = Row(file="=x\udcff.yaml", stem="=x\udcff", ok=True, digest="d" * 32, pack="idm2018", id="c1", name="Pays « A » & <b>", kind="country",
          groups={"region": "Afrique, Ouest"}, overall=52.5, rating="developing", coverage=0.7, best=80.0, worst=30.0,
          dimensions={"inter_state_cooperation": 33.3, "other": None}, gaps=["GOV-RULES", "ISC-DIALOGUE"], confidence="low",
          ranges={"rights_protection": [25.0, 50.0]})


def test_a_rows_lines_are_those_the_writer_wrote_from_the_row():
    d = done(ROW, DIMS)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(csv_row(ROW, DIMS))
    assert d.csv == buf.getvalue() and d.csv.startswith("'=x\\xff.yaml,")  # a formula and an undecodable byte, as before
    assert d.manifest == json.dumps(ROW.__dict__) + "\n" and d.manifest.isascii()
    assert d.key == "idm2018|c1|None" and d.gaps == ROW.gaps and d.error is None


def test_the_dashboards_view_reads_back_as_the_rows_fields():
    shown = unpack(view(ROW))
    assert shown.file == ROW.file and shown.name == ROW.name and shown.dimensions == ROW.dimensions and shown.ranges == ROW.ranges
    assert not hasattr(shown, "gaps") and view(ROW).isascii()


def test_a_failed_row_has_no_view_and_no_key():
    d = done(Row(file="b.yaml", stem="b", ok=False, digest="d", error="b.yaml: broken"), DIMS)
    assert d.shown is None and d.key is None and d.error == "b.yaml: broken"


def test_an_id_taken_makes_the_second_row_an_error_naming_the_first():
    files = ["a.yaml", "b.yaml"]
    seen: dict[str, int] = {}
    rows = [done(Row(file=f, stem=f[0], ok=True, digest="d", pack="idm2018", id="same", name=f), DIMS) for f in files]
    assert check_done(rows[0], seen, 0, files, DIMS) is rows[0]
    second = check_done(rows[1], seen, 1, files, DIMS)
    assert second.shown is None and "a.yaml" in (second.error or "") and '"ok": false' in second.manifest and ",error," in second.csv


def test_an_input_linked_into_the_output_folder_keeps_its_name(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "in"
    out.mkdir()
    elsewhere.mkdir()
    (out / "p.json").write_text("{}", encoding="utf-8")
    os.symlink(out / "p.json", elsewhere / "p.yaml")  # an input that is, in truth, out/p.json
    names = Names(out, [str(elsewhere / "p.yaml"), str(elsewhere / "q.yaml")])
    assert names.stem(str(elsewhere / "p.yaml")) == "p-2" and names.stem(str(elsewhere / "q.yaml")) == "q"


# the heat table's row as the template wrote it, before it was laid out in Python
TEMPLATE_ROW = (
    """{% for r in rows %}<tr data-name="{{ r.name }}" data-kind="{{ r.kind }}"{% for g in groups %} data-{{ g.attr }}="{{ r.groups.get(g.key, '') }}"{% endfor %}>
<th scope="row" data-value="{{ r.name }}">{% if r.link %}<a href="{{ r.link }}">{{ r.name }}</a>{% else %}{{ r.name }}{% endif %}</th>"""
    """<td data-value="{{ r.kind }}">{{ kind_labels.get(r.kind, r.kind) }}</td><td class="num {{ r.overall_class }}" data-value="{{ r.overall if r.overall is not none else -1 }}">"""
    """<strong>{{ r.overall_text }}</strong><br><span class="meta">{{ r.rating }}</span></td><td data-value="{{ r.coverage_value }}">{{ r.coverage }}</td>"""
    """<td data-value="{{ r.period }}">{{ r.period or "—" }}</td>{% for c in r.cells %}<td class="num {{ c.class }}" data-value="{{ c.value if c.value is not none else -1 }}">"""
    """{{ c.text }}</td>{% endfor %}</tr>
{% endfor %}""")


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_heat_rows_are_the_rows_the_template_wrote(lang):
    rows = [
        {"name": "Pays « A » : <b>&'\"", "kind": "country", "groups": {"region": "Ouest ; Sud"}, "link": "a%20b.html", "overall": 52.5,
         "overall_text": "52,5", "overall_class": "band-2", "rating": "En cours : bien", "coverage": "70 %", "coverage_value": 0.7,
         "period": "", "cells": [{"value": None, "text": "—", "class": "band-none"}, {"value": 25.0, "text": "25 – 50 ?", "class": "range"}]},
        {"name": "B", "kind": "partnership", "groups": {}, "link": None, "overall": None, "overall_text": "—", "overall_class": "range",
         "rating": "between x and y", "coverage": "0 %", "coverage_value": -1, "period": "2025", "cells": []},
    ]
    groups = [{"attr": "g1", "key": "region"}, {"attr": "g2", "key": "process"}]
    labels = {"country": "Pays : état"}
    env = environment(lang)
    expected = env.from_string(TEMPLATE_ROW).render(rows=rows, groups=groups, kind_labels=labels)
    assert "".join(rows_html(rows, groups, labels, env.finalize)) == expected


def test_a_cell_is_what_csv_cell_makes_of_it():
    for value in ("plain", "=1+1", "+1", "-2", "@x", "\tx", "\rx", "a\r\nb\rc", "é=", "=é", "x\udcff", "", None, 0, 52.5, True):
        assert _cell(value) == csv_cell(value)


def test_the_batch_command_imports_no_report_machinery_before_its_fork_server_starts():
    """The main process of a batch with workers starts the fork server once it knows the pack; what it imports first is
    on the way of the workers' start, so the command's module imports neither jinja2 (the dashboard's, loaded while the
    server starts), nor rich's progress bar (on a terminal only), nor the HTML report (the workers')."""
    code = "import sys, engine.cli.batch; print(sorted(m for m in ('jinja2', 'rich.progress', 'engine.render.html') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
