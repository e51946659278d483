"""Invitation tokens are unique and required (every row got one in 0002)."""

from django.db import migrations, models

import cohorts.models


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0002_invitation_token_and_expiry")]

    operations = [
        migrations.AlterField(
            model_name="pendinginvitation",
            name="token",
            field=models.CharField(
                default=cohorts.models.invitation_token_new,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="invitation token",
            ),
        ),
    ]
