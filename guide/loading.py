"""Publish a parsed guide course as Wagtail pages and learning paths, idempotently.

Every page and path the loader writes gets a :class:`course.models.ContentLoadRecord` with the checksum
of what was written and the revision it published. On the next run:

- same checksum and no revision since: nothing is written (loading twice changes nothing);
- a revision made since (a trainer's edit, even an unpublished draft): the page is protected and the
  whole load is refused, unless ``force`` is set;
- otherwise the page is updated through a new published revision, so the change shows in its history.

The load runs in one transaction: when it is refused or fails, the database is left as it was.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps
from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from core.models import HomePage
from course.durations import module_duration_refresh
from course.models import ContentLoadRecord, CourseIndexPage, CoursePage, LearningPath, LearningPathModule, ModulePage
from crisis.models import CrisisScenarioPage
from lessons.models import LessonPage
from quizzes.models import FeedbackPolicy
from studio.models import PlatformFacts

from .parsing import CourseSpec, FileRef, LessonSpec, ModuleSpec, PathSpec, PlatformSpec, QuizSpec

# Block and question ids derive from stable keys, so reloading never changes them and past quiz
# attempts keep pointing at the same questions.
ID_NAMESPACE = uuid.UUID("6f1c7a52-8d1e-4f53-9a57-0d3c1f0b5e21")


class ProtectedEdits(Exception):
    """Pages or paths edited by a trainer since the last load; nothing was written."""

    def __init__(self, items: list[str]):
        self.items = items
        super().__init__("\n".join(items))


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Networks' facts, kept apart from pages and paths: code -> "created" | "updated" | "unchanged".
    platforms: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        counts = self.counts
        return (
            f"{counts['modules']} modules, {counts['lessons']} lessons, {counts['quizzes']} quizzes, "
            f"{counts['questions']} questions, {counts['learning_paths']} learning paths"
        )


def quiz_page_model():
    """The quiz engine's page model, or None before the quizzes app provides it."""
    try:
        return apps.get_model("quizzes", "QuizPage")
    except LookupError:
        return None


def _checksum(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _block_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(parts)))


