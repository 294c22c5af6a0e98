"""Every command's help, in one place, so that ``migov --help`` lists the commands without importing them."""

from __future__ import annotations

from engine.i18n import _, languages


def metavar(name: str) -> str:
    """How ``--help`` and click's errors name an argument, in the current language (« migov assess PROFIL »)."""
    return {"profile": _("PROFILE"), "rule": _("RULE")}[name]


def command_help(name: str) -> str:
    """The help of a command (``rules lint`` for a subcommand), in the current language."""
    langs = "/".join(code.upper() for code in languages())  # the languages migov has: a catalogue each
    return {
        "": _("migov: assess migration-governance partnerships against a rule pack ({languages}).").format(languages=langs),
        "assess": _("Assess PROFILE (a YAML profile, - for standard input, a filled workbook .xlsx or an HTML report) and report scores, gaps and recommendations."),
        "explain": _("A rule in plain words; with --profile, why it is met, a gap or unknown for that profile."),
        "self-assess": _("Answer the questionnaire in the terminal; the profile is saved after every answer and resumes where it stopped."),
        "init": _("Write a profile template: every question, its help and allowed answers as comments."),
        "template": _("Write a questionnaire to fill in: a workbook (.xlsx) or a YAML profile template."),
        "batch": _("Assess many profiles in parallel: a JSON and HTML report each, summary.csv and a dashboard (index.html)."),
        "compare": _("What improved and what regressed between two rounds (profiles, JSON assessments or HTML reports)."),
        "rules": _("Tools for rule packs."),
        "rules test": _("Run every rule's examples and the pack's example profiles; show what no example exercises."),
        "rules lint": _("Check a rule pack and report every problem at once."),
        "rules docs": _("Write the rulebook of a pack (HTML or Markdown; languages: {languages}).").format(languages=langs),
        "rules schema": _("Write JSON Schemas for the pack's files and for its profiles (for editors)."),
        "rules diff": _("What changed between two versions of a pack, and how the example profiles' scores move."),
        "rules list": _("List the bundled rule packs."),
        "rules export": _("Copy a bundled pack's folder into DIR, to edit it and use it with --rules DIR."),
        "examples": _("List the bundled example profiles; --copy DIR copies them into a folder to try and edit."),
        "doctor": _("Check Python, the optional extras (PDF, browser tests), write access and the packs; say what to install."),
    }[name]
