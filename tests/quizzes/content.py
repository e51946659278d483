"""The demo course's content, copied with one question more, for tests of the content loader."""

import shutil
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"


def content_with_quiz_question(tmp_path: Path, question_yaml: str) -> Path:
    """A copy of the demo content under ``tmp_path`` whose crisis module's quiz ends with ``question_yaml``.

    ``question_yaml`` is one entry of the quiz's ``questions`` list, indented as the file's own entries are.
    """
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    quiz = content / "05-gestion-de-crise" / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").rstrip("\n") + "\n" + question_yaml, encoding="utf-8")
    return content