class _FileImporter:
    """Images and documents of the content folder, imported once and found again by file hash."""

    def __init__(self, root: Path):
        self.root = root
        self.ids: dict[FileRef, int] = {}

    def resolve(self, value: Any) -> Any:
        """``value`` with every FileRef replaced by the id of its imported image or document."""
        if isinstance(value, FileRef):
            return self.import_file(value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value

    def import_file(self, ref: FileRef) -> int:
        if ref in self.ids:
            return self.ids[ref]
        model = get_image_model() if ref.kind == "image" else get_document_model()
        path = self.root / ref.path
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
            existing = model.objects.filter(file_hash=file_hash).order_by("pk").first()
            if existing is None:
                handle.seek(0)
                existing = model(title=(ref.title or path.stem)[:255], file_hash=file_hash)
                existing.file.save(path.name, File(handle), save=False)
                existing.save()
        self.ids[ref] = existing.pk
        return existing.pk


class _PageSpec(Protocol):
    """What the loader needs of a parsed course, module, lesson, scenario or quiz to write its page."""

    slug: str
    source: Path


class _Loader:
    def __init__(self, *, force: bool, files: _FileImporter):
        self.force = force
        self.files = files
        self.report = LoadReport()
        self.protected: list[str] = []

    def page(self, model, spec: _PageSpec, *, kind: str, parent: Page, fields: dict) -> Page:
        """Create, update or leave alone the page of ``spec``, recorded under the key ``kind:slug`` (``lesson:…``).

        Every kind of page is keyed the same way here, so a record always names the file's slug it came from.
        """
        key, slug = f"{kind}:{spec.slug}", spec.slug
        checksum = _checksum({"slug": slug, **fields})
        record = ContentLoadRecord.objects.filter(key=key).select_related("page").first()
        page = record.page.specific if record and record.page else None
        if record is None or page is None:
            page = model.objects.child_of(parent).filter(slug=slug).first()
            if page is not None and not self.force:
                self.protected.append(
                    f"{page.title} ({key}): a page with this slug exists that the loader did not create"
                )
                return page
        elif page.latest_revision_id != record.revision_id and not self.force:
            self.protected.append(f"{page.title} ({key}): edited in the admin since the last load")
            return page
        elif record.checksum == checksum and page.latest_revision_id == record.revision_id:
            self.report.unchanged.append(key)
            return page

        created = page is None
        if created:
            page = model(slug=slug, **fields)
            parent.add_child(instance=page)
        else:
            page.slug = slug
            for name, value in fields.items():
                setattr(page, name, value)
        revision = page.save_revision()
        revision.publish()
        ContentLoadRecord.objects.update_or_create(
            key=key,
            defaults={"page": page, "source": str(spec.source), "checksum": checksum, "revision_id": revision.pk},
        )
        (self.report.created if created else self.report.updated).append(key)
        return page

    def platform_facts(self, spec: PlatformSpec) -> None:
        """Create or update one network's facts. The file wins: a trainer's edit in the admin is overwritten
        by the next load (content/README.md says to change the file too); an unchanged row is not saved."""
        facts = PlatformFacts.objects.filter(code=spec.code).first()
        if facts is not None and all(getattr(facts, name) == value for name, value in spec.fields.items()):
            self.report.platforms[spec.code] = "unchanged"
            return
        created = facts is None
        facts = facts or PlatformFacts(code=spec.code)
        for name, value in spec.fields.items():
            setattr(facts, name, value)
        facts.full_clean()
        facts.save()
        self.report.platforms[spec.code] = "created" if created else "updated"

    def order_children(self, parent: Page, pages: list[Page]) -> None:
        """Put the loaded children in file order, leaving pages a trainer added after them."""
        wanted = [page.pk for page in pages]
        current = [pk for pk in parent.get_children().values_list("pk", flat=True) if pk in set(wanted)]
        if current == wanted:
            return
        for previous, page in zip([None, *pages], pages, strict=False):
            page = Page.objects.get(pk=page.pk)
            if previous is None:
                page.move(parent, pos="first-child")
            else:
                page.move(Page.objects.get(pk=previous.pk), pos="right")

    def learning_path(self, spec: PathSpec, modules: dict[str, ModulePage], source: Path) -> None:
        key = f"path:{spec.slug}"
        checksum = _path_checksum(spec, spec.modules)
        record = ContentLoadRecord.objects.filter(key=key).select_related("learning_path").first()
        path = record.learning_path if record else LearningPath.objects.filter(slug=spec.slug).first()
        if path is not None:
            loaded = path.path_modules.order_by("sort_order").values_list("module__slug", flat=True)
            if record is None or _path_checksum(path, loaded) != record.checksum:
                if not self.force:
                    self.protected.append(f"{path.title} ({key}): edited in the admin since the last load")
                    return
            elif record.checksum == checksum:
                self.report.unchanged.append(key)
                return
        created = path is None
        path = path or LearningPath(slug=spec.slug)
        for name in PATH_FIELDS:
            setattr(path, name, getattr(spec, name))
        path.save()
        LearningPathModule.objects.filter(path=path).delete()
        LearningPathModule.objects.bulk_create(
            LearningPathModule(path=path, module=modules[slug], sort_order=index)
            for index, slug in enumerate(spec.modules)
        )
        ContentLoadRecord.objects.update_or_create(
            key=key, defaults={"learning_path": path, "source": str(source), "checksum": checksum, "revision_id": None}
        )
        (self.report.created if created else self.report.updated).append(key)


PATH_FIELDS = ("title", "role", "description", "issues_certificate")


def _path_checksum(path: LearningPath | PathSpec, module_slugs) -> str:
    """The same checksum for a path as the files describe it and as the database holds it."""
    return _checksum({**{name: getattr(path, name) for name in PATH_FIELDS}, "modules": list(module_slugs)})


def _stream(files: _FileImporter, owner: str, blocks) -> list[dict]:
    return [
        {"type": block.type, "value": files.resolve(block.value), "id": _block_id(owner, str(index))}
        for index, block in enumerate(blocks)
    ]


def _lesson_fields(files: _FileImporter, lesson: LessonSpec) -> dict:
    return {
        "title": lesson.title,
        "summary": lesson.summary,
        "reading_time": lesson.reading_time,
        "reviewed_on": lesson.reviewed_on,
        "body": _stream(files, f"lesson:{lesson.slug}", lesson.blocks),
    }


def _quiz_fields(files: _FileImporter, quiz: QuizSpec) -> dict:
    questions = [
        {"type": question.type, "value": files.resolve(question.value), "id": _block_id("question", question.key)}
        for question in quiz.questions
    ]
    # The guide's quizzes certify: right answers only once passed or out of attempts, unless a file says otherwise.
    settings = {"feedback_policy": FeedbackPolicy.PASS_OR_EXHAUSTED, **quiz.settings}
    return {"title": quiz.title, "intro": quiz.intro, **settings, "questions": questions}


def _module_fields(module: ModuleSpec) -> dict:
    return {
        "title": module.title,
        "intro": module.intro,
        "objectives": [
            {"type": "objective", "value": text, "id": _block_id("module", module.slug, "objective", str(index))}
            for index, text in enumerate(module.objectives)
        ],
    }


def catalogue_ensure() -> CourseIndexPage:
    """The site's catalogue, created under the home page on a new site."""
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        home = HomePage.objects.order_by("depth", "path").first()
        catalogue = CourseIndexPage(title="Catalogue des formations", slug="catalogue")
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


@transaction.atomic
def guide_course_load(course: CourseSpec, *, force: bool = False) -> LoadReport:
    """Create or update the course; raise :class:`ProtectedEdits` (and write nothing) on trainers' edits."""
    files = _FileImporter(course.root)
    loader = _Loader(force=force, files=files)
    quiz_model = quiz_page_model()
    for platform in course.platforms:
        loader.platform_facts(platform)
    course_page = loader.page(
        CoursePage,
        course,
        kind="course",
        parent=catalogue_ensure(),
        fields={
            "title": course.title,
            "subtitle": course.subtitle,
            "intro": course.intro,
            "unlock_in_order": course.unlock_in_order,
        },
    )
    module_pages: dict[str, ModulePage] = {}
    for module in course.modules:
        module_page = loader.page(ModulePage, module, kind="module", parent=course_page, fields=_module_fields(module))
        module_pages[module.slug] = module_page
        children = [
            loader.page(LessonPage, lesson, kind="lesson", parent=module_page, fields=_lesson_fields(files, lesson))
            for lesson in module.lessons
        ]
        # Crisis simulations come after the lessons and before the module quiz, in file name order.
        children += [
            loader.page(
                CrisisScenarioPage,
                scenario,
                kind="scenario",
                parent=module_page,
                fields={"title": scenario.title, "definition": scenario.definition},
            )
            for scenario in module.scenarios
        ]
        if module.quiz and quiz_model:
            children.append(_quiz_page(loader, files, quiz_model, module.quiz, module_page))
        loader.order_children(module_page, children)
    course_children: list[Page] = list(module_pages.values())
    if course.final_quiz and quiz_model:
        course_children.append(_quiz_page(loader, files, quiz_model, course.final_quiz, course_page))
    loader.order_children(course_page, course_children)
    for path in course.paths:
        loader.learning_path(path, module_pages, course.root / "paths.yaml")
    if loader.protected:
        raise ProtectedEdits(loader.protected)
    for module_page in module_pages.values():  # also for sites loaded before durations were computed
        module_duration_refresh(module_page)
    loader.report.counts = course_counts(course_page)
    return loader.report


def _quiz_page(loader: _Loader, files: _FileImporter, quiz_model, quiz: QuizSpec, parent: Page) -> Page:
    return loader.page(quiz_model, quiz, kind="quiz", parent=parent, fields=_quiz_fields(files, quiz))


def course_counts(course_page: Page) -> dict[str, int]:
    """What the course holds: live modules, lessons, quizzes and their questions, and the paths."""
    descendants = Page.objects.descendant_of(course_page).live()
    quiz_model = quiz_page_model()
    quizzes = list(quiz_model.objects.descendant_of(course_page).live()) if quiz_model else []
    return {
        "modules": ModulePage.objects.descendant_of(course_page).live().count(),
        "lessons": descendants.type(LessonPage).count(),
        "quizzes": len(quizzes),
        "questions": sum(len(quiz.questions) for quiz in quizzes),
        "scenarios": descendants.type(CrisisScenarioPage).count(),
        "learning_paths": LearningPath.objects.count(),
    }
