"""Published figures and the synthetic shares built around them.

Two kinds of number live here and are kept apart:

* PUBLISHED: figures Police Scotland released under FOISA, copied exactly with their source
  (seed 001, IM-FOI-2018-1421; corpus B1 to B3). The demo reproduces them exactly.
* SYNTHETIC: shares invented to make the data look plausible (sexes, ages, nationalities,
  outcomes...). They are not published statistics and must never be quoted as such.
"""

from datetime import date

# --- PUBLISHED -----------------------------------------------------------------------------

# Seed 001 (IM-FOI-2018-1421, 6 July 2018): immigration-related custodies by custody centre,
# 1 April 2017 to 31 March 2018. Total 537.
SEED_001_STATION_COUNTS: dict[str, int] = {
    "Ayr": 4,
    "Baird Street": 9,
    "Cathcart": 48,
    "Clydebank": 13,
    "Coatbridge": 17,
    "Dalkeith": 8,
    "Dumfries": 10,
    "Dundee": 1,
    "Dunfermline": 6,
    "Elgin": 9,
    "Falkirk": 10,
    "Fort William": 4,
    "Fraserburgh": 5,
    "Govan": 76,
    "Greenock": 2,
    "Inverness": 21,
    "Kilmarnock": 6,
    "Kirkcaldy": 14,
    "Kittybrewster": 50,
    "Lanark": 4,
    "Levenmouth": 4,
    "Livingston": 8,
    "London Road": 50,
    "Motherwell": 22,
    "Perth": 6,
    "Saltcoats": 1,
    "Stewart Street": 53,
    "St Leonards": 36,
    "Stornoway": 3,
    "Stranraer": 35,
    "Wick": 2,
}
SEED_001_TOTAL = 537

# Seed 001: "Up to 24 hours - 384, 25 to 48 hours - 126, Over 48 hours - 27" (2017/18), read
# as the interchange bands 0-24, 24-48, 48+ (custody-episodes-v1, Meaning).
SEED_001_BANDS: tuple[int, int, int] = (384, 126, 27)

# Corpus B1 (The Ferret, January 2021): immigration detentions by period. The article's
# total for April 2018 to October 2020 is 1,723, ten fewer than the sum of its own period
# figures (1,733); the demo follows the period figures.
B1_FY_2018_19 = 735
B1_FY_2019_20 = 767
B1_APR_OCT_2020 = 231
B1_OVER_48H_APR_2018_OCT_2020 = 41
B1_OVER_24H_MORE_THAN = 500

# Corpus B2 (Scottish Refugee Council, c. July 2022): "more than 1,200" detained under
# immigration powers since April 2020.
B2_SINCE_APRIL_2020_MORE_THAN = 1200

# Corpus B3 (Home Office NCCU data via The Detail / The Ferret, 2023): Police Scotland
# referred 207 victims of crime to Immigration Enforcement, May 2020 to September 2022.
B3_WINDOW: tuple[date, date] = (date(2020, 5, 1), date(2022, 9, 30))
B3_VICTIMS_TOTAL = 207
B3_VICTIMS_BY_CRIME: dict[str, int] = {
    "domestic_abuse": 19,
    "human_trafficking": 87,
    "modern_slavery": 43,
    "child_sexual_exploitation": 5,
}
# B3: a Home Office document said "a quarter" of domestic abuse victims referred were
# "served with enforcement papers" (19 / 4, rounded).
B3_DOMESTIC_ABUSE_PAPERS_SERVED = 5

# --- SYNTHETIC -----------------------------------------------------------------------------
# Everything below is invented for plausibility.

# Corpus B1's published figures split between its three periods (durations bands 0-24,
# 24-48, 48+): each period's total is B1's, the over-48 h counts add up to B1's 41 and the
# over-24 h ones to 521, "more than 500".
B1_PERIOD_BANDS: dict[str, tuple[int, int, int]] = {
    "2018/19": (513, 205, 17),
    "2019/20": (551, 200, 16),
    "Apr-Oct 2020": (148, 75, 8),
}

# The 53 victims B3 does not break down, split between the two remaining crime types.
B3_REST_SPLIT: dict[str, int] = {"exploitation": 21, "other": 32}

# Immigration-related custody episodes per financial year (keyed by the year it starts) after
# the published periods: lower in 2020/21 (COVID), then about 550 to 650 a year, and enough
# from April 2020 to mid-2022 for B2's "more than 1,200".
LATER_FY_COUNTS: dict[int, int] = {
    2021: 650,
    2022: 610,
    2023: 575,
    2024: 620,
    2025: 590,
    2026: 600,
    2027: 600,
    2028: 600,
    2029: 600,
}
NOV_2020_TO_MAR_2021 = 230

