"""Answerable: makes police FOI questions about immigration data answerable."""
