"""HTML rendered as an A4 PDF (WeasyPrint): letters, public copies and answers' tables."""


def html_to_pdf(html: str, *, stylesheet: str = "") -> bytes:
    """A rendered letter (its print stylesheet is inline) as a PDF, e.g. after anonymising.

    `stylesheet` is applied as well: the disclosure log's copy is sanitised, which removes
    the letter's own <style>, so it is printed with the letter's stylesheet given here."""
    # Imported here: WeasyPrint loads Pango when imported, which only PDF output needs.
    from weasyprint import CSS, HTML

    sheets = [CSS(string=stylesheet)] if stylesheet else []
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=sheets)
    return pdf
