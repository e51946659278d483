"""Shared pieces of the trainer workspace views: who may enter, the page they sit on, and the download buttons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button

from .. import export_files, exports, selectors, tables
from ..tables import Table

if TYPE_CHECKING:
    # What the mixins below are combined with, so the type checker knows their super() and self.request.
    from django.views import View as _StaffMixinBase

    class _AdminPageMixinBase(WagtailAdminTemplateMixin, TemplateView): ...
else:
    _StaffMixinBase = _AdminPageMixinBase = object


def require_staff(request: HttpRequest) -> None:
    """Trainers and administrators only: 403 for everyone else."""
    if not selectors.is_cohort_staff(request.user):
        raise PermissionDenied


def export_format_requested(request: HttpRequest) -> str | None:
    """The download format asked for with ``?export=``, or None for the HTML page."""
    value = request.GET.get("export")
    return value if value in exports.EXPORT_FORMATS else None


class _Choosable(Protocol):
    @property
    def pk(self) -> Any: ...


_Option = TypeVar("_Option", bound=_Choosable)


def selected_option(request: HttpRequest, name: str, options: Sequence[_Option], default=None) -> _Option | None:
    """The option whose pk the query string's ``name`` gives (a report's chooser), else ``default``.

    Looked up among ``options``, what the user may choose from: a pk typed into the URL reaches nothing else.
    """
    wanted = request.GET.get(name)
    return next((option for option in options if str(option.pk) == wanted), default)


def table_response(export_format: str, table: Table) -> HttpResponseBase:
    """Stream ``table`` as a download in ``export_format``."""
    return exports.TableSpreadsheet(table, export_format=export_format).response()


def sized_export_response(request: HttpRequest, export_format: str, *, kind: str, params: dict) -> HttpResponseBase:
    """A cohort-sized export: streamed when small; above EXPORT_BACKGROUND_ROWS, a page that offers to have it
    written in the background (a POST, so that no GET ever queues work)."""
    sized = tables.sized_table_build(owner=request.user, kind=kind, params=params)  # type: ignore[arg-type]
    if not export_files.export_needs_background(row_count=sized.row_count):
        return table_response(export_format, sized.table)
    context = {
        "page_title": _("Large export"),
        "header_icon": "download",
        "title": sized.title,
        "row_count": sized.row_count,
        "kind": kind,
        "export_format": export_format,
        "params": json.dumps(params),
        "back_url": request.get_full_path().split("?", 1)[0],
    }
    return TemplateResponse(request, "cohorts/admin/export_confirm.html", context)


class StaffMixin(_StaffMixinBase):
    """Trainers and administrators only; 403 for everyone else."""

    def dispatch(self, request, *args, **kwargs):
        require_staff(request)
        return super().dispatch(request, *args, **kwargs)


class StaffTemplateView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the trainer workspace: trainers and administrators only, in the Wagtail admin's layout."""


class StaffReportView(StaffMixin, ReportView):
    """A filtered, paginated listing of the trainer workspace: trainers and administrators only."""


def cohorts_breadcrumb() -> dict[str, str]:
    """The « Cohorts » index, where the breadcrumbs of every screen about cohorts and learners pass."""
    return {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")}


class OneCohortMixin(_AdminPageMixinBase):
    """A screen about the cohort in the URL (``cohort_id``): another trainer's cohort is a 404, like an unknown one."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def cohort(self):
        return selectors.cohort_get(user=self.request.user, cohort_id=self.kwargs["cohort_id"])

    def cohort_breadcrumbs(self, current: str | None = None) -> list[dict[str, Any]]:
        """Cohorts › the cohort › ``current``; the cohort is a link only when a screen under it is the current one."""
        if current is None:
            return [*self.breadcrumbs_items, cohorts_breadcrumb(), {"url": "", "label": self.cohort.name}]
        return [
            *self.breadcrumbs_items,
            cohorts_breadcrumb(),
            {"url": reverse("cohorts_admin:detail", args=[self.cohort.pk]), "label": self.cohort.name},
            {"url": "", "label": current},
        ]


class CohortFilterMixin:
    """A report filtered by one of the cohorts the user may see (``?cohort=<pk>``), or by none: everyone in scope."""

    request: HttpRequest

    @cached_property
    def cohorts(self):
        return list(selectors.cohorts_visible_to(user=self.request.user).order_by("name"))

    @cached_property
    def cohort(self):
        if not self.request.GET.get("cohort"):
            return None
        cohort = selected_option(self.request, "cohort", self.cohorts)
        if cohort is None:
            raise Http404("No such cohort.")
        return cohort


class ExportButtonsMixin(_AdminPageMixinBase):
    """Downloads (CSV, CSV for French Excel, XLSX) in the header's « Actions » menu, the way Wagtail's own
    listings offer them: labelled buttons in the header would push the page title off small screens."""

    def export_url(self, export_format: str) -> str:
        params = self.request.GET.copy()
        params["export"] = export_format
        params.pop("p", None)
        return self.request.path + "?" + params.urlencode()

    def export_buttons(self) -> list[Button]:
        return [
            Button(_("Download CSV"), url=self.export_url("csv"), icon_name="download", priority=90),
            Button(_("CSV for Excel (;)"), url=self.export_url("csv-excel"), icon_name="download", priority=91),
            Button(_("Download XLSX"), url=self.export_url("xlsx"), icon_name="download", priority=92),
        ]

    def get_header_more_buttons(self):
        return [*super().get_header_more_buttons(), *self.export_buttons()]

    def export_response(self, export_format: str) -> HttpResponseBase | None:
        """The download of this screen in ``export_format``; None to show the page instead."""
        return None

    def get(self, request, *args, **kwargs):
        export_format = export_format_requested(request)
        response = self.export_response(export_format) if export_format else None
        if response is not None:
            return response
        return super().get(request, *args, **kwargs)
