"""Certificate pages: the learner's own (private), the public verification page and the issuer's documents."""

from __future__ import annotations

import functools
import json
import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import credentials, evidence, key_rotation, keys, selectors, services
from .forms import CredentialUploadForm
from .models import Certificate
from .ratelimit import rate_limit_hit

logger = logging.getLogger(__name__)

JSON_LD = "application/ld+json"


def _viewable_or_404(request, public_id: str) -> Certificate:
    certificate = selectors.certificate_for_viewer(user=request.user, public_id=public_id)
    if certificate is None:
        raise Http404
    return certificate


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "add a certification" form, filled in with the certificate's details."""
    issued = timezone.localtime(certificate.issued_at)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": certificate.issuer_name,
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": certificate.verification_url,
        "certId": certificate.public_id,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


def _too_many_requests(request) -> HttpResponse:
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@login_required
def certificate_list(request):
    """The learner's certificates."""
    return render(
        request,
        "certificates/certificate_list_page.html",
        {"certificates": selectors.certificates_for_user(user=request.user)},
    )


@login_required
@never_cache
def certificate_detail(request, public_id):
    """The learner's certificate: downloads, LinkedIn, revocation notice. Owner, trainers, admins only."""
    certificate = _viewable_or_404(request, public_id)
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "is_owner": certificate.user_id == request.user.pk,
            "linkedin_url": linkedin_add_url(certificate),
        },
    )


@login_required
@require_POST
def certificate_evidence(request, public_id):
    """The owner opts in or out of sharing their approved writing answers in the credential."""
    certificate = _viewable_or_404(request, public_id)
    if certificate.user_id != request.user.pk:
        raise Http404
    consent = request.POST.get("evidence_consent") == "on"
    evidence.certificate_evidence_consent_set(certificate=certificate, user=request.user, consent=consent)
    if consent:
        messages.success(request, _("Your approved writing exercises are now included in the credential."))
    else:
        messages.success(request, _("Your writing exercises are no longer included in the credential."))
    return redirect(certificate.get_absolute_url())


def _download_name(certificate: Certificate, extension: str) -> str:
    return f"certificat-{slugify(certificate.course_title)[:60] or 'lumiere'}.{extension}"


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def certificate_pdf(request, public_id):
    """The certificate as PDF (generated on first download, then served from the cache)."""
    certificate = _viewable_or_404(request, public_id)
    response = HttpResponse(services.certificate_pdf_get(certificate=certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(certificate, "pdf")}"'
    return response


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def certificate_credential(request, public_id):
    """The certificate as a signed Open Badges 3.0 credential (JSON)."""
    certificate = _viewable_or_404(request, public_id)
    try:
        document = credentials.credential_signed(certificate=certificate)
    except keys.SigningKeyMissing:
        logger.error("No credential signing key: run manage.py create_signing_key")
        messages.error(request, _("The signed credential is not available at the moment. Please try again later."))
        return redirect(certificate.get_absolute_url())
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(certificate, "json")}"'
    return response


@require_GET
def verify(request, public_id):
    """Public: is this certificate valid, revoked or unknown? Shows only what the certificate states."""
    if rate_limit_hit(request, scope="verify"):
        return _too_many_requests(request)
    certificate = selectors.certificate_for_verification(public_id=public_id)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"form": CredentialUploadForm()}, status=404)
    return render(request, "certificates/verify.html", {"certificate": certificate, "form": CredentialUploadForm()})


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Public: check a signed credential file (signature and revocation), without any network access."""
    if request.method == "POST" and rate_limit_hit(request, scope="verify"):
        return _too_many_requests(request)
    form = CredentialUploadForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = credentials.credential_verify(form.cleaned_data["credential"])
            except keys.SigningKeyMissing:
                logger.error("No credential signing key: run manage.py create_signing_key")
                form.add_error(None, _("Credentials cannot be checked at the moment. Please try again later."))
                status = 503
        else:
            status = 400
    return render(request, "certificates/verify_upload.html", {"form": form, "result": result}, status=status)


def _json_ld(document: dict) -> JsonResponse:
    response = JsonResponse(document, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in browsers fetch these documents
    return response


def _signing_key_missing() -> HttpResponse:
    """503 for the issuer's documents while no signing key exists, with the fix in the log for the operator."""
    logger.error("No credential signing key: run manage.py create_signing_key")
    return HttpResponse(_("The issuer's key is not available."), status=503, content_type="text/plain")


def _with_public_key(view):
    """Call ``view(request, public_key)``; answer 503 (and log why) when the signing key is missing."""

    @functools.wraps(view)
    def wrapper(request):
        try:
            public_key = keys.public_key_load()
        except keys.SigningKeyMissing:
            return _signing_key_missing()
        return view(request, public_key)

    return wrapper


@require_GET
@cache_control(max_age=300)
@_with_public_key
def issuer_profile(request, public_key):
    """The issuer's Open Badges Profile, which lists the current key and the earlier ones not revoked."""
    document = credentials.issuer_profile_document(
        issuer=services.issuer_settings_get(), public_keys=key_rotation.published_key_multibases()
    )
    return _json_ld(document)


@require_GET
@cache_control(max_age=300)
@_with_public_key
def issuer_key(request, public_key):
    """The signing key's public half as a Multikey document."""
    return _json_ld(credentials.multikey_document(public_key))


@require_GET
@cache_control(max_age=60)
def status_list_credential(request):
    """The signed Bitstring Status List named by every credential's credentialStatus (revoked bits set)."""
    try:
        document = credentials.status_list_credential_signed()
    except keys.SigningKeyMissing:
        return _signing_key_missing()
    return _json_ld(document)
