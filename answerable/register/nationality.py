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
    # Names custody systems use that ISO has since changed or never used (corpus A12, A13
    # show Norfolk's: "Irish Republic (Eire)", "Burma / Myanmar", "Slovak Republic").
    "russia": "RU",
    "turkey": "TR",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "irish republic": "IE",
    "irish republic (eire)": "IE",
    "eire": "IE",
    "burma": "MM",
    "burma / myanmar": "MM",
    "ivory coast": "CI",
    "cape verde": "CV",
    "east timor": "TL",
    "swaziland": "SZ",
    "macedonia": "MK",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "iran": "IR",
    "north korea": "KP",
    "south korea": "KR",
    "great britain": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "congo (democratic republic)": "CD",
    "democratic republic of the congo": "CD",
    "china (people's rep. of)": "CN",
    "belarus (byelorussia)": "BY",
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
    if value.isdigit():
        # pycountry would accept ISO numeric codes; the interchange formats do not.
        raise ValueError(
            f"{value!r}: numeric country codes are not accepted; use alpha-2 or alpha-3"
        )
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 alpha-2 or alpha-3 code, an English country "
            "name, or 'stateless'"
        ) from None
    return country.alpha_2
