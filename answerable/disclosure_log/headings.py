"""A response letter's headings, renumbered to sit inside a page.

The letter is shown under the page's own h1 and an h2 ("Response"), so its headings must
start at h3 for the outline to stay in order (WCAG 2.2 SC 1.3.1, GOV.UK: headings in order).
"""

import re

_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def demote_headings(html: str, top: int) -> str:
    """`html` (sanitised markup) with its highest heading at level `top` and the others
    moved by as many levels, none below h6."""
    levels = [int(match.group(2)) for match in _HEADING.finditer(html)]
    if not levels:
        return html
    shift = max(0, top - min(levels))

    def renumber(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}"

    return _HEADING.sub(renumber, html)
