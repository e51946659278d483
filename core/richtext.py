"""Rich text features shared by every content app, so course pages and lesson blocks offer the same editor."""

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
"""What an editor may use in course, module and lesson rich text (and what ``core.markdown`` produces)."""
