"""A trainer's scope, defined once: which learners, attempts and reviews a trainer may see.

Every trainer-facing read (workspace pages, review queue, exports, certificates in the admin and their
revocation) goes through these functions, so that "who sees whom" cannot drift between screens.

- Administrators (superusers) see everyone.
- A trainer sees the learners of the cohorts they train, and every attempt of those learners.
- Learners no trainer follows (in no cohort, or only in cohorts without an active trainer) would have
  their written answers corrected by nobody. Their attempts waiting for review form the **shared
  queue** of the quiz's course, seen by every trainer with rights on that course (Wagtail "edit" or
  "publish" permission on the course page, inherited down the page tree). While such a learner has work
  in a trainer's shared queue, that trainer may open the learner, the attempt and their certificates.
- Anyone else (learners, anonymous visitors, staff without the trainer role) sees nobody.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.models import TRAINERS_GROUP_NAME
from accounts.scope import is_cohort_staff, is_unrestricted
from course.models import CoursePage
from quizzes.models import Attempt
from quizzes.selectors import writing_reviews_pending

from .models import Membership

User = get_user_model()

# Page permissions that make a trainer responsible for a course's content, hence for its shared queue.
COURSE_RIGHTS_ACTIONS = frozenset({"change", "publish"})


def active_trainers() -> QuerySet:
    """People who can follow learners right now: active members of « Formateurs » and administrators."""
    return User.objects.filter(Q(is_superuser=True) | Q(groups__name=TRAINERS_GROUP_NAME), is_active=True)


def is_followed(user_ref: str = "pk") -> Exists:
    """Condition "this learner is in a cohort with an active trainer"; `user_ref` names the user's id column."""
    return Exists(
        Membership.objects.filter(user=OuterRef(user_ref), cohort__trainers__in=active_trainers().values("pk"))
    )


def _in_own_cohorts(*, trainer, user_ref: str = "pk") -> Exists:
    return Exists(Membership.objects.filter(user=OuterRef(user_ref), cohort__trainers=trainer))


def courses_with_rights(*, user) -> QuerySet[CoursePage]:
    """Courses whose page this trainer may edit or publish; administrators have rights on every course."""
    if not is_cohort_staff(user):
        return CoursePage.objects.none()
    return PagePermissionPolicy(CoursePage).instances_user_has_any_permission_for(user, COURSE_RIGHTS_ACTIONS)


def shared_queue(*, user=None) -> QuerySet[Attempt]:
    """Attempts waiting for review of learners no trainer follows, oldest first.

    Without `user`: the whole shared queue. With a trainer: only the quizzes of courses they have rights on.
    """
    attempts = writing_reviews_pending().filter(~is_followed("user_id"))
    if user is None or is_unrestricted(user):
        return attempts
    if not is_cohort_staff(user):
        return attempts.none()
    course_paths = list(courses_with_rights(user=user).values_list("path", flat=True))
    if not course_paths:
        return attempts.none()
    return attempts.filter(reduce(or_, (Q(quiz__path__startswith=path) for path in course_paths)))


def learners_in_scope(*, user) -> QuerySet:
    """The learners this user may follow: own cohorts' learners plus those with work in their shared queue."""
    if not is_cohort_staff(user):
        return User.objects.none()
    if is_unrestricted(user):
        return User.objects.all()
    return User.objects.filter(
        _in_own_cohorts(trainer=user) | Q(pk__in=shared_queue(user=user).order_by().values("user_id"))
    )


def learners_in_report(*, user, cohort=None) -> QuerySet:
    """The learners a report covers: those of ``cohort`` (one the user may see: the view checks it) among the
    learners this user may follow, or all of those without a cohort."""
    learners = learners_in_scope(user=user)
    return learners if cohort is None else learners.filter(cohort_memberships__cohort=cohort)


def attempts_in_scope(*, user) -> QuerySet[Attempt]:
    """Attempts this user may open: every attempt of own cohorts' learners, plus the shared queue's."""
    if not is_cohort_staff(user):
        return Attempt.objects.none()
    if is_unrestricted(user):
        return Attempt.objects.all()
    return Attempt.objects.filter(
        _in_own_cohorts(trainer=user, user_ref="user_id") | Q(pk__in=shared_queue(user=user).order_by().values("pk"))
    )


def review_queue_for(*, user) -> QuerySet[Attempt]:
    """A trainer's review queue: their cohorts' attempts waiting for review, plus their shared queue.

    Each attempt carries ``is_shared`` (true for the shared queue) so the screen can say where it comes from.
    """
    queue = writing_reviews_pending().annotate(is_shared=~is_followed("user_id"))
    if not is_cohort_staff(user):
        return queue.none()
    if is_unrestricted(user):
        return queue
    return queue.filter(
        _in_own_cohorts(trainer=user, user_ref="user_id") | Q(pk__in=shared_queue(user=user).order_by().values("pk"))
    )
