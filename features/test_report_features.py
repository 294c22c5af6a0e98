"""Steps for the report scenarios (rapport_ministre.feature): the report rendered as the CLI renders it."""

import html
import re
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from engine.assess import file_digests
from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from engine.render import Job, render
from engine.render.summary import narrative
from tests.helpers import ROOT

scenarios("rapport_ministre.feature")


@given(parsers.parse('le profil fourni "{name}"'), target_fixture="profile")
def bundled_profile(name: str) -> Any:
    return load_profile(ROOT / "profiles" / f"{name}.yaml", load_pack("idm2018"))


@when(parsers.parse('son rapport est produit en "{lang}" au format "{fmt}"'), target_fixture="report")
def produced(profile: Any, lang: str, fmt: str) -> dict[str, Any]:
    pack = load_pack("idm2018")
    a = assess(pack, profile, lang)
    out = render(fmt, Job(a, pack, profile, file_digests(pack)))
    assert isinstance(out, str)
    if fmt == "html":
        out = html.unescape(re.sub(r"<[^>]+>", "", out.split("<body>")[1].split('<script type="application/json"')[0]))
    out = re.sub(r" *\n *", "\n", out)
    if fmt == "text":  # lines wrapped at 100 columns, joined again
        out = re.sub(r"(?<=\S)\n(?=[^\s\d-])", " ", out)
    return {"text": out, "assessment": a, "pack": pack, "lang": lang}


@then("il commence par le score global, sa couverture et sa fourchette")
def starts_with_result(report: dict[str, Any]) -> None:
    text = report["text"]
    # 2.0: the unknowns allow two bands, so the result names both (never one alone)
    found = re.search("Score global\u00a0: 52,4 / 100, entre les niveaux «\u202fStade initial\u202f» et «\u202fEn cours de développement\u202f»\u202f;\\s+72\u00a0% des faits", text)
    assert found is not None
    first = found.start()
    assert "entre 36,9 et 64,2" in text[first:first + 400]
    assert first < text.index("Actions prioritaires")


@then("il donne 3 actions prioritaires, chacune avec le critère, la dimension, le gain au plus et son fondement")
def three_actions(report: dict[str, Any]) -> None:
    text = report["text"]
    part = text[text.index("Actions prioritaires"):]
    assert part.count("Effet attendu\u00a0: le critère «\u202f") >= 3
    assert len(re.findall(r"gagnerait\s+(?:au\s+plus|de\s+\S+\s+à)\s", part)) >= 3 and part.count("Fondement\u00a0:") >= 3  # a range where the unknowns change it
    assert re.search(r"Données\s+\(Pacte\s+mondial,\s+objectif\s+1\)", part)  # cited the French way (review A6)
    assert re.search(r"Référence\u00a0:\s*`?SR-CS-ROLE", part)  # the rule code, only as a reference


@then("il indique la date de l'évaluation, la date des faits, le jeu de règles en toutes lettres et les sources")
def dated_and_sourced(report: dict[str, Any]) -> None:
    text = report["text"]
    for words in ("Date de l’évaluation", "Date des faits", "version 1.0.0 (jeu de règles «\u202fidm2018\u202f»)", "Sources des faits", "Références citées",
                  "Note conceptuelle de l’IDM 2018"):
        assert words in text, words


@then("il précise qu'il s'agit d'un outil d'auto-évaluation, ni un classement ni une classification officielle")
def disclaimer(report: dict[str, Any]) -> None:
    flat = re.sub(r"[ \n]+", " ", report["text"])
    assert "outil d’auto-évaluation" in flat and "ni un classement" in flat and "ni une classification officielle" in flat


@then("il donne la commande qui le reproduit")
def command(report: dict[str, Any]) -> None:
    assert "migov assess PROFIL --rules idm2018 --lang fr --format" in report["text"]


@then("le texte suit la typographie française")
def french_typography(report: dict[str, Any]) -> None:
    text = report["text"]
    assert not re.search(r"\w'\w", text), "straight apostrophe"
    assert not re.search(r"\w :", text) and not re.search(r"[\w»)] [;?!](\s|$)", text), "ordinary space before : ; ? !"
    assert "« " not in text and " »" not in text


@then("aucune dimension comportant une lacune n'est dite bien développée")
def no_contradiction(report: dict[str, Any]) -> None:
    a = report["assessment"]
    n = narrative(a, report["pack"], report["lang"])
    with_gap = [d for d in a.dimensions if d.counts.gap]
    assert with_gap and not {d.id for d in with_gap} & set(n["ids"]["well_developed"])
    assert "Aucune dimension ne présente de lacune connue" not in report["text"]
    rights = next(d for d in a.dimensions if d.id == "rights_protection")
    assert rights.score is not None and rights.score >= 80 and rights.counts.gap == 1  # 85,7 with a gap: not well developed
    assert rights.id in n["ids"]["potential"]
