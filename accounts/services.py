"""Account operations used by commands and tests."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import TRAINERS_GROUP_NAME, Role, User


@transaction.atomic
def user_create_verified(
    *,
    email: str,
    password: str,
    full_name: str,
    role: str = Role.OTHER,
    is_trainer: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create (or reset) a user whose e-mail address is already verified, so they can log in at once."""
    email = email.strip().lower()
    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    user.full_name = full_name
    user.role = role
    user.is_staff = is_superuser
    user.is_superuser = is_superuser
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if is_trainer:
        user.groups.add(Group.objects.get(name=TRAINERS_GROUP_NAME))
    return user
