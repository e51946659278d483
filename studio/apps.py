from django.apps import AppConfig


class StudioConfig(AppConfig):
    """Writing practice: the post checker, the platform facts it reads, and the studio exercises built on it."""

    name = "studio"
    verbose_name = "Post studio"

    def ready(self) -> None:
        from django.core.checks import register
        from django.db.models.signals import post_delete, post_save

        from .checks import platform_figures_file_check
        from .models import PlatformFacts
        from .selectors import network_rules_cache_clear

        register(platform_figures_file_check)

        # A snippet edited in the admin changes what the checker applies and what lessons' platform_facts
        # blocks show: forget the cached rules, and the rendered lessons and pages (core.page_cache).
        for signal in (post_save, post_delete):
            signal.connect(network_rules_cache_clear, sender=PlatformFacts, dispatch_uid=f"studio-rules-{signal}")
