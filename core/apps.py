from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Lumière"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import InfoPage
        from .navigation import footer_links_cache_clear

        # Every page's footer links to the information pages: forget them whenever pages change.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(footer_links_cache_clear, dispatch_uid=f"core-footer-{signal}")
        post_delete.connect(footer_links_cache_clear, sender=InfoPage, dispatch_uid="core-footer-delete")

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
