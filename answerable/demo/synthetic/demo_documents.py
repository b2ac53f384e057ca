"""The demo's policy documents: titles of real documents, everything else invented.

Seed 000 (FOI 23-1751) names the 2016 umbrella information sharing agreement, the umbrella
MoU between the Home Secretary, the NPCC, Police Scotland and PSNI, a Police Scotland MoU /
information sharing agreement template and the NPCC's 2020 guidance on victims and
witnesses; there are no national high-harm criteria, so each force keeps its own (seed 000).
The register holds none of their contents: every summary says the record is synthetic, and
the versions and dates are invented for the demonstration.
"""

from dataclasses import dataclass
from datetime import date

from answerable.demo.synthetic.demo_records import ISA_2016, UMBRELLA_MOU, UMBRELLA_MOU_FROM

HIGH_HARM_CRITERIA = "DEMO-HHC"
CRITERIA_V2_FROM = date(2021, 4, 1)  # when the (synthetic) second version came into force

REAL_TITLE = (
    "SYNTHETIC DEMO RECORD. The title is that of a real document named in FOI 23-1751 "
    "(seed 000); this record's reference, versions, dates and summary are invented for the "
    "demonstration, and the register holds none of the document's contents."
)
INVENTED = (
    "SYNTHETIC DEMO RECORD, invented for the demonstration: not a real document, and no "
    "contents are held."
)
VERSION_NOTE = "Synthetic demo version: number and dates invented."


@dataclass(frozen=True)
class VersionSpec:
    version: str
    status: str
    dated: date
    effective_from: date | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class DocumentSpec:
    reference: str
    title: str
    kind: str
    parties: tuple[str, ...]
    summary: str
    versions: tuple[VersionSpec, ...]


DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        reference=ISA_2016,
        title="Information Sharing Agreement (umbrella) between National Counter Terrorism "
        "Police Functions Command, Police Scotland and Home Office",
        kind="information_sharing_agreement",
        parties=(
            "National Counter Terrorism Police Functions Command",
            "Police Scotland",
            "Home Office",
        ),
        summary=REAL_TITLE,
        versions=(VersionSpec("1.0", "final", date(2016, 6, 1), date(2016, 6, 1)),),
    ),
    DocumentSpec(
        reference=UMBRELLA_MOU,
        title="Umbrella MoU between the Secretary of State for the Home Department and the "
        "National Police Chiefs' Council, Police Scotland and Police Service of Northern Ireland",
        kind="mou",
        parties=(
            "Secretary of State for the Home Department",
            "National Police Chiefs' Council",
            "Police Scotland",
            "Police Service of Northern Ireland",
        ),
        summary=REAL_TITLE,
        versions=(
            VersionSpec("draft 1", "draft", date(2019, 9, 2)),
            VersionSpec("1.0", "final", date(2020, 1, 20), UMBRELLA_MOU_FROM),
            VersionSpec("1.1 draft", "draft", date(2023, 1, 16)),
        ),
    ),
    DocumentSpec(
        reference="DEMO-ISA-TEMPLATE",
        title="MoU / information sharing agreement template",
        kind="template",
        parties=("Police Scotland",),
        summary=REAL_TITLE,
        versions=(VersionSpec("1.0", "final", date(2021, 3, 1), date(2021, 3, 1)),),
    ),
    DocumentSpec(
        reference="DEMO-NPCC-VW-2020",
        title="Information Sharing with the Home Office where a victim or witness of crime is "
        "a suspected immigration offender",
        kind="guidance",
        parties=("National Police Chiefs' Council",),
        summary=REAL_TITLE,
        versions=(VersionSpec("1.0", "final", date(2020, 4, 1), date(2020, 4, 1)),),
    ),
    DocumentSpec(
        reference=HIGH_HARM_CRITERIA,
        title="High-harm criteria for referring ICCE results to Immigration Enforcement",
        kind="high_harm_criteria",
        parties=("Police Scotland",),
        summary=INVENTED,
        versions=(
            VersionSpec("1", "withdrawn", date(2017, 3, 20), date(2017, 4, 1), date(2021, 3, 31)),
            VersionSpec("2", "final", date(2021, 3, 15), CRITERIA_V2_FROM),
        ),
    ),
)
