"""Shared pieces of the trainer workspace views: who may enter, and the download buttons."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button

from .. import export_files, exports, selectors, tables
from ..tables import Table

if TYPE_CHECKING:
    # What the mixins below are combined with, so the type checker knows their super() and self.request.
    from django.views import View as _StaffMixinBase
    from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin as _ExportButtonsMixinBase
else:
    _StaffMixinBase = _ExportButtonsMixinBase = object


def require_staff(request: HttpRequest) -> None:
    """Trainers and administrators only: 403 for everyone else."""
    if not selectors.is_cohort_staff(request.user):
        raise PermissionDenied


def export_format_requested(request: HttpRequest) -> str | None:
    """The download format asked for with ``?export=``, or None for the HTML page."""
    value = request.GET.get("export")
    return value if value in exports.EXPORT_FORMATS else None


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


class CohortFilterMixin:
    """A report filtered by one of the cohorts the user may see (``?cohort=<pk>``), or by none: everyone in scope."""

    request: HttpRequest

    @cached_property
    def cohorts(self):
        return list(selectors.cohorts_visible_to(user=self.request.user).order_by("name"))

    @cached_property
    def cohort(self):
        wanted = self.request.GET.get("cohort")
        if not wanted:
            return None
        cohort = next((cohort for cohort in self.cohorts if str(cohort.pk) == wanted), None)
        if cohort is None:
            raise Http404("No such cohort.")
        return cohort


class ExportButtonsMixin(_ExportButtonsMixinBase):
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
