"""The guide course as source files (``content/``) and the loader that publishes it as Wagtail pages.

``parsing`` reads and validates the files (every error names its file and line), turning a lesson's
Markdown into StreamField blocks with ``core.markdown`` and French typography with ``core.typography``;
``loading`` writes the result to the database idempotently. The app sits above every content app
(it imports course, lessons and quizzes; nothing imports it), so the loader never creates a cycle.
"""
