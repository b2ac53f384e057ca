"""Anonymising a response letter before it goes on the public disclosure log.

The log publishes to everyone what was sent to one requester. The requester's identity is
their personal data (UK GDPR art 4(1)), and publishing it would be a disclosure that FOISA
s38(1)(b) (FOIA s40(2)) itself exempts, so it is removed first: the strings the caller names
(the requester's name, e-mail and address lines), and any e-mail address, UK phone number or
UK postcode still left in the text. The authority's own published contact details, which
every notice must carry (s19: the review and Commissioner rights and where to send them),
can be kept by naming them in `keep`.

Pure functions, no Django. The same finders serve `anonymise` and `personal_data_left`, so
a letter that `anonymise` returns passes the check. Matching:

- A given string matches case-insensitively, across any run of whitespace (spaces, line
  breaks, non-breaking spaces) and across markup between its words ("Jane <b>Smith</b>"),
  with straight or curly apostrophes alike. It matches whole words only, so "Ann" does not
  strike "Annual".
- Phone numbers, postcodes and e-mail addresses are found by pattern (see below); a finding
  equal to a `keep` entry (ignoring case and spacing) is left in place.
"""

import html as html_lib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nh3

from answerable.core.personal_data import EMAIL, POSTCODE

# What replaces each finding: neutral, and holding nothing any finder matches.
MARK = "[personal data removed]"

# The markup a response letter needs: headings, paragraphs, lists, tables (seed 001's table
# of custodies by station), emphasis and links. Not images (a scanned signature is personal
# data, and a remote image is a tracking beacon), forms, scripts or styles.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "address",
        "b",
        "blockquote",
        "br",
        "caption",
        "col",
        "colgroup",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "th": {"scope", "colspan", "rowspan", "headers"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# The classes the response letter's print stylesheet lays its pages out by
# (casework/letters/letter.css), so that the log's PDF of the anonymised letter prints as the
# letter did: the letterhead, the protective marking and reference on every page, table rules,
# a question kept with its answer, a table not split from its total row. Named classes only,
# on any allowed tag: no style, nothing a page could run.
LETTER_CLASSES = frozenset(
    {
        "advice",
        "answer",
        "asked",
        "authority",
        "average-line",
        "closing",
        "cost",
        "cost-line",
        "exempt",
        "exemption",
        "fees",
        "figure-notes",
        "figure-terms",
        "figures",
        "figures-block",
        "figures-block--whole",
        "letterhead",
        "marking",
        "ncnd",
        "not-held",
        "number",
        "question",
        "reference",
        "reference-value",
        "refusal",
        "review",
        "rights",
        "salutation",
        "table-notes",
        "threshold-reason",
        "total",
        "unit",
        "vexatious",
        "enclosures",
    }
)
ALLOWED_CLASSES = {tag: LETTER_CLASSES for tag in ALLOWED_TAGS}
# Elements removed with their content: a letter's <title> repeats its heading, and would
# otherwise be left as loose text at the top of the published copy.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "title"})

# Tags that end a line of text: words on either side of one are separate words.
_BLOCK_TAGS = frozenset(
    {
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "address",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)

# Sanitised HTML (html5ever's serialisation) escapes "<" and ">" inside attribute values and
# text, so every "<...>" is exactly one tag.
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_ATTRIBUTE = re.compile(r'(\s[^\s="]+=")([^"]*)(")')

_APOSTROPHES = "'\u2019\u2018"  # straight, right and left single quotation marks

# UK numbers (Ofcom's National Telephone Numbering Plan): 0 and 9 or 10 more digits
# nationally ("0141 123 4567", "07700 900123", "(01463) 720508"), or +44 / 0044 and the
# same digits without the 0 ("+44 7700 900123", "+44 (0)141 496 0000"). Every group after the
# prefix has at least two digits, so a row of single-digit counts is not a phone number;
# whitespace of any kind may separate groups (a number wrapped across lines in a PDF).
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?P<international>(?:\+|00)\s*44\s*(?:\(0\)\s*)?)\(?\d{2,5}\)?"
    r"|\(?0\d{2,5}\)?)"
    r"(?:[\s-]*\d{2,8}){1,3}"
    r"(?!\w)"
)


