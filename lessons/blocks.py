"""StreamField blocks for lesson bodies: the teaching material of a museum social-media course."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.richtext import RICH_TEXT_FEATURES
from studio.exercises import exercise_key
from studio.networks import NETWORKS, Counting
from studio.selectors import platform_facts_list

NETWORK_CHOICES = [
    ("x", "X (Twitter)"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
]
NETWORK_LABELS = dict(NETWORK_CHOICES)
# Networks the post studio knows the rules of (studio.networks).
POST_EXERCISE_NETWORKS = [(code, rules.label) for code, rules in NETWORKS.items()]

VERDICT_CHOICES = [
    ("good", _("Good example")),
    ("avoid", _("To avoid")),
    ("neutral", _("To discuss")),
]
VERDICT_LABELS = dict(VERDICT_CHOICES)

CALLOUT_CHOICES = [
    ("tip", _("Tip")),
    ("warning", _("Warning")),
    ("key", _("Key point")),
]
CALLOUT_LABELS = dict(CALLOUT_CHOICES)


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3); lesson titles are the page's h1."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "lessons/blocks/heading.html"
        description = _("A section heading that also appears in the lesson outline.")
        preview_value = {"text": "Définir ses objectifs", "level": "h2"}


class LessonRichTextBlock(blocks.RichTextBlock):
    """Paragraphs and lists with a small, safe set of formatting."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "lessons/blocks/rich_text.html"
        description = _("Paragraphs, lists, bold, italic and links.")
        preview_value = "<p>Un musée publie pour <b>informer</b>, <i>dialoguer</i> et faire de la médiation.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text, an optional caption and a credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=500,
        help_text=_("Describe what the image shows for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "lessons/blocks/image.html"
        description = _("An image with its alternative text, caption and credit.")


class QuoteBlock(blocks.StructBlock):
    """A quotation or testimony, attributed to a person, their role and institution."""

    text = blocks.TextBlock(label=_("Quotation"))
    author = blocks.CharBlock(label=_("Who"), max_length=150)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=150)
    institution = blocks.CharBlock(label=_("Institution"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Quote or testimony")
        template = "lessons/blocks/quote.html"
        description = _("A testimony with its author, role and institution.")
        preview_value = {
            "text": "Nous répondons à chaque question dans la journée, même le dimanche.",
            "author": "Claire Martin",
            "role": "community manager (témoignage fictif)",
            "institution": "Musée de l'Estuaire",
        }


class CalloutBlock(blocks.StructBlock):
    """A highlighted tip, warning or key point; its kind is stated in text, not only by colour."""

    kind = blocks.ChoiceBlock(label=_("Kind"), choices=CALLOUT_CHOICES, default="tip")
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    text = LessonRichTextBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "lessons/blocks/callout.html"
        description = _("A tip, a warning or a key point to remember.")
        preview_value = {"kind": "key", "title": "", "text": "<p>Une idée par message.</p>"}


class ChecklistBlock(blocks.StructBlock):
    """A list of things to check, e.g. before publishing."""

    title = blocks.CharBlock(label=_("Title"), max_length=150)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "lessons/blocks/checklist.html"
        description = _("Things to check, as a list.")
        preview_value = {
            "title": "Avant de publier",
            "items": ["Le visuel est crédité.", "Le texte alternatif est écrit."],
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=40)
    label = blocks.CharBlock(label=_("What it measures"), max_length=300)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=300)


class KeyFiguresBlock(blocks.StructBlock):
    """A few figures with what they measure and their source."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    items = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "lessons/blocks/key_figures.html"
        description = _("Figures with their meaning and source.")
        preview_value = {
            "title": "La Museum Week 2014",
            "items": [{"value": "12", "label": "musées français à l'origine", "source": "Blog Twitter France"}],
        }


class DoDontBlock(blocks.StructBlock):
    """Good and bad practice side by side."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    do = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Do"), min_num=1)
    dont = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Don't"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Do / don't")
        template = "lessons/blocks/do_dont.html"
        description = _("Two lists: what to do and what to avoid.")
        preview_value = {"title": "", "do": ["Remercier."], "dont": ["Supprimer une critique."]}


