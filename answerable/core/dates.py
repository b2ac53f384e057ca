"""The formats a date typed as one value is read in (strptime patterns).

`DATE_FORMATS` is the one list for every form field that takes a date as text: UK dates as
people type them (27/03/2026, 27-03-2026, 27 March 2026, 27 Mar 2026) and the ISO form
(2026-03-27) that the ask contract, links and a browser's date picker use. No two formats
read the same text, so their order does not change what a date means.

`SINGLE_VALUE_DATE_FORMATS` is what the GOV.UK date input (web/dates.py) reads when a link
or bookmark gives its date as one value instead of three boxes (`<name>=2026-12-04`,
`04/12/2026`, `04/12/26`, `04-12-2026`, or the boxes' own "4 12 2026").
"""

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"]

SINGLE_VALUE_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %m %Y"]
