"""The register: one module per kind of record a police FOI officer would name."""

from answerable.register.models.coverage import RecordCoverage
from answerable.register.models.custody import CustodyEpisode
from answerable.register.models.disclosures import Disclosure
from answerable.register.models.documents import Document, DocumentVersion
from answerable.register.models.icce import IcceRequest
from answerable.register.models.imports import ImportBatch
from answerable.register.models.nccu import NccuContact
from answerable.register.models.outcomes import OutcomeReport
from answerable.register.models.people import Person
from answerable.register.models.reference import Division, Force, Station
from answerable.register.models.transfers import IcceTransfer

__all__ = [
    "CustodyEpisode",
    "Disclosure",
    "Division",
    "Document",
    "DocumentVersion",
    "Force",
    "IcceRequest",
    "IcceTransfer",
    "ImportBatch",
    "NccuContact",
    "OutcomeReport",
    "Person",
    "RecordCoverage",
    "Station",
]
