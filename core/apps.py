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
