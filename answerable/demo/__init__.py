"""Demonstration data, all SYNTHETIC, in one app at the top of the layers.

synthetic/        the generator of interchange files at any scale (`answerable generate`), and
                  the demonstration calibrated to Police Scotland's published figures
                  (synthetic/demo.py and its demo_* modules)
cases.py          the demonstration's FOI cases, answered from the register and issued;
                  case_documents.py the documents they enclose or point to
releases.py       the statistics releases the demonstration publishes
users.py          one demonstration user per role (`answerable demousers`)
management/       `answerable demo`, `answerable generate`, `answerable demousers`

Nothing below this app imports it: the register, casework, roles and statistics releases
know nothing of their demonstration data.
"""