class CaseStudyBlock(blocks.StructBlock):
    """A real or realistic case: context, what happened, the response and what to learn."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    context = LessonRichTextBlock(label=_("Context"))
    what_happened = LessonRichTextBlock(label=_("What happened"))
    response = LessonRichTextBlock(label=_("Response"))
    lessons = LessonRichTextBlock(label=_("Lessons learned"))

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "lessons/blocks/case_study.html"
        description = _("Context, what happened, the response and the lessons learned.")


class DocumentBlock(blocks.StructBlock):
    """A downloadable document such as a charter or a template."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "download"
        label = _("Downloadable document")
        template = "lessons/blocks/document.html"
        description = _("A charter, a template or a form to download.")


class VideoBlock(blocks.StructBlock):
    """An external video. Only a privacy-friendly player is framed; the link always works offline."""

    url = blocks.URLBlock(label=_("Video URL"), help_text=_("YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript or summary"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lessons/blocks/video.html"
        description = _("An external video (YouTube or Vimeo) with a link and an optional transcript.")
        preview_value = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Exemple de vidéo"}


POST_PREVIEW = {
    "network": "instagram",
    "account_name": "Musée de l'Estuaire",
    "handle": "@musee_estuaire",
    "text": "Ce soir, la réserve ouvre ses portes 🌙 #NuitDesMusees",
    "date": datetime.date(2025, 5, 17),
}


class SocialPostContentBlock(blocks.StructBlock):
    """What a social-media post shows: network, account, text, optional image and date.

    Rendered by ``includes/social_post_card.html``, which quizzes reuse for "choose the best post".
    """

    network = blocks.ChoiceBlock(label=_("Network"), choices=NETWORK_CHOICES)
    account_name = blocks.CharBlock(label=_("Account name"), max_length=100)
    handle = blocks.CharBlock(label=_("Handle"), max_length=100, help_text=_("For example @musee_estuaire."))
    text = blocks.TextBlock(label=_("Post text"))
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(label=_("Image alternative text"), required=False, max_length=500)
    date = blocks.DateBlock(label=_("Date"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt"):
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("An image needs its alternative text."))}
            )
        return value

    class Meta:
        icon = "user"
        label = _("Social media post")
        template = "lessons/blocks/social_post_content.html"
        preview_value = POST_PREVIEW


class SocialPostBlock(SocialPostContentBlock):
    """A post example with the trainer's verdict and commentary."""

    verdict = blocks.ChoiceBlock(label=_("Verdict"), choices=VERDICT_CHOICES, default="neutral")
    commentary = LessonRichTextBlock(label=_("Trainer's commentary"))

    class Meta:
        icon = "user"
        label = _("Social post example")
        template = "lessons/blocks/social_post.html"
        description = _("A post as it would appear on a network, with a verdict and commentary.")
        preview_value = {
            **POST_PREVIEW,
            "verdict": "good",
            "commentary": "<p>Accroche courte, hashtag lisible en CamelCase.</p>",
        }


class PostBriefBlock(blocks.StructBlock):
    """What a « write a post » exercise asks for: the brief, the network, and the account the post is written as.

    The lesson's exercise below and the quiz's post question (``quizzes.blocks.PostQuestionBlock``) both start
    with these fields: the same exercise, written in the post studio or in a quiz.
    """

    brief = blocks.TextBlock(
        label=_("Brief"),
        help_text=_("What to write, for whom; for example: announce the restoration of a painting on Instagram."),
    )
    network = blocks.ChoiceBlock(label=_("Network"), choices=POST_EXERCISE_NETWORKS)
    account_name = blocks.CharBlock(label=_("Account name"), max_length=100, default="Musée de l’Estuaire")
    handle = blocks.CharBlock(label=_("Handle"), max_length=100, default="@musee_estuaire")


def brief_requirement_blocks() -> tuple[blocks.BooleanBlock, blocks.BooleanBlock]:
    """The two requirements a brief may add that the checker enforces (``studio.checker.Brief``), as fields.

    New blocks on each call, declared where they are unpacked, so that each exercise keeps its own field order.
    """
    return (
        blocks.BooleanBlock(
            label=_("The image shows an artwork"), required=False, help_text=_("A full credit line is then required.")
        ),
        blocks.BooleanBlock(
            label=_("Links must be tracked"), required=False, help_text=_("Every link then needs its UTM parameters.")
        ),
    )


class PostExerciseBlock(PostBriefBlock):
    """A « write a post » exercise: the brief and the network; the learner writes in the post studio.

    The block renders the same for every learner (lessons are cached): a link to her own workspace for
    this exercise, where the checker and the preview run (``studio.views.exercise``).
    """

    image = ImageChooserBlock(
        label=_("Image"), required=False, help_text=_("The post's image: the learner then writes its alternative text.")
    )
    image_description = blocks.TextBlock(
        label=_("Picture described"),
        required=False,
        help_text=_(
            "Without an image file: the picture that goes with the post, described; the learner writes its "
            "alternative text."
        ),
    )
    shows_artwork, requires_tracking = brief_requirement_blocks()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["exercise_key"] = exercise_key(value)
        return context

    class Meta:
        icon = "edit"
        label = _("Write a post (studio)")
        template = "lessons/blocks/post_exercise.html"
        description = _(
            "An exercise: the learner writes a post and the checker reviews it against the network's rules."
        )
        preview_value = {
            "brief": "Annoncez sur Instagram la restauration du « Grand Paysage », avec une photo de l’atelier.",
            "network": "instagram",
            "account_name": "Musée de l’Estuaire",
            "handle": "@musee_estuaire",
            "shows_artwork": True,
        }


COUNTING_UNITS = {
    Counting.CHARACTERS: _("characters"),
    Counting.WEIGHTED: _("weighted characters"),
    Counting.GRAPHEMES: _("graphemes"),
}
COUNTING_HELP = {
    Counting.WEIGHTED: _("Weighted count: a link counts 23 characters, an emoji 2."),
    Counting.GRAPHEMES: _("Counted in graphemes: what a reader sees as one character (a composed emoji counts 1)."),
}


class PlatformFactsBlock(blocks.StructBlock):
    """The current limits of one or more networks, read from the platform-facts snippets when the page renders.

    Nothing is copied into the lesson: a trainer who updates a snippet updates every lesson showing it (saving a
    snippet forgets the cached lesson bodies, see studio.apps).
    """

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    networks = blocks.MultipleChoiceBlock(
        label=_("Networks"), choices=POST_EXERCISE_NETWORKS, help_text=_("Shown in this order.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        codes = list(value.get("networks") or ())
        facts = platform_facts_list(codes=codes)
        found = {item.code for item in facts}
        context["facts"] = [
            {
                "item": item,
                "counting_unit": COUNTING_UNITS.get(Counting(item.counting), ""),
                "counting_help": COUNTING_HELP.get(Counting(item.counting), ""),
            }
            for item in facts
        ]
        context["missing"] = [NETWORKS[code].label for code in codes if code not in found and code in NETWORKS]
        return context

    class Meta:
        icon = "table"
        label = _("Platform facts")
        template = "lessons/blocks/platform_facts.html"
        description = _("The current limits of chosen networks, with the date they were checked and their source.")
        preview_value = {"title": "", "networks": ["instagram", "x"]}


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = LessonRichTextBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    key_figures = KeyFiguresBlock()
    do_dont = DoDontBlock()
    case_study = CaseStudyBlock()
    document = DocumentBlock()
    video = VideoBlock()
    social_post = SocialPostBlock()
    post_exercise = PostExerciseBlock()
    platform_facts = PlatformFactsBlock()
