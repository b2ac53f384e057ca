"""Self-declared nationality, read as ISO 3166-1 (through pycountry) or "stateless"."""

from functools import lru_cache

import pycountry

STATELESS = "XX"  # settings.COUNTRIES_OVERRIDE: ICAO Doc 9303's XXA, "stateless person"
KOSOVO = "XK"

_EXTRA = {
    "stateless": STATELESS,
    "xx": STATELESS,
    "xxa": STATELESS,
    "kosovo": KOSOVO,
    "xk": KOSOVO,
    "xkx": KOSOVO,
}


@lru_cache(maxsize=4096)
def parse_nationality(text: str) -> str:
    """The ISO 3166-1 alpha-2 code (or XX for stateless) for a code or English short name.

    Raises ValueError for anything else, so a typo is reported rather than stored.
    """
    value = " ".join(text.split())
    if not value:
        raise ValueError("empty nationality")
    extra = _EXTRA.get(value.casefold())
    if extra:
        return extra
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 alpha-2 or alpha-3 code, an English country "
            "name, or 'stateless'"
        ) from None
    return country.alpha_2
