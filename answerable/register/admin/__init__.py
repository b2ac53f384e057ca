"""Staff entry and correction through the Django admin, one module per kind of record.

Importing the modules registers their ModelAdmins with the default admin site.
"""

from answerable.register.admin import (  # noqa: F401  (imported to register)
    custody,
    disclosures,
    documents,
    icce,
    imports,
    nccu,
    people,
    reference,
    staff,
)
