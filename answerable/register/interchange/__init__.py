"""The interchange formats of ../shared/interchange: reading, validating and importing them."""
