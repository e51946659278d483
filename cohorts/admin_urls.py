"""Trainer workspace URLs, mounted under the Wagtail admin by wagtail_hooks (``cohorts_admin:`` names)."""

from django.urls import path

from .views import analysis, cohort, crisis, exports, imports, progress, reviews

app_name = "cohorts_admin"

urlpatterns = [
    path("", cohort.CohortIndexView.as_view(), name="index"),
    path("results/", cohort.CohortIndexView.as_view(results_only=True), name="index_results"),
    path("add/", cohort.CohortFormView.as_view(), name="create"),
    path("<int:cohort_id>/", cohort.CohortDetailView.as_view(), name="detail"),
    path("<int:cohort_id>/edit/", cohort.CohortFormView.as_view(), name="edit"),
    path("<int:cohort_id>/import/", imports.CohortImportView.as_view(), name="import"),
    path("<int:cohort_id>/invitation/", cohort.invitation_rotate, name="invitation_rotate"),
    path("<int:cohort_id>/learners/<int:user_id>/remove/", cohort.membership_remove, name="membership_remove"),
    path(
        "<int:cohort_id>/invitations/<int:invitation_id>/cancel/",
        cohort.pending_invitation_cancel,
        name="invitation_cancel",
    ),
    path("<int:cohort_id>/progress/", progress.CohortProgressView.as_view(), name="progress"),
    path(
        "<int:cohort_id>/progress/results/",
        progress.CohortProgressView.as_view(results_only=True),
        name="progress_results",
    ),
    path("learners/<int:user_id>/", progress.LearnerDetailView.as_view(), name="learner"),
    path("item-analysis/", analysis.QuizAnalysisView.as_view(), name="analysis"),
    path("crisis/", crisis.CrisisReportView.as_view(), name="crisis_report"),
    path("reviews/", reviews.ReviewQueueView.as_view(), name="reviews"),
    path("reviews/results/", reviews.ReviewQueueView.as_view(results_only=True), name="reviews_results"),
    path("reviews/<int:attempt_id>/", reviews.ReviewAttemptView.as_view(), name="review"),
    path("reviews/crisis/<int:choice_id>/", reviews.CrisisWritingReviewView.as_view(), name="review_crisis"),
    path("exports/", exports.ExportListView.as_view(), name="exports"),
    path("exports/new/", exports.export_create, name="export_create"),
    path("exports/<uuid:export_id>/download/", exports.export_download, name="export_download"),
]
