"""The release ledger: what has been released, and the joint audit of each new release
against it (ICO anonymisation guidance, the "mosaic effect").

specs.py    a released table: its definition and its figures as a reader saw them
atoms.py    the finest cells a set of tables tells apart, and their true counts
joint.py    the joint audit over those cells, naming the figures a problem rests on
release.py  deciding a release (withholding more until the joint audit passes), recording it
"""
