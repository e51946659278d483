"""Signal receivers: quizzes tell progress when an attempt is graded (quizzes never imports progress)."""


def attempt_graded_receiver(sender, attempt, **kwargs) -> None:
    """Record the module, course and path completions a graded or reviewed attempt brings."""
    from .services import quiz_progress_refresh

    if attempt.user_id is not None:
        quiz_progress_refresh(user=attempt.user, quiz=attempt.quiz)


def connect() -> None:
    from quizzes.signals import attempt_graded

    attempt_graded.connect(attempt_graded_receiver, dispatch_uid="progress-attempt-graded")
