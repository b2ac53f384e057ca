"""FOI casework records: one module per record (requests, answers, notices, reviews, appeals)."""

from answerable.casework.models.appeals import CommissionerAppeal, CourtAppeal
from answerable.casework.models.exemptions import CitedExemption, ThirdPartyConsultation
from answerable.casework.models.holds import RecordHold, RecordType
from answerable.casework.models.letters import IssuedLetter
from answerable.casework.models.questions import RequestQuestion
from answerable.casework.models.requests import InformationRequest, ReferenceSequence
from answerable.casework.models.reviews import Review

__all__ = [
    "CitedExemption",
    "CommissionerAppeal",
    "CourtAppeal",
    "InformationRequest",
    "IssuedLetter",
    "RecordHold",
    "RecordType",
    "ReferenceSequence",
    "RequestQuestion",
    "Review",
    "ThirdPartyConsultation",
]
