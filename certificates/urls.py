from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("verifier/", views.verify_upload, name="verify_upload"),
    path("verifier/<str:public_id>/", views.verify, name="verify"),
    path("emetteur/", views.issuer_profile, name="issuer"),
    path("emetteur/cle/", views.issuer_key, name="issuer_key"),
    path("emetteur/statut/", views.status_list_credential, name="status_list"),
    path("<str:public_id>/", views.certificate_detail, name="detail"),
    path("<str:public_id>/preuves/", views.certificate_evidence, name="evidence"),
    path("<str:public_id>/certificat.pdf", views.certificate_pdf, name="pdf"),
    path("<str:public_id>/open-badge.json", views.certificate_credential, name="credential"),
]
