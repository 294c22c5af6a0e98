"""``migov self-assess``: the questionnaire in a terminal (or from an answers file), saving as it goes.

The profile file is written atomically after every answer, so Ctrl-C always leaves a valid partial
profile; running the command again on it resumes at the first unanswered question (``--review`` walks
through them all, Enter keeping each answer).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.authoring.keys import clean, command, word
from engine.authoring.naming import profile_id
from engine.authoring.profilefile import dump, flatten, save
from engine.authoring.questionnaire import UNKNOWN, AnswerError, number_hint, options, parse, plan, relevant
from engine.errors import MigovError
from engine.i18n import SOURCE_LANGUAGE, format_value, translate, typography
from engine.pack.compiled import HEADER_KEYS, Pack
from engine.pack.loading import default_pack
from engine.pack.model import FactDef, Kind
from engine.pack.provenance import LISTS
from engine.yamlio import load_yaml

Read = Callable[[str], str]
Write = Callable[[str], None]


class Session:
    def __init__(self, pack: Pack, path: Path, lang: str, read: Read, write: Write) -> None:
        self.pack, self.path, self.lang = pack, path, lang
        self.read: Read = lambda prompt: read(typography(prompt, lang))  # prompts and lines in the reports' typography
        self.write: Write = lambda text: write(typography(text, lang))
        self.header: dict[str, Any] = {}
        self.answers: dict[str, Any] = {}
        self.current: FactDef | None = None  # the question being answered: back, help and skip apply to it
        self.implied: set[str] = set()  # the follow-ups this session answered from their parent, not asked

    def t(self, s: str) -> str:
        return translate(s, self.lang)

    def save(self) -> None:
        save(self.path, dump(self.header, self.answers, self.pack, self.lang))

    def ask(self, prompt: str, reader: Callable[[str], Any]) -> Any:
        while True:
            try:
                text = clean(self.read(prompt), self.lang)
                move = command(text, self.lang) if self.current is not None else None
                if move == "help":
                    self._help()
                    continue
                if move is not None:
                    raise _Move(move)
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
        self.header.setdefault("id", profile_id(self.header["name"], self.header["kind"]))
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
        """Ask every question not answered yet (all of them with ``review``); after ``back``, the questions up to
        where it was typed are shown again, Enter keeping their answers."""
        sections = plan(self.pack, str(self.header["kind"]), self.lang)
        flat = [(si, section, q.fact) for si, section in enumerate(sections, 1) for q in section.questions]
        i = again_until = shown = 0
        while i < len(flat):
            si, section, fact = flat[i]
            fid, again = fact.id, review or i < again_until
            ask, implied = relevant(self.pack, fact, self.answers)
            if not ask:
                if fid not in self.answers or again or fid in self.implied:
                    self.answers[fid] = implied
                    self.implied.add(fid)
                    self.save()
                i += 1
                continue
            if fid in self.implied:  # ruled out by its parent before; the parent's answer changed since
                self.implied.discard(fid)
                self.answers.pop(fid, None)
            if fid in self.answers and not again:
                i += 1
                continue
            if not shown:
                self.write(self.t("At any question: {back} goes back to the previous one, {help} explains it, {skip} leaves it unknown for now and goes on.")
                           .format(back=word("back", self.lang), help=word("help", self.lang), skip=word("skip", self.lang)))
            if si != shown:
                self.write("")
                self.write(f"── {section.title} " + self.t("(section {i} of {n})").format(i=si, n=len(sections)) + " ──")
                shown = si
            try:
                self._one(fact, f"[{i + 1}/{len(flat)}]", keep=fid in self.answers and again)
            except _Move as move:
                if move.args[0] == "skip":
                    i += 1
                    continue
                back = next((j for j in range(i - 1, -1, -1) if relevant(self.pack, flat[j][2], self.answers)[0]), None)
                if back is None:
                    self.write("      " + self.t("This is the first question."))
                    continue
                again_until, i, shown = max(again_until, i + 1), back, -1
                continue
            i += 1

    def _one(self, fact: FactDef, number: str, keep: bool) -> None:
        """One question asked and saved; ``back`` or ``skip`` (raised as _Move) leave its answer as it was, or unknown."""
        fid = fact.id
        before = (fid in self.answers, self.answers.get(fid), self.header.get("complete"))
        self.current = fact
        self.write(f"{number} {self.pack.text(fact.question, self.lang)}")
        if fact.help:
            self.write(f"      {self.pack.text(fact.help, self.lang)}")
        if keep:
            self.write("      " + self.t("Current answer: {value} — press Enter to keep it").format(value=self._show(fact, self.answers[fid])))
        try:
            value = self._question(fact, keep=keep)
            if value is not _KEEP:
                self.answers[fid] = None if value is UNKNOWN else value
            if fact.type in LISTS and not fact.complete and self.answers.get(fid):
                self._whole(fid)
        except _Move as move:
            had, value, complete = before
            self.answers.pop(fid, None)
            if move.args[0] == "back" and had:
                self.answers[fid] = value
            listed = [f for f in complete or [] if f != fid or move.args[0] == "back"]
            self.header.pop("complete", None)
            if listed:
                self.header["complete"] = listed
            raise
        finally:
            self.current = None
            self.save()

    def _help(self) -> None:
        fact = self.current
        assert fact is not None
        self.write("      " + (self.pack.text(fact.help, self.lang) if fact.help else self.t("There is no more help for this question.")))
        if fact.type.value != "records":
            self._explain_type(fact.type.value, fact.values, fact.items, fact.minimum, fact.maximum)

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
        labels = dict(options(self.pack, fact.values, self.lang))
        if isinstance(value, list):
            return ", ".join(labels.get(v, str(v)) for v in value) if value else self.t("none")
        return labels.get(value, str(value)) if isinstance(value, str) else format_value(value, self.lang)

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
            self.write("      " + number_hint(self.lang, lo, hi))
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


class _Move(Exception):
    """``back`` or ``skip`` typed at a question (its args[0])."""


_KEEP: Any = _Keep()
