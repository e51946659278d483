"""Read and validate the guide course's source files (format: ``content/README.md``).

Parsing never touches the database. Every problem is collected as a :class:`ContentError` naming the
file and line, and :func:`course_read` raises them all at once.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from accounts.models import Role
from core.markdown import markdown_to_rich_text
from core.typography import french_typography
from crisis.rules import scenario_validate
from lessons.blocks import CALLOUT_LABELS, NETWORK_LABELS, VERDICT_LABELS
from quizzes.question_types import UnknownQuestionType, question_type_get, question_type_names
from quizzes.question_types.base import ContentReader
from quizzes.questions import question_spec_build
from studio.networks import NETWORKS as STUDIO_NETWORKS
from studio.platform_figures import FIGURE_NUMBERS, platform_figures_check

from .errors import ContentError, ContentErrors
from .yaml_source import LineDict, LineList, yaml_parse

# The values the blocks, the quiz engine and the user model accept: one source each.
NETWORKS = tuple(NETWORK_LABELS)
VERDICTS = tuple(VERDICT_LABELS)
CALLOUT_KINDS = tuple(CALLOUT_LABELS)
ROLES = tuple(Role.values)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBERED = re.compile(r"^\d+-")
_FENCE = re.compile(r"^```\s*([a-z_]*)\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LEADING_HASHTAG = re.compile(r"^(\s*)#(?=\S)", re.MULTILINE)
# Underscores mark emphasis only at word edges, as in Markdown: « #nuit_des_musees » keeps its underscores.
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_INVALID = object()  # what load_yaml returns after reporting an error


@dataclass(frozen=True)
class FileRef:
    """An image or document of the content folder, imported by the loader."""

    kind: str  # "image" or "document"
    path: str  # relative to the content folder
    title: str = ""


@dataclass
class BlockSpec:
    type: str
    value: Any
    line: int


@dataclass
class LessonSpec:
    slug: str
    title: str
    summary: str
    reading_time: int | None
    reviewed_on: datetime.date | None
    blocks: list[BlockSpec]
    source: Path


@dataclass
class QuestionSpec:
    key: str
    type: str
    value: dict
    line: int


@dataclass
class QuizSpec:
    slug: str
    title: str
    intro: str
    settings: dict
    questions: list[QuestionSpec]
    source: Path


@dataclass
class ScenarioSpec:
    """A crisis simulation (``scenario-*.yaml``): the page's slug and title, and its graph as the page stores it."""

    slug: str
    title: str
    definition: dict
    source: Path


@dataclass
class ModuleSpec:
    slug: str
    title: str
    intro: str
    objectives: list[str]
    lessons: list[LessonSpec]
    quiz: QuizSpec | None
    source: Path
    scenarios: list[ScenarioSpec] = field(default_factory=list)


@dataclass
class PathSpec:
    slug: str
    title: str
    role: str
    description: str
    issues_certificate: bool
    modules: list[str]
    line: int


@dataclass
class PlatformSpec:
    """One network's facts from ``platforms.yaml``: the fields of ``studio.models.PlatformFacts``."""

    code: str
    fields: dict[str, Any]
    line: int


@dataclass
class CourseSpec:
    slug: str
    title: str
    subtitle: str
    intro: str
    unlock_in_order: bool
    modules: list[ModuleSpec]
    final_quiz: QuizSpec | None
    paths: list[PathSpec]
    source: Path
    root: Path = field(default=Path("."))
    platforms: list[PlatformSpec] = field(default_factory=list)

    @property
    def lessons(self) -> list[LessonSpec]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def quizzes(self) -> list[QuizSpec]:
        quizzes = [module.quiz for module in self.modules if module.quiz]
        return quizzes + ([self.final_quiz] if self.final_quiz else [])

    @property
    def scenarios(self) -> list[ScenarioSpec]:
        return [scenario for module in self.modules for scenario in module.scenarios]


