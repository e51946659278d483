"""« Mes exports »: the trainer's large exports written in the background, their download, and asking for one."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from .. import export_files, exports
from .base import StaffTemplateView, require_staff


class ExportListView(StaffTemplateView):
    """The signed-in trainer's exports (never anyone else's): being prepared, ready to download, or failed."""

    template_name = "cohorts/admin/export_list.html"
    header_icon = "download"
    page_title = gettext_lazy("My exports")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exports = export_files.export_files_of(owner=self.request.user, now=timezone.now())  # type: ignore[arg-type]
        context.update(exports=list(exports))
        return context


@require_POST
def export_create(request: HttpRequest) -> HttpResponse:
    """Queue a background export of a report the trainer may see (404 otherwise), then show « Mes exports »."""
    require_staff(request)
    try:
        params = json.loads(request.POST.get("params", ""))
    except ValueError:
        raise Http404("Bad export description.") from None
    if not isinstance(params, dict):
        raise Http404("Bad export description.")
    export = export_files.export_file_request(
        owner=request.user,  # type: ignore[arg-type]
        kind=request.POST.get("kind", ""),
        export_format=request.POST.get("export_format", ""),
        params=params,
    )
    messages.success(
        request,
        _("Your export « %(title)s » is being prepared; it will be listed here when it is ready.")
        % {"title": export.title},
    )
    return redirect("cohorts_admin:exports")


@require_GET
def export_download(request: HttpRequest, export_id) -> FileResponse:
    """Stream the owner's file from private storage; anyone else, an expired or unfinished export: 404."""
    require_staff(request)
    export = export_files.export_file_for_download(user=request.user, export_id=export_id)  # type: ignore[arg-type]
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=exports.export_filename(export.title, export.export_format),
        content_type=exports.CONTENT_TYPES[export.export_format],
    )
