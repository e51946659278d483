"""Admin wiring for site-wide concerns: the background tasks' results for administrators, and the marking of
requests that serve a Wagtail page, for the anonymous page cache (core.page_cache)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .page_cache import page_mark_cacheable


class SuperuserReadOnlyPolicy(BasePermissionPolicy):
    """Administrators may look at task results; nobody adds, edits or deletes them from the admin (the worker
    writes them and `manage.py prune_db_task_results` removes old ones)."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if set(actions) & {"view", "inspect"} else users.none()


class TaskResultViewSet(ModelViewSet):
    """« Tâches en arrière-plan »: every task the worker ran or will run, failed ones with their traceback."""

    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Background tasks")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: the policy allows no edit
    list_display = ["task_path", "status", "enqueued_at", "finished_at"]
    list_filter = ["status"]
    ordering = ["-enqueued_at"]
    inspect_view_fields = [
        "id",
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "started_at",
        "finished_at",
        "run_after",
        "worker_ids",
        "exception_class_path",
        "traceback",
    ]


register_permission_policy(DBTaskResult, SuperuserReadOnlyPolicy(DBTaskResult))


@hooks.register("register_admin_viewset")
def register_task_result_viewset():
    return TaskResultViewSet("task_results", url_prefix="taches")


@hooks.register("before_serve_page")
def page_cache_before_serve_page(page, request, serve_args, serve_kwargs):
    page_mark_cacheable(request, page)