def plain_text(value: Any) -> str:
    """A text field that is not rich text: typography applied, inline Markdown markers removed."""
    text = _LINK.sub(r"\1 (\2)", str(value).strip())
    text = _EMPHASIS.sub(lambda match: match.group(2) or match.group(4), text)
    return french_typography(text)


class _Reader:
    """Collects errors while reading one content folder."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []

    # -- errors and small helpers -------------------------------------------------------------

    def error(self, path: Path, line: int | None, message: str) -> None:
        self.errors.append(ContentError(self._display(path), line, message))

    def _display(self, path: Path) -> Path:
        try:
            return Path(self.root.name) / path.relative_to(self.root)
        except ValueError:
            return path

    def load_yaml(self, path: Path, text: str | None = None, *, first_line: int = 1) -> Any:
        try:
            text = path.read_text(encoding="utf-8") if text is None else text
            return yaml_parse(text, first_line=first_line)
        except OSError as exc:
            self.error(path, None, f"cannot read the file ({exc.strerror})")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + first_line if mark else first_line
            self.error(path, line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}")
        return _INVALID

    def mapping(self, data: Any, path: Path, line: int, what: str) -> LineDict | None:
        if data is _INVALID:
            return None
        if not isinstance(data, LineDict):
            self.error(path, getattr(data, "line", line), f"{what} must be a mapping of fields")
            return None
        return data

    def check_keys(self, data: LineDict, path: Path, *, required: tuple, optional: tuple = ()) -> bool:
        complete = True
        for key in required:
            if data.get(key) in (None, "", [], {}):
                self.error(path, data.line, f"missing field « {key} »")
                complete = False
        for key in data:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                self.error(path, data.line_of(key), f"unknown field « {key} » (allowed: {allowed})")
        return complete

    def text_list(self, data: LineDict, key: str, path: Path) -> list[str]:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            self.error(path, data.line_of(key), f"« {key} » must be a non-empty list")
            return []
        result = []
        for index, item in enumerate(items):
            if isinstance(item, dict | list) or item in (None, ""):
                line = items.line_at(index) if isinstance(items, LineList) else data.line_of(key)
                self.error(path, line, f"« {key} » item {index + 1} must be text")
            else:
                result.append(plain_text(item))
        return result

    def slug(self, data: LineDict, path: Path) -> str:
        slug = str(data.get("slug") or "")
        if slug and not SLUG.match(slug):
            self.error(path, data.line_of("slug"), f"slug « {slug} » must be lowercase words joined by hyphens")
        return slug

    def file_ref(self, kind: str, value: Any, path: Path, line: int, title: str = "") -> FileRef | None:
        relative = str(value or "")
        target = (self.root / relative).resolve()
        if not relative or not target.is_file() or self.root.resolve() not in target.parents:
            self.error(path, line, f"{kind} file « {relative} » not found in the content folder")
            return None
        return FileRef(kind=kind, path=relative, title=title)

    # -- course, modules, paths ---------------------------------------------------------------

    def course(self) -> CourseSpec | None:
        path = self.root / "course.yaml"
        data = self.mapping(self.load_yaml(path), path, 1, "course.yaml")
        if data is None:
            return None
        self.check_keys(
            data, path, required=("slug", "title", "intro"), optional=("subtitle", "final_quiz", "unlock_in_order")
        )
        final_quiz = None
        if data.get("final_quiz"):
            final_quiz = self.quiz(self.root / str(data["final_quiz"]))
        read = [self.module(folder) for folder in sorted(self.root.iterdir()) if self._is_module_folder(folder)]
        modules = [module for module in read if module]
        if not modules:
            self.error(path, None, "the course has no module folder (NN-module-slug/module.yaml)")
        course = CourseSpec(
            slug=self.slug(data, path),
            title=plain_text(data.get("title", "")),
            subtitle=plain_text(data.get("subtitle", "")),
            intro=markdown_to_rich_text(str(data.get("intro", ""))),
            unlock_in_order=bool(data.get("unlock_in_order", False)),
            modules=modules,
            final_quiz=final_quiz,
            paths=self.paths({module.slug for module in modules}),
            source=path,
            root=self.root,
            platforms=self.platforms(),
        )
        self._check_unique(course)
        return course

    @staticmethod
    def _is_module_folder(folder: Path) -> bool:
        return folder.is_dir() and bool(_NUMBERED.match(folder.name)) and (folder / "module.yaml").exists()

    def module(self, folder: Path) -> ModuleSpec | None:
        path = folder / "module.yaml"
        data = self.mapping(self.load_yaml(path), path, 1, "module.yaml")
        if data is None:
            return None
        self.check_keys(data, path, required=("slug", "title", "intro", "objectives"))
        read = [self.lesson(file) for file in sorted(folder.glob("*.md")) if _NUMBERED.match(file.name)]
        lessons = [lesson for lesson in read if lesson]
        if not lessons:
            self.error(path, None, "the module has no lesson (NN-lesson-slug.md)")
        quiz_path = folder / "quiz.yaml"
        return ModuleSpec(
            slug=self.slug(data, path),
            title=plain_text(data.get("title", "")),
            intro=markdown_to_rich_text(str(data.get("intro", ""))),
            objectives=self.text_list(data, "objectives", path),
            lessons=lessons,
            quiz=self.quiz(quiz_path) if quiz_path.exists() else None,
            source=path,
            scenarios=[
                scenario
                for file in sorted(folder.glob("scenario-*.yaml"))
                if (scenario := self.scenario(file)) is not None
            ],
        )

    def paths(self, module_slugs: set[str]) -> list[PathSpec]:
        path = self.root / "paths.yaml"
        if not path.exists():
            return []
        data = self.load_yaml(path)
        if not isinstance(data, LineList):  # every YAML list is read as a LineList
            if data is not None and data is not _INVALID:
                self.error(path, getattr(data, "line", 1), "paths.yaml must be a list of learning paths")
            return []
        specs = []
        for item in data:
            entry = self.mapping(item, path, data.line, "a learning path")
            if entry is None or not self.check_keys(
                entry,
                path,
                required=("slug", "title", "role", "modules"),
                optional=("description", "issues_certificate"),
            ):
                continue
            if entry["role"] not in ROLES:
                self.error(path, entry.line_of("role"), f"role « {entry['role']} » is not one of {', '.join(ROLES)}")
            modules = [str(slug) for slug in entry["modules"]] if isinstance(entry["modules"], list) else []
            for unknown in [slug for slug in modules if slug not in module_slugs]:
                self.error(path, entry.line_of("modules"), f"unknown module « {unknown} » in learning path")
            specs.append(
                PathSpec(
                    slug=self.slug(entry, path),
                    title=plain_text(entry["title"]),
                    role=str(entry["role"]),
                    description=plain_text(entry.get("description", "")),
                    issues_certificate=bool(entry.get("issues_certificate", False)),
                    modules=modules,
                    line=entry.line,
                )
            )
        return specs

    def platforms(self) -> list[PlatformSpec]:
        """The networks' facts of ``platforms.yaml`` (optional), one entry per network."""
        path = self.root / "platforms.yaml"
        if not path.exists():
            return []
        data = self.load_yaml(path)
        if not isinstance(data, LineList):
            if data is not None and data is not _INVALID:
                self.error(path, getattr(data, "line", 1), "platforms.yaml must be a list of networks")
            return []
        specs: list[PlatformSpec] = []
        seen: set[str] = set()
        for item in data:
            entry = self.mapping(item, path, data.line, "a network")
            if entry is None or not self.check_keys(
                entry,
                path,
                required=("code", "label", "max_length", "counting", "checked_on", "source", "source_title"),
                optional=PLATFORM_OPTIONAL,
            ):
                continue
            spec = self.platform(entry, path)
            if spec is None:
                continue
            if spec.code in seen:
                self.error(path, entry.line_of("code"), f"network « {spec.code} » is listed twice")
                continue
            seen.add(spec.code)
            specs.append(spec)
        return specs

    def platform(self, entry: LineDict, path: Path) -> PlatformSpec | None:
        """One network's entry: its figures checked by studio's rules (the checker's fallback reads them too)."""
        error_count = len(self.errors)
        figures, problems = platform_figures_check(entry)
        for problem in problems:
            self.error(path, entry.line_of(problem.key), problem.message)
        if "alt_text" in entry and not isinstance(entry["alt_text"], bool):
            self.error(path, entry.line_of("alt_text"), "« alt_text » must be true or false")
        checked_on = figures["checked_on"]
        if checked_on is not None and checked_on > datetime.date.today():
            self.error(
                path, entry.line_of("checked_on"), f"« checked_on » « {checked_on.isoformat()} » is in the future"
            )
        if len(self.errors) != error_count or checked_on is None:
            return None
        fields = {
            "label": plain_text(entry["label"]),
            "counting": figures["counting"],
            **{key: figures[key] for key in FIGURE_NUMBERS},
            "image_formats": plain_text(entry.get("image_formats", "")),
            "video_max_length": plain_text(entry.get("video_max_length", "")),
            "has_alt_text": entry.get("alt_text") is True,
            "alt_text_how": plain_text(entry.get("alt_text_how", "")),
            "notes": plain_text(" ".join(str(entry.get("notes", "")).split())),
            "checked_on": checked_on,
            "source_url": figures["source"],
            "source_title": plain_text(entry["source_title"]),
        }
        return PlatformSpec(code=figures["code"], fields=fields, line=entry.line)

    def _check_unique(self, course: CourseSpec) -> None:
        seen: dict[tuple[str, str], Path] = {}
        items = [("module", module.slug, module.source) for module in course.modules]
        items += [("lesson", lesson.slug, lesson.source) for lesson in course.lessons]
        items += [("quiz", quiz.slug, quiz.source) for quiz in course.quizzes]
        items += [("scenario", scenario.slug, scenario.source) for scenario in course.scenarios]
        for kind, slug, source in items:
            if (kind, slug) in seen:
                self.error(source, None, f"{kind} slug « {slug} » is also used by {self._display(seen[kind, slug])}")
            seen[kind, slug] = source
        keys: dict[str, Path] = {}
        for quiz in course.quizzes:
            for question in quiz.questions:
                if question.key in keys:
                    self.error(quiz.source, question.line, f"question key « {question.key} » is used twice")
                keys[question.key] = quiz.source

    # -- lessons --------------------------------------------------------------------------------

    def lesson(self, path: Path) -> LessonSpec | None:
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError as exc:
            self.error(path, None, f"cannot read the file ({exc.strerror})")
            return None
        if not lines or lines[0].strip() != "---":
            self.error(path, 1, "a lesson starts with a YAML front matter between « --- » lines")
            return None
        try:
            end = next(index for index in range(1, len(lines)) if lines[index].strip() == "---")
        except StopIteration:
            self.error(path, 1, "the front matter is not closed by a « --- » line")
            return None
        front = self.mapping(self.load_yaml(path, "\n".join(lines[1:end]), first_line=2), path, 1, "front matter")
        if front is None:
            return None
        self.check_keys(front, path, required=("slug", "title", "summary", "reviewed_on"), optional=("reading_time",))
        reviewed_on = self.review_date(front, path)
        reading_time = front.get("reading_time")
        if reading_time is not None and (not isinstance(reading_time, int) or reading_time <= 0):
            self.error(path, front.line_of("reading_time"), "« reading_time » must be a positive number of minutes")
            reading_time = None
        blocks = self.lesson_blocks(path, lines, first_index=end + 1)
        if not any(block.type == "heading" and block.value["text"] == "Sources" for block in blocks):
            self.error(path, None, "a lesson ends with a « ## Sources » section crediting its facts")
        return LessonSpec(
            slug=self.slug(front, path),
            title=plain_text(front.get("title", "")),
            summary=plain_text(front.get("summary", "")),
            reading_time=reading_time,
            reviewed_on=reviewed_on,
            blocks=blocks,
            source=path,
        )

    def review_date(self, front: LineDict, path: Path, *, key: str = "reviewed_on") -> datetime.date | None:
        """The « reviewed_on » day of a lesson (or ``key`` of a mapping): when its facts were last checked, never
        in the future."""
        value = front.get(key)
        if value is None:
            return None  # reported as a missing field
        try:
            day = value if type(value) is datetime.date else datetime.date.fromisoformat(str(value))
        except ValueError:
            self.error(path, front.line_of(key), f"« {key} » « {value} » must be written YYYY-MM-DD")
            return None
        if day > datetime.date.today():
            self.error(path, front.line_of(key), f"« {key} » « {day.isoformat()} » is in the future")
            return None
        return day

    def lesson_blocks(self, path: Path, lines: list[str], *, first_index: int) -> list[BlockSpec]:
        blocks: list[BlockSpec] = []
        prose: list[str] = []
        prose_line = 0

        def flush_prose() -> None:
            text = "\n".join(prose).strip()
            if text:
                html = markdown_to_rich_text(_LEADING_HASHTAG.sub(r"\1\\#", text))
                blocks.append(BlockSpec("text", html, prose_line))
            prose.clear()

        index = first_index
        while index < len(lines):
            line, number = lines[index], index + 1
            fence = _FENCE.match(line)
            heading = _HEADING.match(line)
            if fence and fence.group(1):
                flush_prose()
                try:
                    close = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == "```")
                except StopIteration:
                    self.error(path, number, f"the « {fence.group(1)} » block is not closed by a ``` line")
                    return blocks
                block = self.special_block(path, fence.group(1), "\n".join(lines[index + 1 : close]), number)
                if block:
                    blocks.append(block)
                index = close + 1
                continue
            if fence:
                self.error(path, number, "a fenced block needs a block name, e.g. ```callout")
            elif heading:
                flush_prose()
                level = len(heading.group(1))
                if level not in (2, 3):
                    self.error(path, number, "only ## and ### headings are allowed (the title is the page's h1)")
                else:
                    blocks.append(
                        BlockSpec("heading", {"text": plain_text(heading.group(2)), "level": f"h{level}"}, number)
                    )
            else:
                if not prose:
                    prose_line = number
                prose.append(line)
            index += 1
        flush_prose()
        if not blocks:
            self.error(path, first_index + 1, "the lesson has no text")
        return blocks

    def special_block(self, path: Path, name: str, body: str, line: int) -> BlockSpec | None:
        converter = _BLOCK_CONVERTERS.get(name)
        if converter is None:
            self.error(path, line, f"unknown block « {name} » (known: {', '.join(_BLOCK_CONVERTERS)})")
            return None
        data = self.mapping(self.load_yaml(path, body, first_line=line + 1), path, line, f"the « {name} » block")
        if data is None:
            return None
        block_type, spec = converter
        value = spec(self, data, path)
        return BlockSpec(block_type, value, line) if value is not None else None

    # -- special blocks -------------------------------------------------------------------------

    def callout(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("kind", "text"), optional=("title",)):
            return None
        if data["kind"] not in CALLOUT_KINDS:
            self.error(path, data.line_of("kind"), f"callout kind must be one of {', '.join(CALLOUT_KINDS)}")
        return {
            "kind": data["kind"],
            "title": plain_text(data.get("title", "")),
            "text": markdown_to_rich_text(str(data["text"])),
        }

    def quote(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("text", "author"), optional=("role", "institution")):
            return None
        return {key: plain_text(data.get(key, "")) for key in ("text", "author", "role", "institution")}

    def checklist(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("title", "items")):
            return None
        return {"title": plain_text(data["title"]), "items": self.text_list(data, "items", path)}

    def figures(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("items",), optional=("title",)):
            return None
        items = []
        for item in data["items"] if isinstance(data["items"], list) else []:
            entry = self.mapping(item, path, data.line, "a figure")
            if entry is not None and self.check_keys(entry, path, required=("value", "label"), optional=("source",)):
                items.append({key: plain_text(entry.get(key, "")) for key in ("value", "label", "source")})
        return {"title": plain_text(data.get("title", "")), "items": items}

    def dodont(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("do", "dont"), optional=("title",)):
            return None
        return {
            "title": plain_text(data.get("title", "")),
            "do": self.text_list(data, "do", path),
            "dont": self.text_list(data, "dont", path),
        }

    def case(self, data: LineDict, path: Path) -> dict | None:
        parts = ("context", "what_happened", "response", "lessons")
        if not self.check_keys(data, path, required=("title", *parts)):
            return None
        return {"title": plain_text(data["title"]), **{part: markdown_to_rich_text(str(data[part])) for part in parts}}

    def post_content(self, data: LineDict, path: Path, *, extra: tuple = ()) -> dict | None:
        """The fields of a social post, shared by lesson examples and "choose the best post" options."""
        if not self.check_keys(
            data,
            path,
            required=("network", "account", "handle", "text"),
            optional=("date", "image", "image_alt", *extra),
        ):
            return None
        if data["network"] not in NETWORKS:
            self.error(path, data.line_of("network"), f"network must be one of {', '.join(NETWORKS)}")
        date = data.get("date")
        if date is not None:
            try:
                date = datetime.date.fromisoformat(str(date)).isoformat()
            except ValueError:
                self.error(path, data.line_of("date"), f"date « {date} » must be written YYYY-MM-DD")
                date = None
        image = None
        if data.get("image"):
            if not data.get("image_alt"):
                self.error(path, data.line_of("image"), "a post image needs its « image_alt » text")
            image = self.file_ref(
                "image", data["image"], path, data.line_of("image"), plain_text(data.get("image_alt", ""))
            )
        return {
            "network": data["network"],
            "account_name": plain_text(data["account"]),
            "handle": str(data["handle"]).strip(),
            "text": french_typography(str(data["text"]).strip()),
            "image": image,
            # Alternative text only describes an image; without one it would be read out for nothing.
            "image_alt": plain_text(data.get("image_alt", "")) if image else "",
            "date": date,
        }

    def post(self, data: LineDict, path: Path) -> dict | None:
        value = self.post_content(data, path, extra=("verdict", "commentary"))
        if value is None:
            return None
        if data.get("verdict") not in VERDICTS:
            self.error(path, data.line_of("verdict"), f"verdict must be one of {', '.join(VERDICTS)}")
        if not data.get("commentary"):
            self.error(path, data.line, "a post example needs the trainer's « commentary »")
        return {
            **value,
            "verdict": data.get("verdict"),
            "commentary": markdown_to_rich_text(str(data.get("commentary", ""))),
        }

    def exercise(self, data: LineDict, path: Path) -> dict | None:
        """A « write a post » exercise for the post studio: the brief, the network, what the post must carry."""
        if not self.check_keys(
            data,
            path,
            required=("network", "brief"),
            optional=("account", "handle", "image", "photo", "artwork", "tracking"),
        ):
            return None
        if data["network"] not in STUDIO_NETWORKS:
            self.error(path, data.line_of("network"), f"network must be one of {', '.join(STUDIO_NETWORKS)}")
        for flag in ("artwork", "tracking"):
            if flag in data and not isinstance(data[flag], bool):
                self.error(path, data.line_of(flag), f"« {flag} » must be true or false")
        brief = french_typography(str(data["brief"]).strip())
        image = None
        if data.get("image"):
            image = self.file_ref("image", data["image"], path, data.line_of("image"), brief[:100])
        return {
            "brief": brief,
            "network": data["network"],
            "account_name": plain_text(data.get("account", "Musée de l’Estuaire")),
            "handle": str(data.get("handle", "@musee_estuaire")).strip(),
            "image": image,
            "image_description": plain_text(data.get("photo", "")),
            "shows_artwork": data.get("artwork") is True,
            "requires_tracking": data.get("tracking") is True,
        }

    def platform_facts(self, data: LineDict, path: Path) -> dict | None:
        """A table of networks' current limits, read from the platform-facts snippets when the lesson renders."""
        if not self.check_keys(data, path, required=("networks",), optional=("title",)):
            return None
        networks = data["networks"]
        if not isinstance(networks, list) or not all(isinstance(code, str) for code in networks):
            self.error(path, data.line_of("networks"), "« networks » must be a list of network codes")
            return None
        for code in networks:
            if code not in STUDIO_NETWORKS:
                self.error(
                    path, data.line_of("networks"), f"network « {code} » is not one of {', '.join(STUDIO_NETWORKS)}"
                )
        if len(set(networks)) != len(networks):
            self.error(path, data.line_of("networks"), "a network is listed twice in « networks »")
        return {"title": plain_text(data.get("title", "")), "networks": list(networks)}

    def image(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("file", "alt", "credit"), optional=("caption",)):
            return None
        alt = plain_text(data["alt"])
        return {
            "image": self.file_ref("image", data["file"], path, data.line_of("file"), alt),
            "alt_text": alt,
            "caption": plain_text(data.get("caption", "")),
            "credit": plain_text(data["credit"]),
        }

    def document(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("file", "title"), optional=("description",)):
            return None
        title = plain_text(data["title"])
        return {
            "document": self.file_ref("document", data["file"], path, data.line_of("file"), title),
            "title": title,
            "description": plain_text(data.get("description", "")),
        }

    def video(self, data: LineDict, path: Path) -> dict | None:
        if not self.check_keys(data, path, required=("url", "title"), optional=("transcript",)):
            return None
        if not str(data["url"]).startswith("https://"):
            self.error(path, data.line_of("url"), "a video URL must start with https://")
        return {
            "url": str(data["url"]),
            "title": plain_text(data["title"]),
            "transcript": plain_text(data.get("transcript", "")),
        }

    # -- crisis simulations ---------------------------------------------------------------------

    def scenario(self, path: Path) -> ScenarioSpec | None:
        """A crisis scenario file: the format of ``crisis.rules``, its graph checked the way the editor checks it."""
        data = self.mapping(self.load_yaml(path), path, 1, "a scenario file")
        if data is None:
            return None
        self.check_keys(
            data,
            path,
            required=("slug", "title", "intro", "pass_mark", "criteria", "start", "steps"),
            optional=("step_time_limit",),
        )
        # Plain JSON (the YAML reader's mappings remember their lines): what the page's JSON field stores.
        definition = json.loads(json.dumps({key: value for key, value in data.items() if key not in ("slug", "title")}))
        for message in scenario_validate(definition, networks=tuple(STUDIO_NETWORKS)):
            self.error(path, None, message)
        return ScenarioSpec(
            slug=self.slug(data, path), title=plain_text(data.get("title", "")), definition=definition, source=path
        )

    # -- quizzes --------------------------------------------------------------------------------

    def quiz(self, path: Path) -> QuizSpec | None:
        data = self.mapping(self.load_yaml(path), path, 1, "a quiz file")
        if data is None:
            return None
        settings_keys = ("pass_mark", "max_attempts", "wait_minutes", "shuffle_questions", "shuffle_options",
                         "draw_count", "time_limit_minutes", "feedback_policy")  # fmt: skip
        self.check_keys(data, path, required=("slug", "title", "questions"), optional=("intro", *settings_keys))
        pass_mark = data.get("pass_mark", 70)
        if not isinstance(pass_mark, int) or not 0 < pass_mark <= 100:
            self.error(path, data.line_of("pass_mark"), "« pass_mark » must be a percentage between 1 and 100")
        questions = []
        raw_questions: list[Any] = data["questions"] if isinstance(data.get("questions"), list) else []
        for item in raw_questions:
            entry = self.mapping(item, path, data.line, "a question")
            if entry is not None:
                question = self.question(entry, path)
                if question:
                    questions.append(question)
        return QuizSpec(
            slug=self.slug(data, path),
            title=plain_text(data.get("title", "")),
            intro=plain_text(data.get("intro", "")),
            settings={key: data[key] for key in settings_keys if key in data},
            questions=questions,
            source=path,
        )

    def question(self, data: LineDict, path: Path) -> QuestionSpec | None:
        """One question: the fields every type shares, then the type's own (``quizzes.question_types``)."""
        kind = str(data.get("type") or "")
        try:
            question_type = question_type_get(kind)
        except UnknownQuestionType:
            names = ", ".join(question_type_names())
            self.error(path, data.line_of("type"), f"question type « {kind} » is not one of {names}")
            return None
        if not self.check_keys(
            data,
            path,
            required=("key", "type", "prompt", "explanation", *question_type.loader_required),
            optional=("points", *question_type.loader_optional),
        ):
            return None
        value: dict[str, Any] = {
            "prompt": plain_text(data["prompt"]),
            "explanation": plain_text(data["explanation"]),
            "points": data.get("points", 1),
        }
        error_count = len(self.errors)
        # _Reader reads LineDicts (mappings that remember their lines): the ContentReader the types expect.
        value.update(question_type.loader_value(reader=cast(ContentReader, self), data=data, path=path))
        if len(self.errors) == error_count:
            self._check_gradable(kind, value, data, path)
        return QuestionSpec(key=str(data["key"]), type=kind, value=value, line=data.line)

    def entries(self, data: LineDict, key: str, path: Path, *, required: tuple, optional: tuple = ()) -> list[LineDict]:
        """The mappings listed under ``key``, each with its required fields (errors collected otherwise)."""
        entries = []
        for item in data[key] if isinstance(data[key], list) else []:
            entry = self.mapping(item, path, data.line_of(key), f"an item of « {key} »")
            if entry is not None and self.check_keys(entry, path, required=required, optional=optional):
                entries.append(entry)
        return entries

    @staticmethod
    def plain(value: Any) -> str:
        return plain_text(value)

    def _check_gradable(self, kind: str, value: dict, data: LineDict, path: Path) -> None:
        """The quiz engine's own rules (e.g. exactly one right option for a single choice)."""
        try:
            question_spec_build(question_id=str(data["key"]), block_type=kind, value=value)
        except ValueError as exc:
            self.error(path, data.line, str(exc))


