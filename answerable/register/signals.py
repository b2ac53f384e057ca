"""The register's own signals, sent by its models' save() and received by services that
apps.py connects, so that a model does not import the services that act on it."""

from django.dispatch import Signal

# Sent by Document.save() after the row (and every post_save receiver) is done; `document`.
document_saved = Signal()
