"""Single choice: several answers, exactly one of them right.

Answer: the key of the chosen option.
"""

from .choice import ChoiceQuestionType


class SingleChoice(ChoiceQuestionType):
    name = "single"
    form_template = "quizzes/includes/question_single.html"
    exactly_one_right = True
