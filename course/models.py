"""Course structure: the catalogue, courses, modules and learning paths by role."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.models import Role
from core.richtext import RICH_TEXT_FEATURES


class CourseIndexPage(Page):
    """The catalogue: every course and every learning path of the site (one per site)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["course.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")

    def get_context(self, request, *args, **kwargs):
        from course import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.catalogue_get(catalogue=self, user=request.user))
        return context


class CoursePage(Page):
    """A course: an ordered set of modules, optionally ending with a final quiz."""

    # Wagtail has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    subtitle: models.CharField[str, str] = models.CharField(_("subtitle"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    unlock_in_order: models.BooleanField[bool, bool] = models.BooleanField(
        _("unlock modules in order"),
        default=False,
        help_text=_("Learners must complete each module before they can open the next one."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        FieldPanel("unlock_in_order"),
    ]
    search_fields = Page.search_fields + [index.SearchField("subtitle"), index.SearchField("intro")]
    parent_page_types = ["course.CourseIndexPage"]
    subpage_types = ["course.ModulePage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from course import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_outline_get(course=self))
        return context


class ModulePage(Page):
    """A module of a course: learning objectives, lessons in order and a closing quiz."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=300))],
        verbose_name=_("learning objectives"),
        blank=True,
        help_text=_("What the learner can do after the module, one objective per item."),
    )
    duration_minutes: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"),
        default=0,
        editable=False,
        help_text=_("Computed: the reading time of the module's lessons plus its quiz (see course.durations)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("objectives"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["course.CoursePage"]
    subpage_types = ["lessons.LessonPage", "crisis.CrisisScenarioPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from course import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.module_outline_get(module=self))
        return context


class LearningPath(ClusterableModel):
    """An ordered list of modules recommended to one role (a snippet edited by trainers)."""

    # modelcluster has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    title: models.CharField[str, str] = models.CharField(_("title"), max_length=200)
    slug: models.SlugField[str, str] = models.SlugField(_("slug"), max_length=100, unique=True)
    role: models.CharField[str, str] = models.CharField(_("role"), max_length=32, choices=Role.choices)
    description: models.TextField[str, str] = models.TextField(_("description"), blank=True)
    issues_certificate: models.BooleanField[bool, bool] = models.BooleanField(
        _("issue a certificate"), default=False, help_text=_("Issue a certificate when all its modules are complete.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("title"), FieldPanel("slug"), FieldPanel("role")], heading=_("Path")),
        FieldPanel("description"),
        FieldPanel("issues_certificate"),
        InlinePanel("path_modules", label=_("Modules"), min_num=1),
    ]

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ["title"]

    def __str__(self):
        return self.title


class LearningPathModule(Orderable):
    """One module in a learning path, in order."""

    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="path_modules")
    # Wagtail has no type information, so the Django plugin cannot infer the fields of Orderable subclasses.
    module: models.ForeignKey[ModulePage, ModulePage] = models.ForeignKey(
        ModulePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )

    panels = [FieldPanel("module")]

    class Meta(Orderable.Meta):
        verbose_name = _("module of the path")
        constraints = [models.UniqueConstraint(fields=["path", "module"], name="course_path_module_unique")]


class ContentLoadRecord(models.Model):
    """What ``load_guide_course`` last wrote to a page or a learning path.

    It lets the loader skip what has not changed (loading twice is a no-op) and notice a trainer's
    edit made since (the page's latest revision or the path's checksum is no longer the loaded one).
    """

    source = models.CharField(_("source file"), max_length=255)
    key = models.CharField(_("key"), max_length=255, unique=True, help_text=_("Kind and slug, e.g. lesson:cas-orsay."))
    page = models.OneToOneField(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    learning_path = models.OneToOneField(
        LearningPath, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    checksum = models.CharField(_("checksum of the loaded content"), max_length=64)
    revision_id = models.PositiveIntegerField(_("revision written by the loader"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("content load record")

    def __str__(self):
        return self.key
