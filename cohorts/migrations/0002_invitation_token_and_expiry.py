"""Personal invitations: each imported address gets its own token and an expiry date.

Existing invitations receive a fresh token each (added nullable and filled in here, made unique in
the next migration, in its own transaction as PostgreSQL needs) and expire 30 days from now.
"""

from django.db import migrations, models

import cohorts.models


def fill_tokens(apps, schema_editor):
    PendingInvitation = apps.get_model("cohorts", "PendingInvitation")
    for invitation in PendingInvitation.objects.filter(token__isnull=True).only("pk"):
        invitation.token = cohorts.models.invitation_token_new()
        invitation.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0001_cohorts_memberships_invitations")]

    operations = [
        migrations.AddField(
            model_name="pendinginvitation",
            name="expires_at",
            field=models.DateTimeField(default=cohorts.models.invitation_expiry_default, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="pendinginvitation",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="invitation token"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
    ]
