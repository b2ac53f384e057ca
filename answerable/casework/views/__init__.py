"""Casework pages outside the admin (urls.py mounts them at casework/).

cases.py     the case list and logging a new request
case.py      one case from receipt to the disclosure log, and editing one question
actions.py   what is done to a case: refresh its figures, issue its response, close it
statistics.py, letters.py   the quarterly statistics return; the letters as issued
"""

from answerable.casework.views.actions import close, issue, refresh
from answerable.casework.views.case import case_detail, question_edit
from answerable.casework.views.cases import case_list, case_new
from answerable.casework.views.dispatch import record_posted, send_again
from answerable.casework.views.letters import letter
from answerable.casework.views.statistics import statistics

__all__ = [
    "case_detail",
    "case_list",
    "case_new",
    "close",
    "issue",
    "letter",
    "question_edit",
    "record_posted",
    "refresh",
    "send_again",
    "statistics",
]
