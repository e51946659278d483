"""Trainer workspace URLs, mounted under the Wagtail admin by wagtail_hooks (``cohorts_admin:`` names)."""

from django.urls import path

from . import views

app_name = "cohorts_admin"

urlpatterns = [
    path("", views.CohortIndexView.as_view(), name="index"),
    path("results/", views.CohortIndexView.as_view(results_only=True), name="index_results"),
    path("add/", views.CohortFormView.as_view(), name="create"),
    path("<int:cohort_id>/", views.CohortDetailView.as_view(), name="detail"),
    path("<int:cohort_id>/edit/", views.CohortFormView.as_view(), name="edit"),
    path("<int:cohort_id>/import/", views.CohortImportView.as_view(), name="import"),
    path("<int:cohort_id>/invitation/", views.invitation_rotate, name="invitation_rotate"),
    path("<int:cohort_id>/learners/<int:user_id>/remove/", views.membership_remove, name="membership_remove"),
    path(
        "<int:cohort_id>/invitations/<int:invitation_id>/cancel/",
        views.pending_invitation_cancel,
        name="invitation_cancel",
    ),
    path("<int:cohort_id>/progress/", views.CohortProgressView.as_view(), name="progress"),
    path(
        "<int:cohort_id>/progress/results/",
        views.CohortProgressView.as_view(results_only=True),
        name="progress_results",
    ),
    path("learners/<int:user_id>/", views.LearnerDetailView.as_view(), name="learner"),
    path("item-analysis/", views.QuizAnalysisView.as_view(), name="analysis"),
    path("reviews/", views.ReviewQueueView.as_view(), name="reviews"),
    path("reviews/results/", views.ReviewQueueView.as_view(results_only=True), name="reviews_results"),
    path("reviews/<int:attempt_id>/", views.ReviewAttemptView.as_view(), name="review"),
]
