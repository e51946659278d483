"""Render form widgets with their help text and errors linked for assistive technology."""

from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    """The field's widget with ``aria-describedby`` (help, errors) and ``aria-invalid`` set."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
