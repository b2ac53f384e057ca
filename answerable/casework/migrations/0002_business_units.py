"""Police Scotland's business units that FOI officers task with searches (editable later).

The mailboxes are placeholders on a domain that cannot receive mail (RFC 2606 .invalid):
an administrator sets each unit's real mailbox before tasks are sent.
"""

from django.db import migrations

UNITS = [
    ("Custody Division", "custody", "Custody records: detentions, custody centres, NCCU contacts."),
    ("Public Protection Unit", "public-protection", "Domestic abuse, human trafficking, "
     "child and adult protection, and referrals made about victims."),
    ("Border Policing Command", "border-policing", "Ports and airports: immigration "
     "referrals and checks with the Home Office."),
    ("Information Management", "information-management", "Records management, retention "
     "and disclosure; data sharing agreements."),
    ("Criminal Justice Services Division", "criminal-justice", "Case files, reports to the "
     "Procurator Fiscal, warrants."),
    ("Specialist Crime Division", "specialist-crime", "Major crime, organised crime and "
     "intelligence."),
    ("Analysis and Performance Unit", "analysis-performance", "Force statistics and "
     "management information."),
    ("Policy and Partnerships", "policy-partnerships", "Force policies, guidance and "
     "memoranda of understanding."),
]


def load(apps, schema_editor):
    BusinessUnit = apps.get_model("casework", "BusinessUnit")
    for name, slug, description in UNITS:
        BusinessUnit.objects.get_or_create(
            name=name,
            defaults={"mailbox": f"foi-{slug}@police-scotland.invalid", "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
