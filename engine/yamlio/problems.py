"""The YAML parser's problems in the reader's language (no parser imported here)."""

from __future__ import annotations

from engine.i18n import _

PARSER_DEPTH = 1000  # libyaml's nesting ceiling (PyYAML >= 6.0.4 with the C parser); MIGOV_MAX_DEPTH above it cannot apply


def N_(message: str) -> str:
    """A catalogue message, translated where it is used (:func:`parser_problem`)."""
    return message


_PROBLEMS = (  # the parser's (PyYAML's and libyaml's) English problems a reader meets most, as catalogue messages
    ("did not find expected ',' or ']'", N_("a list written between brackets is not closed: a comma or a closing bracket is expected")),
    ("did not find expected ',' or '}'", N_("a mapping written between braces is not closed: a comma or a closing brace is expected")),
    ("mapping values are not allowed", N_("a colon here would start a second key on the same line: put the text in quotes, or the key on a line of its own")),
    ("found character that cannot start any token", N_("a character that cannot start a value (a tab or @, for instance): put the text in quotes, and indent with spaces")),
    ("could not find expected ':'", N_("a colon is expected after a key")),
    ("did not find expected node content", N_("a value is expected here: a list or a mapping is left open, or a line ends too soon")),
    ("did not find expected key", N_("a key is expected here: check the indentation")),
    ("did not find expected '-' indicator", N_("a list item (a dash) is expected here: check the indentation")),
    ("found unexpected end of stream", N_("the file ends inside a quoted text: a closing quote is missing")),
    ("found undefined alias", N_("an alias (*name) refers to no anchor (&name): put the text in quotes")),
    ("found unknown escape character", N_("a backslash in double quotes starts an unknown escape: use single quotes")),
)


def parser_problem(problem: str) -> str:
    """The YAML parser's problem in the reader's language: a catalogue message for the common ones, else as the parser says it.

    >>> parser_problem("mapping values are not allowed in this context")[:7], parser_problem("something rare")
    ('a colon', 'something rare')
    """
    return next((_(message) for start, message in _PROBLEMS if problem.startswith(start)), problem)
