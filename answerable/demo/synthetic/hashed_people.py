"""A person's lasting attributes, derived from their identifier by hashing.

A person who appears in several episodes must keep their sex, nationality and date of
birth. Rather than remember millions of people, the bulk generator derives each attribute
from a keyed hash of the person's number (splitmix64, vectorised), so any chunk can compute
them for any person, and the same seed always gives the same people.
"""

from collections.abc import Sequence

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_MASK = (1 << 64) - 1


def _splitmix(values: np.ndarray) -> np.ndarray:
    # Unsigned 64-bit arithmetic wraps silently on numpy arrays, as splitmix64 needs.
    z = values + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX_1
    z = (z ^ (z >> np.uint64(27))) * _MIX_2
    return z ^ (z >> np.uint64(31))


def person_uniforms(people: np.ndarray, salt: int, count: int) -> np.ndarray:
    """`count` independent uniforms in [0, 1) per person, shape (count, len(people))."""
    base = _splitmix(people.astype(np.uint64) ^ np.uint64(salt & _MASK))
    rows = [
        (_splitmix(base + np.uint64(stream)) >> np.uint64(11)).astype(np.float64) * 2.0**-53
        for stream in range(1, count + 1)
    ]
    return np.vstack(rows)


def pick_by_share(uniforms: np.ndarray, shares: Sequence[float]) -> np.ndarray:
    """The index of the share each uniform falls in (inverse of the cumulative shares)."""
    cumulative = np.cumsum(np.asarray(shares, dtype=np.float64))
    cumulative /= cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, uniforms, side="right"), len(shares) - 1)


def ages_at_first_sight(
    band_pick: np.ndarray, within: np.ndarray, bands: Sequence[tuple[int, int, float]]
) -> np.ndarray:
    """Age in (fractional) years from an age band index and a uniform within the band."""
    lows = np.asarray([low for low, _, _ in bands], dtype=np.float64)
    highs = np.asarray([high + 1 for _, high, _ in bands], dtype=np.float64)
    return lows[band_pick] + within * (highs[band_pick] - lows[band_pick])
