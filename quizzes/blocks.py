"""StreamField blocks for quiz questions. Block names are the question types; each block's id is the question id.

The value shapes are read by the types of ``quizzes.question_types``; keep the two in step.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from lessons.blocks import POST_PREVIEW, PostBriefBlock, SocialPostContentBlock, brief_requirement_blocks

from .question_types.choice import OptionsProblem, options_problem
from .question_types.writing import WRITING_MAX_LENGTH_LIMIT


class QuestionBlock(blocks.StructBlock):
    """Fields every question shares: the prompt, an explanation shown after submission and its points."""

    prompt = blocks.TextBlock(label=_("Question"), help_text=_("What the learner is asked."))
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after submission (if the quiz's feedback policy allows): why the right answer is right."),
    )
    points = blocks.IntegerBlock(label=_("Points"), min_value=1, max_value=100, default=1)


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Right answer"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False, help_text=_("Shown after submission to learners who chose this answer.")
    )


class PostOptionBlock(blocks.StructBlock):
    post = SocialPostContentBlock(label=_("Post"))
    correct = blocks.BooleanBlock(label=_("Right answer"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False, help_text=_("Shown after submission to learners who chose this post.")
    )


_OPTIONS_MESSAGES = {
    OptionsProblem.TOO_FEW: _("Give at least two answers."),
    OptionsProblem.NOT_EXACTLY_ONE_RIGHT: _("Mark exactly one answer as right."),
    OptionsProblem.NONE_RIGHT: _("Mark at least one answer as right."),
}


class OptionsQuestionBlock(QuestionBlock):
    """A question whose ``options`` are checked with the quiz engine's rule (``options_problem``) on saving.

    Subclasses declare ``options``; ``exactly_one_right`` says whether exactly one of them must be right.
    """

    exactly_one_right = False

    def clean(self, value):
        value = super().clean(value)
        options = list(value.get("options") or [])
        problem = options_problem(
            option_count=len(options),
            right_count=sum(1 for option in options if option.get("correct")),
            exactly_one_right=self.exactly_one_right,
        )
        if problem is not None:
            error = ValidationError(_OPTIONS_MESSAGES[problem])
            raise blocks.StructBlockValidationError(block_errors={"options": error})
        return value


class SingleChoiceBlock(OptionsQuestionBlock):
    """One right answer among several."""

    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Answers"), min_num=2)
    exactly_one_right = True

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        description = _("Several answers, exactly one of them right.")


class MultipleChoiceBlock(OptionsQuestionBlock):
    """One or more right answers; all-or-nothing or partial credit."""

    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Answers"), min_num=2)
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[
            ("all_or_nothing", _("All or nothing")),
            ("partial", _("Partial credit (right answers chosen minus wrong ones)")),
        ],
        default="all_or_nothing",
    )

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        description = _("Several answers, one or more of them right.")


class TrueFalseBlock(QuestionBlock):
    """A statement that is true or false."""

    answer = blocks.ChoiceBlock(
        label=_("Right answer"), choices=[("true", _("True")), ("false", _("False"))], default="true"
    )
    feedback_true = blocks.TextBlock(label=_("Feedback for “true”"), required=False)
    feedback_false = blocks.TextBlock(label=_("Feedback for “false”"), required=False)

    class Meta:
        icon = "success"
        label = _("True or false")
        description = _("A statement the learner judges true or false.")


class OrderingBlock(QuestionBlock):
    """Steps to put in order; partial credit by pairs in the right order."""

    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Step"), max_length=300),
        label=_("Steps in the right order"),
        min_num=2,
        help_text=_("Enter the steps in the right order; learners see them shuffled."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Ordering")
        description = _("Steps the learner puts in order (partial credit for each pair in order).")


class MatchingPairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=_("Item"), max_length=300)
    right = blocks.CharBlock(label=_("Matches"), max_length=300)


class MatchingBlock(QuestionBlock):
    """Pair each item with its match, e.g. a message with the network it suits."""

    pairs = blocks.ListBlock(
        MatchingPairBlock(),
        label=_("Pairs"),
        min_num=2,
        help_text=_("Right-hand sides are shuffled; two items may share the same match."),
    )

    class Meta:
        icon = "link"
        label = _("Matching")
        description = _("Pairs of items the learner matches (partial credit for each right pair).")


class BestPostBlock(OptionsQuestionBlock):
    """Choose the best post: the options are social-media posts, one or more of them right."""

    options = blocks.ListBlock(PostOptionBlock(), label=_("Posts"), min_num=2)

    class Meta:
        icon = "user"
        label = _("Choose the best post")
        description = _("Social-media posts shown as cards; the learner chooses the best one.")
        preview_value = {
            "prompt": "Quel post annonce le mieux la Nuit des musées ?",
            "points": 1,
            "options": [
                {"post": POST_PREVIEW, "correct": True, "feedback": ""},
                {"post": {**POST_PREVIEW, "text": "Venez."}, "correct": False, "feedback": ""},
            ],
        }


class ShortAnswerBlock(QuestionBlock):
    """A word or a short phrase, compared without case, accents or surrounding spaces."""

    accepted = blocks.ListBlock(
        blocks.CharBlock(label=_("Accepted answer"), max_length=300),
        label=_("Accepted answers"),
        min_num=1,
        help_text=_("Compared without case, accents or surrounding spaces."),
    )

    class Meta:
        icon = "pick"
        label = _("Short answer")
        description = _("A word or short phrase typed by the learner.")


class RubricRowBlock(blocks.StructBlock):
    criterion = blocks.CharBlock(label=_("Criterion"), max_length=300)
    points = blocks.IntegerBlock(label=_("Points"), min_value=0, max_value=100, default=1)


class WritingBlock(QuestionBlock):
    """An open writing exercise reviewed by a trainer; the learner then sees the model answer."""

    model_answer = blocks.TextBlock(label=_("Model answer"), help_text=_("Shown to the learner after submission."))
    rubric = blocks.ListBlock(RubricRowBlock(), label=_("Rubric"), min_num=0)
    max_length = blocks.IntegerBlock(
        label=_("Maximum length (characters)"),
        required=False,
        min_value=50,
        max_value=WRITING_MAX_LENGTH_LIMIT,
        help_text=_("Leave empty for 3000 characters."),
    )

    class Meta:
        icon = "edit"
        label = _("Writing exercise")
        description = _("Free text with a model answer and a rubric, reviewed by a trainer.")


class PostQuestionBlock(PostBriefBlock, QuestionBlock):
    """Write a post for a network: the studio's checker helps the learner, then a trainer grades with the rubric.

    Fields: the question's (prompt, explanation, points), then the brief's (``PostBriefBlock``), then these:
    Wagtail takes inherited fields from the last base class first, hence the order of the bases.
    """

    image_description = blocks.TextBlock(
        label=_("Picture described"),
        required=False,
        help_text=_(
            "The picture that goes with the post, described in words; the learner then writes its alternative text."
        ),
    )
    shows_artwork, requires_tracking = brief_requirement_blocks()
    rubric = blocks.ListBlock(RubricRowBlock(), label=_("Rubric"), min_num=1)
    model_answer = blocks.TextBlock(
        label=_("Example post"),
        required=False,
        help_text=_("Shown to trainers, and to the learner once a trainer has reviewed the post."),
    )

    class Meta:
        icon = "edit"
        label = _("Write a post")
        description = _(
            "The learner writes a post; the checker lists what to fix, a trainer grades it with the rubric."
        )
        preview_value = {
            "prompt": "Rédigez la publication.",
            "points": 5,
            "brief": "Annoncez sur Instagram la restauration du « Grand Paysage ».",
            "network": "instagram",
            "rubric": [{"criterion": "L’essentiel tient dans les 125 premiers caractères.", "points": 5}],
        }


class QuestionTypesStreamBlock(blocks.StreamBlock):
    """The question types themselves (the question bank holds one of them per item)."""

    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    ordering = OrderingBlock()
    matching = MatchingBlock()
    best_post = BestPostBlock()
    short_answer = ShortAnswerBlock()
    writing = WritingBlock()
    post = PostQuestionBlock()


class QuestionStreamBlock(QuestionTypesStreamBlock):
    """A quiz's questions: any question type, or a question reused from the bank."""

    bank = SnippetChooserBlock(
        "quizzes.QuestionBankItem",
        label=_("Question from the bank"),
        icon="folder-open-inverse",
        help_text=_("A question kept in the question bank; editing it there changes every quiz that uses it."),
    )
