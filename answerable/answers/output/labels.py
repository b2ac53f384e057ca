"""A register label as a reader sees it.

The answer engine's labels are the interchange vocabulary (`domestic_abuse`, `not_recorded`,
`in_custody`), which `--where`, the JSON document and the CSV keep so that they can be read
back by a program. A page or a letter is read by a person: `Domestic abuse`, `Not recorded`.
Months are words ("January 2026", web/wording.py); station names, division codes, years and
bands such as `0-24` are shown unchanged.
"""

from answerable.web.wording import period


def reader_label(text: str | None) -> str:
    if text is None:
        return "Not recorded"
    if (words := period(text)) != text:
        return words
    if "_" in text or (text.isalpha() and text.islower()):
        spaced = text.replace("_", " ")
        return spaced[:1].upper() + spaced[1:]
    return text
