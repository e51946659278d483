"""Writes for cohorts: creation, invitation links, imports of learners, memberships."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.urls import public_url

from .imports import ImportLine, ImportParse, learner_lines_parse
from .models import INVITATION_VALIDITY, Cohort, Membership, PendingInvitation, invitation_token_new

if TYPE_CHECKING:
    from accounts.models import User


class CohortError(Exception):
    """A cohort operation that cannot be done; the message is shown to the user."""


@transaction.atomic
def cohort_create(
    *,
    name: str,
    created_by: User,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    trainers: Iterable[User] = (),
) -> Cohort:
    """Create a cohort; a trainer who creates one always trains it."""
    cohort = Cohort.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
    trainer_ids = {trainer.pk for trainer in trainers}
    if not created_by.is_superuser:
        trainer_ids.add(created_by.pk)
    cohort.trainers.set(trainer_ids)
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    name: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    invitation_active: bool,
    trainers: Iterable[User],
) -> Cohort:
    """Change a cohort's name, dates, invitation link state and trainers."""
    cohort.name = name
    cohort.starts_on = starts_on
    cohort.ends_on = ends_on
    cohort.invitation_active = invitation_active
    cohort.save()
    cohort.trainers.set(trainers)
    return cohort


def invitation_token_rotate(*, cohort: Cohort) -> Cohort:
    """Give the cohort a new invitation link; the old one stops working at once."""
    cohort.invitation_token = invitation_token_new()
    cohort.save(update_fields=["invitation_token"])
    return cohort


def invitation_url(*, cohort: Cohort) -> str:
    """The absolute invitation link of a cohort."""
    return public_url(reverse("cohorts:join", kwargs={"token": cohort.invitation_token}))


def cohort_join(*, user: User, cohort: Cohort) -> tuple[Membership, bool]:
    """Add a learner through the invitation link; joining twice changes nothing. Returns (membership, created)."""
    if not cohort.invitation_active:
        raise CohortError(_("The invitation link of this cohort is closed."))
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                cohort=cohort, user=user, defaults={"source": Membership.Source.INVITATION}
            )
    except IntegrityError:  # two clicks at once: the other request created it
        membership, created = Membership.objects.get(cohort=cohort, user=user), False
    return membership, created


def membership_remove(*, cohort: Cohort, user_id: int) -> bool:
    """Take a learner out of a cohort (their progress stays). Returns whether they were a member."""
    deleted, _ = Membership.objects.filter(cohort=cohort, user_id=user_id).delete()
    return bool(deleted)


def pending_invitation_cancel(*, cohort: Cohort, invitation_id: int) -> bool:
    deleted, _ = PendingInvitation.objects.filter(cohort=cohort, pk=invitation_id).delete()
    return bool(deleted)


@transaction.atomic
def pending_invitations_accept(*, user: User, email: str, now: datetime.datetime | None = None) -> int:
    """Signing up and confirming an invited address accepts its unexpired invitations. Returns how many.

    Confirming the address proves its owner received the invitation; the sign-up is their consent.
    """
    now = now or timezone.now()
    invitations = list(
        PendingInvitation.objects.select_for_update().filter(email__iexact=email.strip(), expires_at__gt=now)
    )
    for invitation in invitations:
        Membership.objects.get_or_create(
            cohort_id=invitation.cohort_id, user=user, defaults={"source": Membership.Source.IMPORT}
        )
    PendingInvitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).delete()
    return len(invitations)


def _user_owns_address(*, user: User, email: str) -> bool:
    """Whether the address is the account's login or one of its verified addresses."""

    email = email.strip().lower()
    if user.email.lower() == email:
        return True
    return bool(EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists())


def invitation_refusal(*, user: User, invitation: PendingInvitation, now: datetime.datetime | None = None) -> str:
    """Why this user cannot accept this invitation (a message for them), or "" when they can."""
    if invitation.expires_at <= (now or timezone.now()):
        return _("This invitation has expired. Ask your trainer for a new one.")
    if not _user_owns_address(user=user, email=invitation.email):
        return _("This invitation was sent to another e-mail address. Sign in with the account of that address.")
    return ""


