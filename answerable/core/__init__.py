"""The shared core: pure helpers every app may import, importing no app.

The bottom layer of the package (docs/architecture.md): UK local time (uk_time), cells safe
to open in a spreadsheet (spreadsheet), HTML rendered as PDF (pdf), the date formats a typed
date is read in (dates), the patterns that recognise personal data in text
(personal_data), and the register's record types, listed once (record_types). A module
here imports the standard library, Django or a third-party library, never
`answerable.<app>`: the import contract in pyproject.toml enforces it.
"""
