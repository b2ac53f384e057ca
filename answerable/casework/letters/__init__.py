"""Notices and letters: the authority's response to a request, as HTML and PDF.

content.py   what a letter says (plain dataclasses the casework models map onto)
elements.py  what each notice must contain under the Act, and the check (LetterError)
exemptions.py the rules it rests on (each regime's citations: answerable/core/regimes.py;
             costs and fees: casework/fees.py)
advice.py    s15 advice on narrowing a request, from the answer catalogue
figures.py   an `ask` JSON document as a table
render.py    render_html and render_pdf, from templates/casework/letters/
"""
