"""factory_boy factories shared by the test suite."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import TRAINERS_GROUP_NAME, Role, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@musee.test")
    full_name = factory.Faker("name", locale="fr_FR")
    role = Role.COMMUNITY_MANAGER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class TrainerFactory(UserFactory):
    role = Role.TRAINER

    @factory.post_generation
    def trainer_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=TRAINERS_GROUP_NAME))


def home_page():
    from core.models import HomePage

    return HomePage.objects.get()


def make_catalogue(title="Catalogue"):
    from course.models import CourseIndexPage

    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    catalogue = CourseIndexPage(title=title, slug="catalogue")
    home_page().add_child(instance=catalogue)
    return catalogue


def lesson_body(text="Un musée publie pour informer, dialoguer et faire de la médiation."):
    return [
        ("heading", {"text": "Pourquoi publier", "level": "h2"}),
        ("text", f"<p>{text}</p>"),
    ]


def make_course(*, modules=2, lessons=3, title="Animer les réseaux sociaux", slug="cours", **course_fields):
    """A published course with `modules` modules of `lessons` lessons each."""
    from course.models import CoursePage, ModulePage
    from lessons.models import LessonPage

    catalogue = make_catalogue()
    course = CoursePage(title=title, slug=slug, subtitle="Pour les musées", **course_fields)
    catalogue.add_child(instance=course)
    for m in range(1, modules + 1):
        module = ModulePage(
            title=f"Module {m}",
            slug=f"module-{m}",
            duration_minutes=30,
            objectives=[("objective", f"Objectif {m}")],
        )
        course.add_child(instance=module)
        for n in range(1, lessons + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"Leçon {m}.{n}", slug=f"lecon-{m}-{n}", summary=f"Résumé {m}.{n}", body=lesson_body()
                )
            )
    return course