PLATFORM_OPTIONAL = ("preview_cut", "max_hashtags", "max_mentions", "image_formats", "video_max_length", "alt_text",
                     "alt_text_how", "notes")  # fmt: skip

_BLOCK_CONVERTERS: dict[str, tuple[str, Callable]] = {
    "callout": ("callout", _Reader.callout),
    "quote": ("quote", _Reader.quote),
    "checklist": ("checklist", _Reader.checklist),
    "figures": ("key_figures", _Reader.figures),
    "dodont": ("do_dont", _Reader.dodont),
    "case": ("case_study", _Reader.case),
    "post": ("social_post", _Reader.post),
    "exercise": ("post_exercise", _Reader.exercise),
    "platform_facts": ("platform_facts", _Reader.platform_facts),
    "image": ("image", _Reader.image),
    "document": ("document", _Reader.document),
    "video": ("video", _Reader.video),
}


def course_read(root: Path) -> CourseSpec:
    """Read the whole content folder; raise :class:`ContentErrors` listing every problem found."""
    reader = _Reader(Path(root))
    if not (reader.root / "course.yaml").exists():
        raise ContentErrors([ContentError(reader.root, None, "no course.yaml in this folder")])
    course = reader.course()
    if reader.errors or course is None:
        raise ContentErrors(reader.errors)
    return course
