"""An answer written out: JSON (the contract), a text table, CSV and XLSX."""
