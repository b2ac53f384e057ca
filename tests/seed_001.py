"""Seed 001 (IM-FOI-2018-1421): Police Scotland's immigration custodies in 2017/18."""

import csv
import io
from datetime import datetime, timedelta

from answerable.core.uk_time import UK

STATION_COUNTS = {
    "Ayr": 4, "Baird Street": 9, "Cathcart": 48, "Clydebank": 13, "Coatbridge": 17,
    "Dalkeith": 8, "Dumfries": 10, "Dundee": 1, "Dunfermline": 6, "Elgin": 9, "Falkirk": 10,
    "Fort William": 4, "Fraserburgh": 5, "Govan": 76, "Greenock": 2, "Inverness": 21,
    "Kilmarnock": 6, "Kirkcaldy": 14, "Kittybrewster": 50, "Lanark": 4, "Levenmouth": 4,
    "Livingston": 8, "London Road": 50, "Motherwell": 22, "Perth": 6, "Saltcoats": 1,
    "Stewart Street": 53, "St Leonards": 36, "Stornoway": 3, "Stranraer": 35, "Wick": 2,
}  # fmt: skip
# "Up to 24 hours - 384, 25 to 48 hours - 126, Over 48 hours - 27"
BAND_COUNTS = {"0-24": 384, "24-48": 126, "48+": 27}
BAND_HOURS = {"0-24": 10, "24-48": 30, "48+": 60}


def custody_csv() -> str:
    """537 episodes, spread over 1 April 2017 to 31 March 2018, with the seed's shares."""
    bands = [band for band, n in BAND_COUNTS.items() for _ in range(n)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "custody_ref",
            "station",
            "arrived_at",
            "released_at",
            "detention_basis",
            "sex",
            "age",
            "person_ref",
        ]
    )
    start = datetime(2017, 4, 1, 9, 0, tzinfo=UK)
    index = 0
    for station, n in STATION_COUNTS.items():
        for _ in range(n):
            arrived = start + timedelta(hours=16 * index)  # 537 x 16 h ends in March 2018
            released = arrived + timedelta(hours=BAND_HOURS[bands[index]])
            writer.writerow(
                [
                    f"NCS-2017-{index:06d}",
                    station,
                    arrived.isoformat(),
                    released.isoformat(),
                    "immigration_powers",
                    "female" if index % 7 == 0 else "male",
                    15 + index % 50,
                    f"P-{index % 500}",
                ]
            )
            index += 1
    # Outside the question: a non-immigration custody and one in the next year.
    writer.writerow(["NCS-2017-OTHER", "Govan", "2017-06-01T10:00:00", "", "other", "", "", ""])
    writer.writerow(
        ["NCS-2018-000001", "Govan", "2018-04-01T00:30:00", "", "immigration_powers", "", "", ""]
    )
    return out.getvalue()
