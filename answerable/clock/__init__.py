"""The statutory clock: working days and the deadlines of FOI casework under FOISA, FOIA,
the EIR(S) and the EIR (regimes.py, calendar.py, holidays.py, deadlines.py)."""
