"""The optional « Relecture par un formateur référent » workflow and trainers' rights on learning paths.

Wagtail attaches its own "Moderators approval" workflow to the root page; Lumière makes moderation
optional per course instead, so that assignment is removed and our workflow is left for admins to
assign to the courses that want a review before publication.
"""

from django.db import migrations

WORKFLOW_NAME = "Relecture par un formateur référent"
TASK_NAME = "Relecture formateur référent"
TRAINERS = "Formateurs"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    trainers = Group.objects.get(name=TRAINERS)
    WorkflowPage.objects.filter(page__depth=1).delete()

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(trainers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    path_type, _ = ContentType.objects.get_or_create(app_label="course", model="learningpath")
    for action in ("add", "change", "delete"):
        permission, _ = Permission.objects.get_or_create(
            content_type=path_type, codename=f"{action}_learningpath", defaults={"name": f"Can {action} learning path"}
        )
        trainers.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("course", "0001_course_structure"),
        ("accounts", "0002_trainers_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
