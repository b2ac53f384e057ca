"""The answer pages (urls.py mounts them at answers/).

page.py      the question form, and its answer: table, chart, notes and cost
download.py  the answer as CSV, XLSX or PDF (downloads.py writes them)
attach.py    keeping the answer's query on an FOI case (the view is casework/answer_page.py)
running.py   running a question for a page, with its audit entry; tables.py: its table
ledger.py    the release ledger, for the disclosure manager and the data protection officer
"""

from answerable.answers.views.attach import attach
from answerable.answers.views.download import download
from answerable.answers.views.ledger import ledger, release_detail
from answerable.answers.views.page import index

__all__ = ["attach", "download", "index", "ledger", "release_detail"]