def invitation_accept(*, user: User, invitation: PendingInvitation, now: datetime.datetime | None = None) -> Membership:
    """The invited learner accepts: they join the cohort. Only the account with the invited address can."""
    now = now or timezone.now()
    refusal = invitation_refusal(user=user, invitation=invitation, now=now)
    if refusal:
        raise CohortError(refusal)
    with transaction.atomic():
        locked = PendingInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
        membership, _created = Membership.objects.get_or_create(
            cohort_id=invitation.cohort_id, user=user, defaults={"source": Membership.Source.IMPORT, "joined_at": now}
        )
        if locked is not None:
            locked.delete()
    return membership


def invitation_accept_url(*, invitation: PendingInvitation) -> str:
    """The absolute personal link that accepts one invitation."""
    return public_url(reverse("cohorts:invitation", kwargs={"token": invitation.token}))


# Imports ------------------------------------------------------------------------------------------


class LineAction:
    INVITE = "invite"  # an invitation e-mail is sent (whether the address has an account or not)
    ALREADY = "already"  # already a member or already invited (unexpired): nothing to do


@dataclass
class ImportPreview:
    """What an import would do, line by line; it is applied only when no line has an error.

    The preview never says whether an address has an account: a known and an unknown address read the same.
    """

    parse: ImportParse
    actions: dict[int, str]

    @property
    def lines(self) -> list[ImportLine]:
        return self.parse.lines

    @property
    def is_valid(self) -> bool:
        return self.parse.is_valid

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.is_valid and self.actions.get(line.number) == action)

    @property
    def count_invite(self) -> int:
        return self.count(LineAction.INVITE)

    @property
    def rows(self) -> list[tuple[ImportLine, str]]:
        return [(line, self.actions.get(line.number, "")) for line in self.lines]


def learners_import_preview(*, cohort: Cohort, data: bytes, now: datetime.datetime | None = None) -> ImportPreview:
    """Read the file and say, per line, what importing it would do; two queries whatever its length."""
    now = now or timezone.now()
    parse = learner_lines_parse(data)
    emails = [line.email for line in parse.lines if line.is_valid]
    members = {
        email.lower()
        for email in Membership.objects.filter(cohort=cohort, user__email__in=emails).values_list(
            "user__email", flat=True
        )
    }
    pending = {
        email.lower()
        for email in PendingInvitation.objects.filter(cohort=cohort, email__in=emails, expires_at__gt=now).values_list(
            "email", flat=True
        )
    }
    actions = {
        line.number: LineAction.ALREADY if line.email in members or line.email in pending else LineAction.INVITE
        for line in parse.lines
        if line.is_valid
    }
    return ImportPreview(parse=parse, actions=actions)


@dataclass(frozen=True)
class ImportResult:
    invited: int


def learners_import_apply(
    *, cohort: Cohort, data: bytes, invited_by: User, now: datetime.datetime | None = None
) -> ImportResult:
    """Invite every new address of the file, all or nothing: any line in error and nothing changes (CohortError).

    Nobody joins here, not even an existing account: each address gets a personal invitation to accept.
    An expired invitation to the same address is renewed (new link, new expiry).
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the cohort so two imports of the same file cannot both insert.
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        preview = learners_import_preview(cohort=cohort, data=data, now=now)
        if not preview.is_valid:
            raise CohortError(_("The file has errors; nothing was imported."))
        to_invite = [line.email for line in preview.lines if preview.actions[line.number] == LineAction.INVITE]
        PendingInvitation.objects.filter(cohort=cohort, email__in=to_invite).delete()  # expired ones
        invitations = PendingInvitation.objects.bulk_create(
            [
                PendingInvitation(
                    cohort=cohort,
                    email=email,
                    invited_at=now,
                    expires_at=now + INVITATION_VALIDITY,
                    invited_by=invited_by,
                )
                for email in to_invite
            ]
        )
        transaction.on_commit(lambda: _invitations_send(cohort=cohort, invitations=invitations))
    return ImportResult(invited=len(invitations))


def _invitations_send(*, cohort: Cohort, invitations: list[PendingInvitation]) -> None:
    """One e-mail per invitation, in French (the learners' language), with its personal link."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("cohorts/emails/invitation_subject.txt", {"cohort": cohort}).strip()
        for invitation in invitations:
            context = {
                "cohort": cohort,
                "invitation": invitation,
                "accept_url": invitation_accept_url(invitation=invitation),
                "signup_url": public_url(reverse("account_signup")),
            }
            body = render_to_string("cohorts/emails/invitation_body.txt", context)
            send_mail(subject, body, None, [invitation.email])
