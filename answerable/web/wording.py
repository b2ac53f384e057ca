"""How the service words dates, periods, money and labels, in one place (pure functions).

GOV.UK style guide: dates as "4 December 2026" (no leading zero, the month in full), times
as "2:30pm", months as "January 2026", financial years as "2025/26", money as "£5.00",
headings and labels in sentence case. Every staff page uses these through the template
filters of the same names (web/templatetags/wording.py), so a page never formats a date,
a period or a sum of money itself.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})[-/](\d{2})$")
# Words that keep their capitals in sentence case: acronyms and proper names.
_KEEP = re.compile(r"^([A-Z0-9]{2,}|[A-Z][a-z]*[A-Z].*|Home|Office|Scotland|Scottish|UK)$")


def govuk_date(value: date | datetime | None) -> str:
    """4 December 2026 (GOV.UK style: no leading zero, the month in full); "" for none."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def govuk_time(value: datetime) -> str:
    """2:30pm, 9am, midday, midnight (GOV.UK style), in UK time."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if local.hour == 12 and local.minute == 0:
        return "midday"
    if local.hour == 0 and local.minute == 0:
        return "midnight"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def govuk_datetime(value: datetime | None) -> str:
    """4 December 2026 at 2:30pm, in UK time; "" for none."""
    if value is None:
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


def period(label: str | None) -> str:
    """A period label as words: "2026-01" is "January 2026", a financial year "2025-26" or
    "2025/26" is "2025/26", a calendar year stays "2025"; anything else unchanged."""
    if label is None:
        return ""
    text = str(label)
    month = _MONTH.match(text)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{MONTHS[int(month.group(2)) - 1]} {month.group(1)}"
    financial = _FINANCIAL_YEAR.match(text)
    if financial and (int(financial.group(1)) + 1) % 100 == int(financial.group(2)):
        return f"{financial.group(1)}/{financial.group(2)}"
    return text


def period_between(first: date | None, last: date | None) -> str:
    """The days a table covers, in words: "1 January 2026 to 31 December 2026"."""
    start = govuk_date(first) if first else "the first record"
    end = govuk_date(last) if last else "the latest record"
    return f"{start} to {end}"


def sentence_case(text: str | None) -> str:
    """ "By Home Office outcome" from "by home office outcome" or "By Home Office Outcome":
    the first letter a capital, the rest lower case except acronyms and proper names."""
    if not text:
        return ""
    words = str(text).replace("_", " ").split(" ")
    out = []
    for index, word in enumerate(words):
        if _KEEP.match(word):
            out.append(word)
        elif index == 0:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
    fixed = " ".join(out)
    # "home office" as two lower-case words is still the Home Office.
    return re.sub(r"\bhome office\b", "Home Office", fixed, flags=re.IGNORECASE)


def pounds(value: Decimal | int | float | str | None) -> str:
    """£5.00, £1,250.50 (GOV.UK style: the pound sign, pence always shown for a sum of
    money with pence); "" for none."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def titled(kind: str, reference: str) -> str:
    """A record named with its kind, once: "Custody episode NCS-1", but "NCCU contact 5654"
    for a record whose own name already starts with its kind (never "NCCU contact NCCU
    contact 5654")."""
    text = str(reference)
    words = kind.split()
    # The kind's last words that the record's name starts with ("Correct NCCU contact" and
    # "NCCU contact 5654" share "NCCU contact"): said once.
    for start in range(len(words)):
        tail = " ".join(words[start:])
        if text.casefold().startswith(tail.casefold() + " ") or text.casefold() == tail.casefold():
            return " ".join([*words[:start], text])
    return f"{kind} {text}".strip()


def in_sentence(text: str | None) -> str:
    """A label inside a sentence: "custody episodes" from "Custody episodes", but "ICCE
    requests" and "NCCU contacts" keep their acronyms."""
    if not text:
        return ""
    first, _, rest = str(text).partition(" ")
    if not _KEEP.match(first):
        first = first.lower()
    return f"{first} {rest}".strip()
