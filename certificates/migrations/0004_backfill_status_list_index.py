"""Give every certificate issued before the Bitstring Status List its random index."""

import secrets

from django.db import migrations

LIST_LENGTH = 16 * 1024 * 8


def backfill(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    taken = set(Certificate.objects.filter(status_list_index__isnull=False).values_list("status_list_index", flat=True))
    for certificate in Certificate.objects.filter(status_list_index__isnull=True).only("pk"):
        index = secrets.randbelow(LIST_LENGTH)
        while index in taken:
            index = secrets.randbelow(LIST_LENGTH)
        taken.add(index)
        Certificate.objects.filter(pk=certificate.pk).update(status_list_index=index)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_add_status_list_index")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
