"""FOI casework records: one module per record (requests, answers, notices, reviews, appeals)."""

from answerable.casework.models.appeals import CommissionerAppeal, CourtAppeal
from answerable.casework.models.dispatch import Dispatch
from answerable.casework.models.documents import QuestionDocument
from answerable.casework.models.exemptions import CitedExemption, ThirdPartyConsultation
from answerable.casework.models.holds import RecordHold
from answerable.casework.models.letters import IssuedLetter
from answerable.casework.models.questions import RequestQuestion
from answerable.casework.models.requests import InformationRequest, ReferenceSequence
from answerable.casework.models.reviews import Review
from answerable.casework.models.signoff import SignOffDecision, SignOffRequest, SignOffStatus
from answerable.casework.models.tasks import (
    BusinessUnit,
    SearchRecord,
    SearchTask,
    TaskChase,
    TaskKind,
    TaskStatus,
)

__all__ = [
    "BusinessUnit",
    "CitedExemption",
    "CommissionerAppeal",
    "CourtAppeal",
    "Dispatch",
    "InformationRequest",
    "IssuedLetter",
    "QuestionDocument",
    "RecordHold",
    "ReferenceSequence",
    "RequestQuestion",
    "Review",
    "SearchRecord",
    "SearchTask",
    "SignOffDecision",
    "SignOffRequest",
    "SignOffStatus",
    "TaskChase",
    "TaskKind",
    "TaskStatus",
    "ThirdPartyConsultation",
]
