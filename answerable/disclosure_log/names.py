"""The forms a requester's name takes in a letter, for the anonymiser to remove.

A request is signed "Zelda Quixote-Marchbanks", the officer's notes say "Ms Quixote-
Marchbanks", the request itself says "Zelda asks" or is signed "Z. Quixote-Marchbanks", and
a reply quotes "Ms Quixote Marchbanks" without the hyphen. Each of these identifies the
requester, whose identity is their personal data (UK GDPR art 4(1)); publishing it on the
disclosure log would be a disclosure FOISA s38(1)(b) itself exempts. So the log removes
every form, not only the name as typed.

Never the surname alone: a requester called Govan or Newton-Stewart must not take a custody
centre or a town out of the published tables. Every form is anchored by a title, a given
name or an initial. A given name alone is removed ("Zelda asks"), since a letter quotes
requesters by it and it names no place the letters print.

Pure functions, no Django.
"""

import re

# Titles a letter may put before a surname (with or without a full stop).
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Rev",
    "Lord",
    "Lady",
)
_TITLE_WORDS = {title.casefold() for title in TITLES}
# Words that belong to the surname that follows them ("van der Berg", "de la Cruz").
_PARTICLES = {"van", "von", "der", "den", "de", "du", "da", "di", "del", "la", "le", "st", "st."}
# Hyphens as typed: hyphen-minus, hyphen, non-breaking hyphen, en dash.
_HYPHENS = "-\u2010\u2011\u2013"
_HYPHEN = re.compile(f"\\s*[{_HYPHENS}]\\s*")


def _is_title(word: str) -> bool:
    return word.rstrip(".").casefold() in _TITLE_WORDS


def split_name(name: str) -> tuple[str, list[str], str]:
    """(title, given names, surname) of a name as written: "Ms Zelda Quixote-Marchbanks"
    gives ("Ms", ["Zelda"], "Quixote-Marchbanks"). A one-word name is a given name."""
    words = name.split()
    title = ""
    while words and _is_title(words[0]) and len(words) > 1:
        title = f"{title} {words.pop(0)}".strip()
    if len(words) <= 1:
        return title, words, ""
    surname = [words.pop()]
    while len(words) > 1 and words[-1].casefold() in _PARTICLES:
        surname.insert(0, words.pop())
    return title, words, " ".join(surname)


def _spellings(surname: str) -> list[str]:
    """The surname as written, and with its hyphens as spaces or as nothing."""
    if not _HYPHEN.search(surname):
        return [surname]
    return [surname, _HYPHEN.sub(" ", surname), _HYPHEN.sub("", surname)]


def name_variants(name: str) -> list[str]:
    """Every form of `name` a letter may carry, longest first (so that the anonymiser takes
    "Ms Z. Quixote-Marchbanks" whole rather than leave the title): the name as given; with
    any title and each surname spelling: "Zelda Quixote-Marchbanks", "Ms Quixote-Marchbanks"
    (every title), "Z. Quixote-Marchbanks", "Z Quixote-Marchbanks", "Quixote-Marchbanks,
    Zelda", and the given name alone; never the surname alone.
    Empty for a blank name."""
    if not name.strip():
        return []
    written = " ".join(name.split())
    title, given, surname = split_name(written)
    forms: list[str] = [written]
    surname_parts = {part.casefold() for part in _HYPHEN.sub(" ", surname).split()}
    if given and len(given[0].rstrip(".")) >= 2 and given[0].casefold() not in surname_parts:
        # The given name alone ("Zelda asks"); not a bare initial, which is no name, nor
        # one that is also the surname (it would be the surname alone).
        forms.append(given[0])
    if surname:
        initials = [word.rstrip(".")[0] for word in given if word.rstrip(".")]
        for spelling in _spellings(surname):
            with_given = [
                " ".join([*given, spelling]),
                " ".join([given[0], spelling]) if given else "",
            ]
            with_initials = [
                " ".join([*(f"{i}." for i in initials), spelling]) if initials else "",
                " ".join([*initials, spelling]) if initials else "",
                f"{''.join(initials)} {spelling}" if len(initials) > 1 else "",
                f"{initials[0]}. {spelling}" if initials else "",
                f"{initials[0]} {spelling}" if initials else "",
            ]
            titled = [f"{t} {spelling}" for t in TITLES] + [f"{t}. {spelling}" for t in TITLES]
            if title:
                titled += [f"{title} {form}" for form in [*with_given, *with_initials] if form]
            reversed_ = (
                [f"{spelling}, {' '.join(given)}", f"{spelling}, {given[0]}"] if given else []
            )
            forms += [*with_given, *with_initials, *titled, *reversed_]
    unique = {" ".join(form.split()).casefold(): " ".join(form.split()) for form in forms if form}
    return sorted(unique.values(), key=lambda form: (-len(form), form))
