"""Police Scotland's divisions and the custody centres named in seed 001 (IM-FOI-2018-1421).

Loaded by migration 0002 as editable reference data; an administrator adds or renames
stations in the admin.
"""

POLICE_SCOTLAND = "Police Scotland"

DIVISIONS: dict[str, str] = {
    "A": "North East",
    "C": "Forth Valley",
    "D": "Tayside",
    "E": "Edinburgh City",
    "G": "Greater Glasgow",
    "J": "The Lothians and Scottish Borders",
    "K": "Renfrewshire and Inverclyde",
    "L": "Argyll and West Dunbartonshire",
    "N": "Highlands and Islands",
    "P": "Fife",
    "Q": "Lanarkshire",
    "U": "Ayrshire",
    "V": "Dumfries and Galloway",
}

# Custody centre -> division code.
STATIONS: dict[str, str] = {
    "Ayr": "U",
    "Baird Street": "G",
    "Cathcart": "G",
    "Clydebank": "L",
    "Coatbridge": "Q",
    "Dalkeith": "J",
    "Dumfries": "V",
    "Dundee": "D",
    "Dunfermline": "P",
    "Elgin": "A",
    "Falkirk": "C",
    "Fort William": "N",
    "Fraserburgh": "A",
    "Govan": "G",
    "Greenock": "K",
    "Inverness": "N",
    "Kilmarnock": "U",
    "Kirkcaldy": "P",
    "Kittybrewster": "A",
    "Lanark": "Q",
    "Levenmouth": "P",
    "Livingston": "J",
    "London Road": "G",
    "Motherwell": "Q",
    "Perth": "D",
    "Saltcoats": "U",
    "Stewart Street": "G",
    "St Leonards": "E",
    "Stornoway": "N",
    "Stranraer": "V",
    "Wick": "N",
}
