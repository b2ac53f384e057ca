"""The register's staff pages (urls.py mounts them at register/).

index.py        the sections the user's roles open
lists.py        the lists, filtered, searched and paged, limited to the user's division
records.py      one record's page, with its links and history; a person's page
entries.py      recording a new NCCU contact or ICCE request, with its disclosure
corrections.py  correcting a record, refusing to overwrite someone else's change

access.py (who opens which page), kinds.py (the kinds of record and their pages),
scope.py (the user's division), display.py and history.py (values and versions as shown).
"""

from answerable.register.views.corrections import custody_edit, icce_edit, nccu_edit
from answerable.register.views.entries import icce_new, icce_transfer, nccu_new
from answerable.register.views.index import index
from answerable.register.views.lists import custody_list, disclosure_list, icce_list, nccu_list
from answerable.register.views.records import (
    custody_detail,
    disclosure_detail,
    icce_detail,
    nccu_detail,
    person_detail,
)

__all__ = [
    "custody_detail",
    "custody_edit",
    "custody_list",
    "disclosure_detail",
    "disclosure_list",
    "icce_detail",
    "icce_edit",
    "icce_list",
    "icce_new",
    "icce_transfer",
    "index",
    "nccu_detail",
    "nccu_edit",
    "nccu_list",
    "nccu_new",
    "person_detail",
]
