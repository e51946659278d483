"""French typography for text written with a plain keyboard."""

import re

NBSP = "\u00a0"

_APOSTROPHE = re.compile(r"(?<=\w)'(?=[\w*_«])")
_OPENING_GUILLEMET = re.compile(r"«[ \t\u00a0]*")
_CLOSING_GUILLEMET = re.compile(r"[ \t\u00a0]*»")
_HIGH_PUNCTUATION = re.compile(r"[ \t]+(?=[;:!?])")
_PERCENT = re.compile(r"(?<=\d) (?=%|€)")


def french_typography(text: str) -> str:
    """Typographic apostrophes and non-breaking spaces before ``; : ! ? % €`` and inside « ».

    Only spaces the author typed are replaced (``https://`` and ``?q=`` are left alone), so the
    function is safe on Markdown source and idempotent.
    """
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING_GUILLEMET.sub("«" + NBSP, text)
    text = _CLOSING_GUILLEMET.sub(NBSP + "»", text)
    text = _HIGH_PUNCTUATION.sub(NBSP, text)
    return _PERCENT.sub(NBSP, text)
