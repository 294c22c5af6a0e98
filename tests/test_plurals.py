"""Every message with a count takes the plural form of its language (issue 12 item 9).

Each plural message of the catalogue is rendered at 0, 1, 2 and 21 in English and French: French puts 0 and 1
in the singular (Babel's plural rule for French), English only 1; the count is in the text and no message
writes "(s)". The catalogue's Plural-Forms header is Babel's rule for the language.
"""

from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR, catalogue

COUNTS = (0, 1, 2, 21)


class Values(dict):
    """The count, and a stand-in for every other placeholder of a message."""

    def __missing__(self, key):
        return "X"


def plural_messages():
    with (Path(LOCALE_DIR) / "fr" / "LC_MESSAGES" / "migov.po").open("rb") as fh:
        catalog = read_po(fh)
    return catalog, [m for m in catalog if m.pluralizable]


def test_the_catalogue_follows_babels_plural_rule_for_french():
    """The catalogue's two forms agree with Babel's CLDR rule ("one" for 0 and 1) at every count tested."""
    _, messages = plural_messages()
    assert messages, "the catalogue has plural messages"
    rule = Locale("fr").plural_form
    m = messages[0]
    for n in (*COUNTS, 3, 100, 1001):
        assert (catalogue("fr").ngettext(*m.id, n) == m.string[0]) == (rule(n) == "one"), n


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("n", COUNTS)
def test_every_plural_message_at_each_count(lang, n):
    _, messages = plural_messages()
    for m in messages:
        singular, plural = m.id
        text = catalogue(lang).ngettext(singular, plural, n)
        one = Locale(lang).plural_form(n) == "one"  # en: 1 only; fr: 0 and 1
        expected = (singular if one else plural) if lang == "en" else (m.string[0] if one else m.string[1])
        assert text == expected, (lang, n, m.id)
        assert "(s)" not in text
        if "{n}" in singular:
            assert str(n) in text.format_map(Values(n=n))


def test_french_agreement_in_the_narrative():
    from engine.render.summary import plural

    assert plural("{n} criterion met", "{n} criteria met", 1, "fr") == "1 critère rempli"
    assert plural("{n} criterion met", "{n} criteria met", 0, "fr") == "0 critère rempli"
    assert plural("{n} criterion met", "{n} criteria met", 21, "fr") == "21 critères remplis"
    assert plural("{n} criterion not yet met", "{n} criteria not yet met", 1, "fr") == "1 critère pas encore rempli"
    assert plural("out of {n} assessed", "out of {n} assessed", 1, "fr") == "sur 1 évalué"
    assert plural("{n} criterion met", "{n} criteria met", 0, "en") == "0 criteria met"
