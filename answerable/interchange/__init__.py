"""The interchange formats of ../shared/interchange: reading, validating and importing them
into the register (`answerable import`), and the same formats' fields and rules for the
systems API. Above the register: it writes the register's models; the register never
imports it."""
