from django.contrib import admin

from answerable.register import models

for model in (
    models.Force, models.Division, models.Station, models.Person, models.CustodyEpisode,
    models.Disclosure, models.NccuContact, models.IcceRequest, models.Document,
    models.DocumentVersion, models.ImportBatch,
):
    admin.site.register(model)
