"""Writes for cohorts: creation, invitation links, imports of learners, memberships."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.urls import public_url

from .imports import ImportLine, ImportParse, learner_lines_parse
from .models import Cohort, Membership, PendingInvitation, invitation_token_new

User = get_user_model()


class CohortError(Exception):
    """A cohort operation that cannot be done; the message is shown to the user."""


@transaction.atomic
def cohort_create(
    *,
    name: str,
    created_by,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    trainers=(),
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
    trainers,
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


def cohort_join(*, user, cohort: Cohort) -> tuple[Membership, bool]:
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
def pending_invitations_accept(*, user, email: str) -> int:
    """Turn the invitations sent to this (now confirmed) address into memberships. Returns how many."""
    invitations = list(PendingInvitation.objects.select_for_update().filter(email__iexact=email.strip()))
    for invitation in invitations:
        Membership.objects.get_or_create(
            cohort_id=invitation.cohort_id, user=user, defaults={"source": Membership.Source.IMPORT}
        )
    PendingInvitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).delete()
    return len(invitations)


# Imports ------------------------------------------------------------------------------------------


class LineAction:
    ADD = "add"  # an account exists: it joins the cohort
    INVITE = "invite"  # no account yet: an invitation e-mail is sent
    ALREADY = "already"  # already a member or already invited: nothing to do


@dataclass
class ImportPreview:
    """What an import would do, line by line; it is applied only when no line has an error."""

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
    def count_add(self) -> int:
        return self.count(LineAction.ADD)

    @property
    def count_invite(self) -> int:
        return self.count(LineAction.INVITE)

    @property
    def rows(self) -> list[tuple[ImportLine, str]]:
        return [(line, self.actions.get(line.number, "")) for line in self.lines]


def learners_import_preview(*, cohort: Cohort, data: bytes) -> ImportPreview:
    """Read the file and say, per line, what importing it would do; two queries whatever its length."""
    parse = learner_lines_parse(data)
    emails = [line.email for line in parse.lines if line.is_valid]
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails).only("pk", "email")}
    members = set(Membership.objects.filter(cohort=cohort, user__in=users.values()).values_list("user_id", flat=True))
    pending = {
        email.lower()
        for email in PendingInvitation.objects.filter(cohort=cohort, email__in=emails).values_list("email", flat=True)
    }
    actions = {}
    for line in parse.lines:
        if not line.is_valid:
            continue
        user = users.get(line.email)
        if user is not None and not user.is_active:
            line.errors.append(_("This account is deactivated."))
        elif user is not None:
            actions[line.number] = LineAction.ALREADY if user.pk in members else LineAction.ADD
        else:
            actions[line.number] = LineAction.ALREADY if line.email in pending else LineAction.INVITE
    return ImportPreview(parse=parse, actions=actions)


@dataclass(frozen=True)
class ImportResult:
    added: int
    invited: int


def learners_import_apply(*, cohort: Cohort, data: bytes, invited_by) -> ImportResult:
    """Import the file all or nothing: any line in error and nothing changes (CohortError)."""
    with transaction.atomic():
        # Lock the cohort so two imports of the same file cannot both insert.
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        preview = learners_import_preview(cohort=cohort, data=data)
        if not preview.is_valid:
            raise CohortError(_("The file has errors; nothing was imported."))
        to_add = [line.email for line in preview.lines if preview.actions[line.number] == LineAction.ADD]
        to_invite = [line.email for line in preview.lines if preview.actions[line.number] == LineAction.INVITE]
        now = timezone.now()
        Membership.objects.bulk_create(
            [
                Membership(cohort=cohort, user=user, joined_at=now, source=Membership.Source.IMPORT)
                for user in User.objects.filter(email__in=to_add)
            ]
        )
        PendingInvitation.objects.bulk_create(
            [
                PendingInvitation(cohort=cohort, email=email, invited_at=now, invited_by=invited_by)
                for email in to_invite
            ]
        )
        transaction.on_commit(lambda: _invitations_send(cohort=cohort, emails=to_invite))
    return ImportResult(added=len(to_add), invited=len(to_invite))


def _invitations_send(*, cohort: Cohort, emails: list[str]) -> None:
    """One e-mail per invited address, in French (the learners' language), with the sign-up and join links."""
    if not emails:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "cohort": cohort,
            "join_url": invitation_url(cohort=cohort),
            "signup_url": public_url(reverse("account_signup")),
        }
        subject = render_to_string("cohorts/emails/invitation_subject.txt", context).strip()
        body = render_to_string("cohorts/emails/invitation_body.txt", context)
    for email in emails:
        send_mail(subject, body, None, [email])
