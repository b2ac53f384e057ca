"""Every record type's interchange target, read from the one list of record types
(core/record_types.py): the files `answerable import` takes, and the API's records.

A record type with an interchange format (RecordType.format) has a target here, and only
those; tests/test_record_types.py checks both directions.
"""

from answerable.core.record_types import RECORD_TYPES
from answerable.interchange.entries import ICCE_TARGET, NCCU_TARGET
from answerable.interchange.targets import CUSTODY_TARGET, DISCLOSURE_TARGET, Target

# The importer's behaviour for each record type (its key), in no particular order.
_BUILT = {
    t.record_type.key: t for t in (CUSTODY_TARGET, DISCLOSURE_TARGET, NCCU_TARGET, ICCE_TARGET)
}

# record type key -> its target, in the list's order.
TARGET_OF: dict[str, Target] = {
    listed.key: _BUILT[listed.key] for listed in RECORD_TYPES if listed.format
}

# The formats that arrive as files: `answerable import KIND FILE` (KIND: RecordType.import_as).
TARGETS: dict[str, Target] = {
    listed.import_as: TARGET_OF[listed.key] for listed in RECORD_TYPES if listed.import_as
}
