"""Writing small interchange files for tests."""

from pathlib import Path

CUSTODY_HEADER = (
    "custody_ref,division,station,arrived_at,released_at,detention_basis,sex,age,"
    "nationality,asylum_claimed,outcome"
)
# The example of custody-episodes-v1, verbatim.
CUSTODY_EXAMPLE = f"""{CUSTODY_HEADER}
NCS-2017-000123,G,Govan,2017-05-02T14:05:00,2017-05-03T09:40:00,immigration_powers,male,27,ALB,no,transferred_detention
NCS-2017-000124,A,Kittybrewster,2017-05-02T23:50:00,,other,,,,,
"""


def write(tmp_path: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path
