"""factory_boy factories shared by the test suite."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import TRAINERS_GROUP_NAME, Role, User

PASSWORD = "correct-horse-battery"

# Every type of question a quiz offers (sample_question has one of each); a quiz's stream also offers "bank".
QUESTION_TYPES = frozenset(
    {"single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "writing", "post"}
)


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


def sample_question(kind="single", **overrides):
    """A valid value for one question block of type `kind` (see quizzes/blocks.py), as a (type, value) pair."""
    values = {
        "single": {
            "prompt": "Quel réseau privilégier pour une vidéo verticale courte ?",
            "explanation": "Les formats verticaux courts sont rois sur TikTok.",
            "points": 1,
            "options": [
                {"text": "TikTok", "correct": True, "feedback": "Oui, c'est son format."},
                {"text": "LinkedIn", "correct": False, "feedback": "Peu adapté."},
                {"text": "Un blog", "correct": False, "feedback": "Ce n'est pas un réseau vidéo."},
            ],
        },
        "multiple": {
            "prompt": "Quelles pratiques respectent une charte de modération ?",
            "explanation": "On répond, on ne censure pas la critique.",
            "points": 2,
            "scoring": "partial",
            "options": [
                {"text": "Répondre aux critiques", "correct": True, "feedback": ""},
                {"text": "Masquer les insultes", "correct": True, "feedback": ""},
                {"text": "Supprimer toute critique", "correct": False, "feedback": "Jamais."},
            ],
        },
        "true_false": {
            "prompt": "Un musée doit être présent sur tous les réseaux.",
            "explanation": "Mieux vaut peu de réseaux bien animés.",
            "points": 1,
            "answer": "false",
            "feedback_true": "Non : il faut choisir.",
            "feedback_false": "Exact.",
        },
        "ordering": {
            "prompt": "Remettez dans l'ordre les étapes d'une réponse de crise.",
            "explanation": "Écouter, qualifier, répondre, suivre.",
            "points": 3,
            "items": ["Écouter", "Qualifier", "Répondre", "Suivre"],
        },
        "matching": {
            "prompt": "Associez chaque message au réseau qui lui convient.",
            "explanation": "Chaque réseau a ses usages.",
            "points": 2,
            "pairs": [
                {"left": "Offre d'emploi", "right": "LinkedIn"},
                {"left": "Coulisses en vidéo", "right": "Instagram"},
                {"left": "Fil d'actualité en direct", "right": "Mastodon"},
            ],
        },
        "best_post": {
            "prompt": "Quel post annonce le mieux la Nuit des musées ?",
            "explanation": "Une accroche, une date, un hashtag lisible.",
            "points": 1,
            "options": [
                {
                    "post": {
                        "network": "instagram",
                        "account_name": "Musée de l'Estuaire",
                        "handle": "@musee_estuaire",
                        "text": "Ce soir, la réserve ouvre ses portes #NuitDesMusees",
                        "image": None,
                        "image_alt": "",
                        "date": "2025-05-17",
                    },
                    "correct": True,
                    "feedback": "Accroche et date claires.",
                },
                {
                    "post": {
                        "network": "x",
                        "account_name": "Musée de l'Estuaire",
                        "handle": "@musee_estuaire",
                        "text": "venez #nuitdesmuseesalestuaire2025",
                        "image": None,
                        "image_alt": "",
                        "date": None,
                    },
                    "correct": False,
                    "feedback": "Hashtag illisible.",
                },
            ],
        },
        "short_answer": {
            "prompt": "Quel mot-dièse la Museum Week utilise-t-elle ?",
            "explanation": "Le mot-dièse officiel.",
            "points": 1,
            "accepted": ["#MuseumWeek", "MuseumWeek"],
        },
        "writing": {
            "prompt": "Répondez à ce commentaire en colère sur la fermeture du musée.",
            "explanation": "Reconnaître, expliquer, proposer.",
            "points": 4,
            "model_answer": "Nous comprenons votre déception : le musée rouvre samedi.",
            "rubric": [{"criterion": "Ton courtois", "points": 2}, {"criterion": "Information utile", "points": 2}],
            "max_length": 500,
        },
        "post": {
            "prompt": "Rédigez la publication demandée.",
            "explanation": "L'essentiel d'abord, des hashtags lisibles, une image décrite.",
            "points": 4,
            "brief": "Annoncez sur Instagram la restauration du « Grand Paysage ».",
            "network": "instagram",
            "account_name": "Musée de l'Estuaire",
            "handle": "@musee_estuaire",
            "image_description": "Une restauratrice retouche le ciel d'un grand paysage.",
            "shows_artwork": True,
            "requires_tracking": False,
            "rubric": [{"criterion": "Accroche claire", "points": 2}, {"criterion": "Image décrite", "points": 2}],
            "model_answer": "Le « Grand Paysage » retrouve ses couleurs : venez le voir en salle 4. #GrandPaysage",
        },
    }
    return (kind, {**values[kind], **overrides})


def make_quiz(parent, questions=None, **fields):
    """A published QuizPage under `parent` (a ModulePage or CoursePage); `questions` are (type, value) pairs."""
    from quizzes.models import QuizPage

    count = QuizPage.objects.child_of(parent).count() + 1
    fields.setdefault("title", f"Quiz {count}")
    fields.setdefault("slug", f"quiz-{count}")
    quiz = QuizPage(questions=questions if questions is not None else [sample_question("single")], **fields)
    parent.add_child(instance=quiz)
    return quiz