_NUL = "\x00"


@dataclass(frozen=True)
class Finding:
    """Where personal data was found in a text, and what kind: never the data itself."""

    start: int
    end: int
    kind: str

    def describe(self) -> str:
        return f"{self.kind} at character {self.start}"


def sanitise(html: str) -> str:
    """`html` with only safe markup left (ammonia, via nh3): no scripts, styles, event
    handlers, images or javascript: links; tables, headings, paragraphs and lists kept, and
    of classes only the letter's layout classes (ALLOWED_CLASSES)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        clean_content_tags=set(REMOVED_WITH_CONTENT),
    )


def anonymise(html: str, personal: Sequence[str], *, keep: Sequence[str] = ()) -> str:
    """The sanitised `html` with every given personal string, e-mail address, UK phone
    number and UK postcode replaced by MARK (those equal to a `keep` entry excepted).

    Markup is kept: a name split across tags loses its text, not the tags around it.
    Attribute values (a mailto: link) are anonymised too.
    """
    finders = _Finders(personal, keep)
    parts = _TAG.split(sanitise(html))
    texts = [html_lib.unescape(part) for part in parts[0::2]]
    plain, starts = _project(parts, texts)
    owner = _owners(len(plain), finders.find(plain))

    out: list[str] = []
    marked: set[int] = set()
    for index, part in enumerate(parts):
        if index % 2:
            out.append(_anonymise_attributes(part, finders))
            continue
        text = texts[index // 2]
        offset = starts[index // 2]
        kept: list[str] = []
        for position, char in enumerate(text):
            span = owner[offset + position]
            if span < 0:
                kept.append(char)
            elif span not in marked:
                marked.add(span)
                kept.append(MARK)
        out.append(html_lib.escape("".join(kept), quote=False))
    return sanitise("".join(out))


def anonymise_text(text: str, personal: Sequence[str], *, keep: Sequence[str] = ()) -> str:
    """Plain `text` (a title, a summary) anonymised as `anonymise` does a letter."""
    return _replace(text.replace(_NUL, ""), _Finders(personal, keep))


def html_text(html: str) -> str:
    """The text a reader sees in `html`, one line per block (paragraph, cell, heading)."""
    parts = _TAG.split(html)
    plain, _ = _project(parts, [html_lib.unescape(part) for part in parts[0::2]])
    return "\n".join(line.strip() for line in plain.splitlines() if line.strip())


def personal_data_left(
    text: str, personal: Sequence[str], *, keep: Sequence[str] = ()
) -> list[str]:
    """What personal data a check finds in plain `text` (e.g. the text of a PDF): one
    description per finding, naming its kind and position but never the data itself, so that
    the result can go into an error message or a log. Empty when nothing is found.

    Whitespace is normalised first (a PDF's text breaks lines anywhere), and MARKs are read as
    a break that joins nothing, so a removal never counts as a finding.
    """
    normal = " ".join(text.replace(_NUL, "").split())
    return [finding.describe() for finding in _Finders(personal, keep).find(normal)]


class _Finders:
    def __init__(self, personal: Sequence[str], keep: Sequence[str]) -> None:
        if isinstance(personal, str):
            raise TypeError("personal must be a sequence of strings, not one string")
        self.personal = [_personal_pattern(value, index) for index, value in enumerate(personal)]
        self.keep = {_normal(value) for value in keep if value.strip()}

    def find(self, text: str) -> list[Finding]:
        # A MARK already there is never found again (so anonymising twice changes nothing),
        # and it joins nothing either side of it: each of its characters becomes a NUL, which
        # no finder matches, keeping every position where it was.
        masked = text.replace(MARK, _NUL * len(MARK))
        return sorted(self._find(masked), key=lambda finding: (finding.start, finding.end))

    def _find(self, text: str) -> Iterator[Finding]:
        for index, pattern in enumerate(self.personal, start=1):
            for match in pattern.finditer(text):
                yield Finding(match.start(), match.end(), f"given personal data item {index}")
        for match in EMAIL.finditer(text):
            if not self._kept(match.group()):
                yield Finding(match.start(), match.end(), "e-mail address")
        for match in _PHONE.finditer(text):
            end = _phone_end(match)
            if end is not None and not self._kept(text[match.start() : end]):
                yield Finding(match.start(), end, "UK phone number")
        for match in POSTCODE.finditer(text):
            if not self._kept(match.group()):
                yield Finding(match.start(), match.end(), "UK postcode")

    def _kept(self, found: str) -> bool:
        return _normal(found) in self.keep


def _personal_pattern(value: str, index: int) -> re.Pattern[str]:
    if not isinstance(value, str):
        raise TypeError(f"personal[{index}] must be a string, not {type(value).__name__}")
    words = value.split()
    if not words:
        raise ValueError(f"personal[{index}] is blank: name the personal data to remove")
    body = r"\s+".join("".join(_char_pattern(char) for char in word) for word in words)
    before = r"(?<!\w)" if _is_word_char(words[0][0]) else ""
    after = r"(?!\w)" if _is_word_char(words[-1][-1]) else ""
    return re.compile(before + body + after, re.IGNORECASE)


def _char_pattern(char: str) -> str:
    return f"[{_APOSTROPHES}]" if char in _APOSTROPHES else re.escape(char)


def _is_word_char(char: str) -> bool:
    return re.match(r"\w", char) is not None


def _normal(value: str) -> str:
    return "".join(value.split()).casefold()


def _phone_end(match: re.Match[str]) -> int | None:
    """Where the phone number that `match` starts ends: after the longest run of its digit
    groups that makes 9 or 10 digits after the 0 or the +44 (the (0) of "+44 (0)141" not
    counted), so that "0141 123 4567 24 hours" loses the number and keeps "24 hours". None if
    no run does."""
    prefix = len(match.group("international") or "")
    found = match.group()[prefix:]
    wanted = (9, 10) if prefix else (10, 11)
    digits = 0
    end = None
    for group in re.finditer(r"\d+", found):
        digits += len(group.group())
        if digits in wanted:
            end = match.start() + prefix + group.end()
    return end


def _project(parts: list[str], texts: list[str]) -> tuple[str, list[int]]:
    """The text of split HTML `parts`, a line break standing for each block tag, and where
    each text part starts in it."""
    chunks: list[str] = []
    starts: list[int] = []
    position = 0
    for index, part in enumerate(parts):
        if index % 2:
            name = _TAG_NAME.match(part)
            chunk = "\n" if name and name.group(1).lower() in _BLOCK_TAGS else ""
        else:
            starts.append(position)
            chunk = texts[index // 2]
        chunks.append(chunk)
        position += len(chunk)
    return "".join(chunks), starts


def _owners(length: int, findings: list[Finding]) -> list[int]:
    """For each character, the number of the merged finding that covers it, or -1."""
    owner = [-1] * length
    span = -1
    end = -1
    for finding in findings:
        if finding.start >= end:
            span += 1
        end = max(end, finding.end)
        for position in range(finding.start, finding.end):
            owner[position] = span
    return owner


def _replace(text: str, finders: _Finders) -> str:
    owner = _owners(len(text), finders.find(text))
    out: list[str] = []
    marked: set[int] = set()
    for char, span in zip(text, owner, strict=True):
        if span < 0:
            out.append(char)
        elif span not in marked:
            marked.add(span)
            out.append(MARK)
    return "".join(out)


def _anonymise_attributes(tag: str, finders: _Finders) -> str:
    def value(match: re.Match[str]) -> str:
        plain = _replace(html_lib.unescape(match.group(2)), finders)
        return match.group(1) + html_lib.escape(plain, quote=True) + match.group(3)

    return _ATTRIBUTE.sub(value, tag)
