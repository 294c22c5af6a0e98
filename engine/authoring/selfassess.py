"""``migov self-assess``: the questionnaire in a terminal (or from an answers file), saving as it goes.

The profile file is written atomically after every answer, so Ctrl-C always leaves a valid partial
profile; running the command again on it resumes at the first unanswered question (``--review`` walks
through them all, Enter keeping each answer).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from engine.authoring.questionnaire import UNKNOWN, AnswerError, options, parse, plan, relevant
from engine.errors import MigovError
from engine.i18n import SOURCE_LANGUAGE, translate
from engine.limits import exceeded, limit
from engine.outputs import write_atomic
from engine.pack.compiled import HEADER_KEYS, Pack
from engine.pack.loading import default_pack
from engine.pack.model import FactDef, Kind
from engine.pack.provenance import LISTS
from engine.yamlio import load_yaml

Read = Callable[[str], str]
Write = Callable[[str], None]


def flatten(pack: Pack, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, answers by fact id, null included) of a profile file's data."""
    header = {k: data[k] for k in HEADER_KEYS if k in data}
    answers: dict[str, Any] = {}

    def walk(mapping: dict[str, Any], prefix: str) -> None:
        for key, value in mapping.items():
            name = prefix + key
            if not prefix and key in HEADER_KEYS:
                continue
            if name in pack.facts:
                answers[name] = value
            elif isinstance(value, dict):
                walk(value, name + ".")

    walk(data, "")
    return header, answers


def dump(header: dict[str, Any], answers: dict[str, Any], pack: Pack, lang: str) -> str:
    data: dict[str, Any] = dict(header)
    for fid in pack.facts:
        if fid not in answers:
            continue
        node = data
        parts = fid.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = answers[fid]
    head = translate("# Written by migov self-assess; null means “don't know”. Run the command again to continue.", lang)
    return head + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save(path: Path, text: str) -> None:
    if len(text.encode("utf-8")) > limit("file"):  # never write a profile migov would then refuse to read
        raise MigovError(exceeded("file", translate("the profile would be {size:.1f} MB").format(size=len(text.encode("utf-8")) / 1e6)), file=str(path))
    write_atomic(path, text)


