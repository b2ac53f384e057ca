"""Load Police Scotland's 13 divisions and seed 001's 31 custody centres (editable later)."""

from django.db import migrations

from answerable.register.reference_data import DIVISIONS, POLICE_SCOTLAND, STATIONS


def load(apps, schema_editor):
    Force = apps.get_model("register", "Force")
    Division = apps.get_model("register", "Division")
    Station = apps.get_model("register", "Station")
    force, _ = Force.objects.get_or_create(name=POLICE_SCOTLAND)
    divisions = {}
    for code, name in DIVISIONS.items():
        divisions[code], _ = Division.objects.get_or_create(
            force=force, code=code, defaults={"name": name}
        )
    for name, code in STATIONS.items():
        Station.objects.get_or_create(
            force=force, name=name, defaults={"division": divisions[code]}
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
