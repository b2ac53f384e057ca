"""The interchange formats' columns, in the order the synthetic files write them: the
importer's own formats (interchange/formats.py), so the two cannot drift apart."""

from answerable.interchange.formats import CUSTODY, DISCLOSURES

CUSTODY_COLUMNS: tuple[str, ...] = tuple(CUSTODY.column_names)
DISCLOSURE_COLUMNS: tuple[str, ...] = tuple(DISCLOSURES.column_names)

CUSTODY_FILE = "custody-episodes.csv"
DISCLOSURES_FILE = "disclosures.csv"
