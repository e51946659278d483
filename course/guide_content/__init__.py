"""The guide course as source files (``content/``) and the loader that publishes it as Wagtail pages.

``parsing`` reads and validates the files (every error names its file and line), ``markdown`` turns a
lesson's Markdown into StreamField blocks, ``typography`` applies French typography, and ``loading``
writes the result to the database idempotently.
"""
