"""Casework pages outside the admin (urls.py mounts them at casework/).

cases.py     the case list and logging a new request
case.py      one case from receipt to the disclosure log, and editing one question
actions.py   what is done to a case: refresh its figures, issue its response, close it
statistics.py, letters.py   the quarterly statistics return; the letters as issued
tasks.py     tasking a business unit, chasing it, recording a search
signoff.py   asking for sign-off of a response, and an approver's decision
"""

from answerable.casework.views.actions import close, issue, refresh
from answerable.casework.views.case import case_detail, question_edit, question_published
from answerable.casework.views.cases import case_list, case_new
from answerable.casework.views.dispatch import record_posted, send_again
from answerable.casework.views.letters import letter
from answerable.casework.views.signoff import sign_off_decide, sign_off_request
from answerable.casework.views.statistics import statistics
from answerable.casework.views.tasks import search_record, task_chase, task_new

__all__ = [
    "case_detail",
    "case_list",
    "case_new",
    "close",
    "issue",
    "letter",
    "question_edit",
    "question_published",
    "record_posted",
    "refresh",
    "search_record",
    "send_again",
    "sign_off_decide",
    "sign_off_request",
    "statistics",
    "task_chase",
    "task_new",
]