# Relative yearly volume (per financial year) used by the bulk generator to shape arrivals;
# the published and synthetic yearly counts above, annualised.
FY_VOLUME: dict[int, float] = {
    2017: 537,
    2018: 735,
    2019: 767,
    2020: B1_APR_OCT_2020 + NOV_2020_TO_MAR_2021,
    **{year: float(count) for year, count in LATER_FY_COUNTS.items()},
}

# Durations in minutes for each band, kept at least two hours away from the 24 h and 48 h
# boundaries so that no clock change (an hour) or rounding can move an episode across one.
BAND_MINUTES: tuple[tuple[int, int], ...] = ((45, 22 * 60), (26 * 60, 46 * 60), (50 * 60, 90 * 60))

# Durations of non-immigration episodes: most people are released or appear in court the
# next lawful day; few are held beyond 48 hours.
OTHER_BAND_SHARES: tuple[float, float, float] = (0.93, 0.06, 0.01)

# Share of immigration-related episodes held under immigration powers (the rest were
# arrested for a criminal immigration offence).
IMMIGRATION_POWERS_SHARE = 0.92

# Arrivals by hour of the day (local), busier in the afternoon and evening.
HOURLY_ARRIVALS: tuple[float, ...] = (
    3,
    2,
    2,
    1.5,
    1,
    1,
    1.5,
    2,
    3,
    4,
    5,
    6,
    6,
    6,
    6.5,
    7,
    7,
    7,
    6.5,
    6,
    5.5,
    5,
    4.5,
    4,
)

# Sex per person: (female, male, other).
SEX_SHARES = {"immigration": (0.12, 0.875, 0.005), "other": (0.18, 0.818, 0.002)}

# Age bands per person at first appearance: (youngest, oldest, share). Some children.
AGE_BANDS: dict[str, tuple[tuple[int, int, float], ...]] = {
    "immigration": (
        (12, 15, 0.005),
        (16, 17, 0.02),
        (18, 24, 0.22),
        (25, 34, 0.40),
        (35, 44, 0.22),
        (45, 54, 0.09),
        (55, 70, 0.045),
    ),
    "other": (
        (12, 15, 0.02),
        (16, 17, 0.03),
        (18, 24, 0.20),
        (25, 34, 0.30),
        (35, 44, 0.22),
        (45, 54, 0.14),
        (55, 85, 0.09),
    ),
}

# Self-declared nationality: (ISO 3166-1 alpha-3, English short name, weight). The names are
# ones pycountry resolves, as the importer must read them (register/nationality.py).
IMMIGRATION_NATIONALITIES: tuple[tuple[str, str, float], ...] = (
    ("ALB", "Albania", 14),
    ("VNM", "Vietnam", 11),
    ("CHN", "China", 8),
    ("IND", "India", 7),
    ("PAK", "Pakistan", 6),
    ("NGA", "Nigeria", 5),
    ("IRQ", "Iraq", 5),
    ("IRN", "Iran", 5),
    ("ERI", "Eritrea", 4),
    ("SDN", "Sudan", 4),
    ("AFG", "Afghanistan", 4),
    ("BGD", "Bangladesh", 3.5),
    ("ROU", "Romania", 3),
    ("EGY", "Egypt", 2.5),
    ("SYR", "Syria", 2.5),
    ("GHA", "Ghana", 2),
    ("LKA", "Sri Lanka", 2),
    ("MYS", "Malaysia", 2),
    ("BRA", "Brazil", 2),
    ("TUR", "Türkiye", 2),
    ("XKX", "Kosovo", 1.5),
    ("POL", "Poland", 1.5),
    ("ZWE", "Zimbabwe", 1.5),
    ("JAM", "Jamaica", 1),
    ("SOM", "Somalia", 1),
    ("ETH", "Ethiopia", 1),
    ("GEO", "Georgia", 1),
    ("UKR", "Ukraine", 1),
)
OTHER_NATIONALITIES: tuple[tuple[str, str, float], ...] = (
    ("GBR", "United Kingdom", 88),
    ("POL", "Poland", 2.5),
    ("IRL", "Ireland", 1),
    ("ROU", "Romania", 1),
    ("LTU", "Lithuania", 0.8),
    ("LVA", "Latvia", 0.6),
    ("SVK", "Slovakia", 0.5),
    ("BGR", "Bulgaria", 0.4),
    ("ITA", "Italy", 0.4),
    ("ESP", "Spain", 0.3),
    ("PRT", "Portugal", 0.3),
    ("DEU", "Germany", 0.3),
    ("ALB", "Albania", 0.5),
    ("VNM", "Vietnam", 0.4),
    ("CHN", "China", 0.4),
    ("IND", "India", 0.5),
    ("PAK", "Pakistan", 0.5),
    ("NGA", "Nigeria", 0.4),
    ("IRQ", "Iraq", 0.3),
    ("IRN", "Iran", 0.3),
    ("SYR", "Syria", 0.2),
    ("ERI", "Eritrea", 0.2),
)
STATELESS = "stateless"
STATELESS_SHARE = {"immigration": 0.01, "other": 0.0005}
# An episode whose nationality is "not recorded" (corpus A13: often far more in practice).
NATIONALITY_NOT_RECORDED = {"immigration": 0.04, "other": 0.12}
# Share of recorded nationalities written as an English name rather than a code.
NATIONALITY_AS_NAME = 0.1
UK_NATIONALITIES = frozenset({"GBR", "IRL"})

