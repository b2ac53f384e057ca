"""A register label as a reader sees it.

The answer engine's labels are the interchange vocabulary (`domestic_abuse`, `not_recorded`,
`in_custody`), which `--where`, the JSON document and the CSV keep so that they can be read
back by a program. A page or a letter is read by a person: `Domestic abuse`, `Not recorded`.
Station names, division codes, months and bands such as `0-24` are shown unchanged.
"""


def reader_label(text: str | None) -> str:
    if text is None:
        return "Not recorded"
    if "_" in text or (text.isalpha() and text.islower()):
        spaced = text.replace("_", " ")
        return spaced[:1].upper() + spaced[1:]
    return text
