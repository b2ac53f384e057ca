"""The public disclosure log: anonymised FOI responses published seven days after issue."""
