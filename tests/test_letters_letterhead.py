"""The letterhead comes from settings, and any template can be overridden the Django way."""

import copy

from letters_examples import letter, text_of

from answerable.casework.letters.content import Notice
from answerable.casework.letters.render import render_html


def test_the_letterhead_is_the_installations(settings):
    settings.ANSWERABLE_AUTHORITY_NAME = "Cleveland Police"
    settings.ANSWERABLE_AUTHORITY_UNIT = "Freedom of Information Unit"
    settings.ANSWERABLE_AUTHORITY_ADDRESS = ["Ash House", "Middlesbrough", "TS1 1AA"]
    settings.ANSWERABLE_AUTHORITY_EMAIL = "foi@cleveland.example"
    settings.ANSWERABLE_DISCLOSURE_LOG_DAYS = 3
    page = text_of(render_html(letter(Notice.FULL, "foia")))
    assert "Cleveland Police Freedom of Information Unit Ash House Middlesbrough TS1 1AA" in page
    assert (
        "by email to foi@cleveland.example or by post to Freedom of Information Unit, "
        "Cleveland Police, Ash House, Middlesbrough, TS1 1AA" in page
    )
    assert "Cleveland Police Freedom of Information Disclosure Log in three days' time" in page
    assert "Police Scotland" not in page


def test_a_template_can_be_overridden(settings, tmp_path):
    override = tmp_path / "casework" / "letters" / "answers"
    override.mkdir(parents=True)
    (override / "not_held.html").write_text("<p>We have looked everywhere: not held.</p>")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path]
    settings.TEMPLATES = templates
    page = text_of(render_html(letter(Notice.NOT_HELD)))
    assert "We have looked everywhere: not held." in page
    assert "does not hold this information" not in page
    assert "section 17(1)" in page  # the rest of the letter is the package's
