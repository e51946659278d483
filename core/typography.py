"""French typography for text written with a plain keyboard."""

import re

NBSP = "\u00a0"

_APOSTROPHE = re.compile(r"(?<=\w)'(?=[\w*_«])")
_OPENING_GUILLEMET = re.compile(r"«[ \t\u00a0]*")
_CLOSING_GUILLEMET = re.compile(r"[ \t\u00a0]*»")
_HIGH_PUNCTUATION = re.compile(r"[ \t]+(?=[;:!?])")
_PERCENT = re.compile(r"(?<=\d) (?=%|€)")
_DIGIT_GROUPS = re.compile(r"\b\d{1,3}(?:[ \u00a0]\d{3})+\b")  # 2 200, 1 000 000 (not « 2014 300 »)
_HOURS = re.compile(r"(?<=\d) h\b( (?=\d{2}\b))?")  # 10 h, 1 h 30
_ABBREVIATIONS = re.compile(r"(?<!\w)(n°|[Aa]rt\.) (?=\d)")  # n° 12, art. 9


def french_typography(text: str) -> str:
    """Typographic apostrophes and non-breaking spaces before ``; : ! ? % €``, inside « », in digit
    groups (« 2 200 »), hours (« 1 h 30 ») and after « n° » and « art. ».

    Only spaces the author typed are replaced (``https://`` and ``?q=`` are left alone), so the
    function is safe on Markdown source and idempotent.
    """
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING_GUILLEMET.sub("«" + NBSP, text)
    text = _CLOSING_GUILLEMET.sub(NBSP + "»", text)
    text = _HIGH_PUNCTUATION.sub(NBSP, text)
    text = _DIGIT_GROUPS.sub(lambda match: match.group(0).replace(" ", NBSP), text)
    text = _HOURS.sub(lambda match: NBSP + "h" + (NBSP if match.group(1) else ""), text)
    text = _ABBREVIATIONS.sub(lambda match: match.group(1) + NBSP, text)
    return _PERCENT.sub(NBSP, text)
