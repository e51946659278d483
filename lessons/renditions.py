"""Image renditions made when content is published, never while a learner waits for a page.

The templates ask for fixed sizes (``lessons/blocks/image.html``: ``width-400/800/1200``,
``includes/social_post_card.html``: ``max-800x800``). Generating one during a request took seconds on the first
view of an illustrated lesson; :func:`page_renditions_create` makes them all when a page is published or loaded,
as a background task (django-tasks: immediate in development and tests, a worker where a queue is configured).
"""

from __future__ import annotations

from collections.abc import Iterator

from django_tasks import task
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images import get_image_model
from wagtail.models import Page

from .blocks import CaptionedImageBlock, SocialPostContentBlock

# Keep in step with the {% image %} tags of the templates named above (tests/lessons/test_renditions.py checks).
CAPTIONED_IMAGE_FILTERS = ("width-400", "width-800", "width-1200")
SOCIAL_POST_IMAGE_FILTERS = ("max-800x800",)


def _images_in(value, block=None) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(image id, filter specs) for every image of a StreamField value, whatever the nesting."""
    if isinstance(value, StreamValue):
        for child in value:
            yield from _images_in(child.value, child.block)
    elif isinstance(value, StructValue):
        struct_block = getattr(value, "block", block)
        filters: tuple[str, ...] | None = None
        if isinstance(struct_block, CaptionedImageBlock):
            filters = CAPTIONED_IMAGE_FILTERS
        elif isinstance(struct_block, SocialPostContentBlock):
            filters = SOCIAL_POST_IMAGE_FILTERS
        for name, item in value.items():
            if filters and name == "image" and item is not None:
                yield item.pk, filters
            else:
                yield from _images_in(item, struct_block.child_blocks.get(name) if struct_block else None)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from _images_in(item)


def page_image_filters(page: Page) -> dict[int, set[str]]:
    """{image id: filter specs} that the page's templates will ask for."""
    wanted: dict[int, set[str]] = {}
    for field in page._meta.get_fields():
        value = getattr(page, field.name, None) if field.concrete else None
        if isinstance(value, StreamValue):
            for image_id, filters in _images_in(value):
                wanted.setdefault(image_id, set()).update(filters)
    return wanted


@task()
def page_renditions_create(page_id: int) -> int:
    """Create the missing renditions of the page's images; returns how many images were handled."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    wanted = page_image_filters(page.specific)
    images = get_image_model().objects.in_bulk(wanted)
    for image_id, filters in wanted.items():
        if image_id in images:
            images[image_id].get_renditions(*sorted(filters))
    return len(images)


def renditions_on_publish(sender, instance, **kwargs) -> None:
    """``page_published`` receiver: make the page's renditions in the background."""
    page_renditions_create.enqueue(page_id=instance.pk)
