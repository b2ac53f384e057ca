"""Published statistics: the common questions answered once, for everyone, on a calendar.

A release definition (models.ReleaseDefinition) is a set of tables, each a catalogue question
with its breakdowns, filters, bands and period (the release's quarter or the financial year
to date). `answerable release prepare --period 2026-Q3` counts them from the register as ONE
release, protected against the release ledger (answers/ledger: every FOI answer, API answer
and earlier edition); a disclosure manager other than the one who prepared it checks it;
`answerable release publish-due` (run by the same scheduler as `answerable remind`)
publishes it on its announced date, recording it in the ledger. A revision is a new edition
of the same period, published with its reason; the edition it revises is kept.

periods.py   quarters and financial years of a release
services.py  announce, prepare, check, publish; finding a published table for a question
views.py     the public pages: latest release, editions, calendar, CSV and CSV on the Web
api.py       the open JSON endpoint (listed in the systems API's OpenAPI document)
"""