# Episode attributes "not recorded".
SEX_NOT_RECORDED = 0.01
AGE_NOT_RECORDED = 0.015

# (yes, no) shares; the rest is "not recorded".
ASYLUM_CLAIMED = {"immigration": (0.22, 0.63), "other": (0.005, 0.145)}
# A person's disability is lasting; each record may still leave it "not recorded".
DISABILITY_PERSON_SHARE = {"immigration": 0.08, "other": 0.14}
DISABILITY_NOT_RECORDED = 0.15

CUSTODY_OUTCOMES: dict[str, tuple[tuple[str, float], ...]] = {
    "immigration_powers": (
        ("transferred_detention", 0.31),
        ("handed_to_home_office", 0.26),
        ("immigration_bail", 0.22),
        ("released_no_restriction", 0.10),
        ("charged", 0.02),
        ("other", 0.06),
        ("", 0.03),
    ),
    "immigration_offence": (
        ("charged", 0.45),
        ("handed_to_home_office", 0.18),
        ("transferred_detention", 0.12),
        ("immigration_bail", 0.10),
        ("released_no_restriction", 0.08),
        ("other", 0.04),
        ("", 0.03),
    ),
    "other": (
        ("released_no_restriction", 0.40),
        ("charged", 0.42),
        ("other", 0.10),
        ("transferred_detention", 0.02),
        ("", 0.06),
    ),
}

PRIMARY_OFFENCES: dict[str, tuple[str, ...]] = {
    "immigration_powers": (
        "Detained under immigration powers (Immigration Act 1971, Schedule 2)",
        "Detained under immigration powers (Immigration Act 1971, Schedule 3)",
        "Detained under immigration powers (Nationality, Immigration and Asylum Act 2002 s62)",
    ),
    "immigration_offence": (
        "Illegal entry (Immigration Act 1971 s24)",
        "Overstaying leave (Immigration Act 1971 s24)",
        "Deception (Immigration Act 1971 s24A)",
        "Assisting unlawful immigration (Immigration Act 1971 s25)",
        "Possession of a false identity document (Identity Documents Act 2010 s4)",
        "Working illegally (Immigration Act 1971 s24B)",
    ),
    "other": (
        "Assault",
        "Threatening or abusive behaviour",
        "Theft by shoplifting",
        "Breach of the peace",
        "Possession of a controlled drug",
        "Driving with excess alcohol",
        "Abusive behaviour towards a partner or ex-partner",
        "Vandalism",
        "Housebreaking",
        "Apprehension warrant",
        "Fraud",
        "Road traffic offence",
    ),
}

# Disclosures ---------------------------------------------------------------------------------

LEGAL_BASES: tuple[str, ...] = (
    "Immigration and Asylum Act 1999 s20; Data Protection Act 2018 s35 (law enforcement)",
    "Data Protection Act 2018 Part 3, s31 law enforcement purposes",
    "Immigration and Asylum Act 1999 s20",
    "Data Protection Act 2018 Schedule 2 para 2 (crime and taxation)",
)
# Crime types of victims referred outside the B3 window, in B3's proportions.
VICTIM_CRIME_WEIGHTS: dict[str, float] = {
    **{crime: float(count) for crime, count in B3_VICTIMS_BY_CRIME.items()},
    **{crime: float(count) for crime, count in B3_REST_SPLIT.items()},
}