def _slug(text: str) -> str:
    """An id from a name, accents folded: ``République d’Examplia`` -> ``republique-d-examplia``."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "profile"


class Session:
    def __init__(self, pack: Pack, path: Path, lang: str, read: Read, write: Write) -> None:
        self.pack, self.path, self.lang, self.read, self.write = pack, path, lang, read, write
        self.header: dict[str, Any] = {}
        self.answers: dict[str, Any] = {}

    def t(self, s: str) -> str:
        return translate(s, self.lang)

    def save(self) -> None:
        save(self.path, dump(self.header, self.answers, self.pack, self.lang))

    def ask(self, prompt: str, reader: Callable[[str], Any]) -> Any:
        while True:
            text = self.read(prompt)
            try:
                return reader(text)
            except AnswerError as exc:
                self.write(self.t("  Not understood: {reason}").format(reason=exc))

    def start(self, kind: Kind | None) -> None:
        if self.path.exists():
            data, _ = load_yaml(self.path)
            if not isinstance(data, dict):
                raise MigovError(self.t("expected a mapping with id, name, kind and the profile's facts"), file=str(self.path))
            self.header, self.answers = flatten(self.pack, data)
            if kind is not None and self.header.get("kind") not in (None, kind):
                raise MigovError(self.t("this profile is of kind {kind}").format(kind=self.header.get("kind")), file=str(self.path), field="--kind")
        if not self.header.get("name"):
            self.header["name"] = self.ask(self.t("Name of the country or partnership: "), self._text)
        if not self.header.get("kind"):
            if kind is None:
                choices = ", ".join(f"{i}) {self.pack.kind_label(k, self.lang)}" for i, k in enumerate(self.pack.kinds, 1))
                kind = self.ask(self.t("Which kind is it: {choices}? ").format(choices=choices), self._kind)
            self.header["kind"] = kind
        self.header.setdefault("id", _slug(self.header["name"]))
        self.header.setdefault("language", self.lang)
        if self.pack.id != default_pack():  # the default pack needs no "pack" header
            self.header.setdefault("pack", self.pack.id)
        self.header = {k: self.header[k] for k in HEADER_KEYS if k in self.header}
        self.save()  # the first save: id, name, kind and language together, so the partial profile validates

    def _text(self, text: str) -> str:
        if not text.strip():
            raise AnswerError(self.t("please answer, or type ? if you don't know"))
        return text.strip()

    def _kind(self, text: str) -> str:
        """A kind by its number, its id, or its name in this language or in English."""
        low = text.strip().lower()
        for i, kind in enumerate(self.pack.kinds, 1):
            if low in {str(i), kind, *(self.pack.kind_label(kind, lang).lower() for lang in (self.lang, SOURCE_LANGUAGE))}:
                return kind
        raise AnswerError(self.t("answer a number from 1 to {n}").format(n=len(self.pack.kinds)))

    def run(self, review: bool = False) -> None:
        sections = plan(self.pack, str(self.header["kind"]), self.lang)
        total = sum(len(s.questions) for s in sections)
        n = 0
        for si, section in enumerate(sections, 1):
            shown = False
            for q in section.questions:
                n += 1
                fid = q.fact.id
                if fid in self.answers and not review:
                    continue
                ask, implied = relevant(self.pack, q.fact, self.answers)
                if not ask:
                    if fid not in self.answers or review:
                        self.answers[fid] = implied
                        self.save()
                    continue
                if not shown:
                    self.write("")
                    self.write(f"── {section.title} " + self.t("(section {i} of {n})").format(i=si, n=len(sections)) + " ──")
                    shown = True
                self.write(f"[{n}/{total}] {self.pack.text(q.fact.question, self.lang)}")
                if q.fact.help:
                    self.write(f"      {self.pack.text(q.fact.help, self.lang)}")
                if review and fid in self.answers:
                    self.write("      " + self.t("Current answer: {value} — press Enter to keep it").format(value=self._show(q.fact, self.answers[fid])))
                value = self._question(q.fact, keep=fid in self.answers and review)
                if value is not _KEEP:
                    self.answers[fid] = None if value is UNKNOWN else value
                if q.fact.type in LISTS and not q.fact.complete and self.answers.get(fid):
                    self._whole(fid)
                self.save()

    def _whole(self, fid: str) -> None:
        """Whether a list that names some items names them all (the profile's ``complete``); Enter keeps the
        answer given before, else "no": the list names at least these items."""
        listed = list(self.header.get("complete") or [])
        was = fid in listed
        self.write("      " + self.t("Does this answer name every item? yes / no (Enter: {default})").format(default=self.t("yes") if was else self.t("no")))
        whole = self.ask("> ", lambda text: parse(self.pack, "bool", None, None, text, self.lang) is True if text.strip() else was)
        listed = [f for f in listed if f != fid] + ([fid] if whole else [])
        if listed:
            self.header["complete"] = listed
        else:
            self.header.pop("complete", None)

    def _show(self, fact: FactDef, value: Any) -> str:
        if value is None:
            return self.t("don't know")
        if isinstance(value, bool):
            return self.t("yes") if value else self.t("no")
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return self.t("{n} records").format(n=len(value))
        return str(value)

    def _question(self, fact: FactDef, keep: bool) -> Any:
        pack, lang = self.pack, self.lang
        ftype = fact.type.value
        if ftype == "records":
            return self._records(fact, keep)
        self._explain_type(ftype, fact.values, fact.items, fact.minimum, fact.maximum)

        def reader(text: str) -> Any:
            if keep and not text.strip():
                return _KEEP
            return parse(pack, ftype, fact.values, fact.items, text, lang, fact.minimum, fact.maximum)

        return self.ask("> ", reader)

    def _explain_type(self, ftype: str, values: Any, items: Any, lo: Any = None, hi: Any = None) -> None:
        if ftype == "bool":
            self.write("      " + self.t("yes / no / ? (don't know)"))
        elif ftype in ("enum", "list") and items != "text":
            for i, (_, label) in enumerate(options(self.pack, values, self.lang), 1):
                self.write(f"      {i}) {label}")
            self.write("      " + (self.t("One number, or ? (don't know)") if ftype == "enum" else
                                  self.t("Numbers separated by commas, 'none' if none, or ? (don't know)")))
        elif ftype == "list":
            self.write("      " + self.t("Values separated by commas, 'none' if none, or ? (don't know)"))
        elif ftype == "number":
            bounds = "" if lo is None and hi is None else f" ({lo if lo is not None else '…'} – {hi if hi is not None else '…'})"
            self.write("      " + self.t("A number{bounds}, or ? (don't know)").format(bounds=bounds))
        else:
            self.write("      " + self.t("Text, or ? (don't know)"))

    def _records(self, fact: FactDef, keep: bool) -> Any:
        def yes_no(text: str) -> Any:
            if keep and not text.strip():
                return _KEEP
            return parse(self.pack, "bool", None, None, text, self.lang)

        self.write("      " + self.t("Are there any? yes / no / ? (don't know)"))
        first = self.ask("> ", yes_no)
        if first is _KEEP or first is UNKNOWN:
            return first
        records: list[dict[str, Any]] = []
        more = bool(first)
        while more:
            record: dict[str, Any] = {}
            for fd in fact.fields or []:
                label = self.pack.text(fd.label, self.lang)
                self.write(f"      {self.t('Record {n}').format(n=len(records) + 1)} — {label}" + ("" if fd.required else " " + self.t("(optional: Enter to skip)")))
                self._explain_type(fd.type, fd.values, fd.items)

                def field_reader(text: str, fd: Any = fd) -> Any:
                    if not text.strip() and not fd.required:
                        return UNKNOWN
                    value = parse(self.pack, fd.type, fd.values, fd.items, text, self.lang)
                    if value is UNKNOWN and fd.required:
                        raise AnswerError(self.t("this field is needed for the record"))
                    return value

                value = self.ask("> ", field_reader)
                if value is not UNKNOWN:
                    record[fd.id] = value
            records.append(record)
            self.write("      " + self.t("Add another? yes / no"))
            more = bool(self.ask("> ", lambda text: parse(self.pack, "bool", None, None, text, self.lang) is True))
        return records


class _Keep:
    pass


_KEEP: Any = _Keep()
