from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Lumière"

    def ready(self):
        # Every page's footer links to the information pages (core.navigation): they are a page part, cached
        # per generation like the others, so the invalidation below covers them.
        self._connect_page_cache_invalidation()

    def _connect_page_cache_invalidation(self) -> None:
        """Cached pages and page parts (core.page_cache) are forgotten whenever what a page shows changes.

        Apps above core connect their own models (course: learning paths), since core imports none of them."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import pages_generation_bump

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(pages_generation_bump, dispatch_uid=f"core-page-cache-{signal}")
        post_delete.connect(pages_generation_bump, sender=Page, dispatch_uid="core-page-cache-page-delete")
        # Any write to a page row too (a page added with add_child, a draft saved): Django sends post_save for
        # the concrete class only, so each page model is connected.
        for model in get_page_models():
            post_save.connect(pages_generation_bump, sender=model, dispatch_uid=f"core-page-cache-save-{model}")
        for model in (PageViewRestriction, Site):
            for signal in (post_save, post_delete):
                signal.connect(
                    pages_generation_bump, sender=model, dispatch_uid=f"core-page-cache-{model.__name__}-{signal}"
                )
