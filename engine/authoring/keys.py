"""What is typed at a self-assessment prompt: no terminal escape sequence is ever taken for an answer, and the
words that move in the questionnaire (back, help, skip) in the user's language and in English."""

from __future__ import annotations

import re
from functools import cache

from engine.authoring.questionnaire import AnswerError
from engine.i18n import SOURCE_LANGUAGE, translate

COMMANDS = {"back": "back|previous", "help": "help", "skip": "skip"}
"""Message ids whose translation in each catalogue lists that language's words, e.g. "retour|précédente"."""

_PASTE = re.compile("\x1b\\[20[01]~")  # a terminal's bracketed-paste markers around pasted text: harmless, dropped
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # ESC of an arrow key (\x1b[D), other C0 and C1 controls; tab allowed


def clean(text: str, lang: str) -> str:
    """The answer as typed, or AnswerError when it holds a key the terminal sent as an escape sequence (an arrow
    key where there is no line editing: ``Testlan\\x1b[Dd``), which would otherwise be saved in the profile."""
    text = _PASTE.sub("", text).strip("\r\n")
    if _CONTROL.search(text):
        raise AnswerError(translate("the answer holds keys that are not text (an arrow key?); type it again", lang))
    return text.replace("\t", " ")


@cache
def commands(lang: str) -> dict[str, str]:
    """Each word typed (lowercase) -> back, help or skip: this language's words, then the English ones."""
    found: dict[str, str] = {}
    for code in dict.fromkeys((lang, SOURCE_LANGUAGE)):
        for key, msgid in COMMANDS.items():
            for word in translate(msgid, code).split("|"):
                found.setdefault(word.strip().lower(), key)
    found.pop("", None)
    return found


def command(text: str, lang: str) -> str | None:
    """back, help or skip when the answer is one of their words, else None."""
    return commands(lang).get(text.strip().lower())


def word(key: str, lang: str) -> str:
    """The word announced for a command in ``lang`` (the first of its list)."""
    return translate(COMMANDS[key], lang).split("|")[0]
