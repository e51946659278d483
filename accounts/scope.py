"""Who may see which learners, asked by apps that sit below the trainer workspace.

The rule itself lives in ``cohorts.scope`` (a trainer's cohorts and the shared review queue). Apps lower
in the import layers (certificates, for one; see ``[tool.importlinter]`` in pyproject.toml) must not
import cohorts, so they ask here; ``settings.LEARNER_SCOPE`` names the function that answers, the way
``AUTHENTICATION_BACKENDS`` names Django's authentication backends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .models import User


def is_cohort_staff(user: User | AnonymousUser) -> bool:
    """Trainers and administrators may use the trainer workspace."""
    return bool(user.is_authenticated and user.is_active and user.is_trainer)


def is_unrestricted(user: User | AnonymousUser) -> bool:
    """Administrators see every learner; their scope is never filtered."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def learners_in_scope(*, user: User | AnonymousUser) -> QuerySet[User]:
    """The learners ``user`` may follow, as a queryset of users (none for someone without the trainer role)."""
    scope = import_string(settings.LEARNER_SCOPE)
    learners: QuerySet[User] = scope(user=user)
    return learners
