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
