"""The completion and unlock rules on plain data."""

from progress import rules


def test_module_needs_every_lesson_and_its_quiz():
    args = {"lesson_ids": [1, 2], "quiz_id": 9}

    assert not rules.module_is_complete(**args, done_lesson_ids={1}, passed_quiz_ids={9})
    assert not rules.module_is_complete(**args, done_lesson_ids={1, 2}, passed_quiz_ids=set())
    assert rules.module_is_complete(**args, done_lesson_ids={1, 2}, passed_quiz_ids={9})


def test_module_without_quiz_is_complete_when_its_lessons_are():
    assert rules.module_is_complete(lesson_ids=[1], quiz_id=None, done_lesson_ids={1}, passed_quiz_ids=set())


def test_course_needs_all_modules_and_its_final_quiz():
    assert not rules.course_is_complete(modules_complete=[True, False], final_quiz_id=None, passed_quiz_ids=set())
    assert not rules.course_is_complete(modules_complete=[True, True], final_quiz_id=5, passed_quiz_ids=set())
    assert rules.course_is_complete(modules_complete=[True, True], final_quiz_id=5, passed_quiz_ids={5})


def test_course_without_modules_is_never_complete():
    assert not rules.course_is_complete(modules_complete=[], final_quiz_id=None, passed_quiz_ids=set())


def test_path_needs_all_its_modules():
    assert not rules.path_is_complete(module_ids=[1, 2], completed_module_ids={1})
    assert rules.path_is_complete(module_ids=[1, 2], completed_module_ids={1, 2, 3})
    assert not rules.path_is_complete(module_ids=[], completed_module_ids={1})


def test_in_order_each_module_waits_for_the_first_incomplete_one_before_it():
    blockers = rules.module_blockers(unlock_in_order=True, modules_complete=[True, False, False, True])

    assert blockers == [None, None, 1, 1]


def test_without_order_every_module_is_open():
    assert rules.module_blockers(unlock_in_order=False, modules_complete=[False, False]) == [None, None]


def test_final_quiz_waits_for_the_first_incomplete_module_in_order():
    assert rules.final_quiz_blocker(unlock_in_order=True, modules_complete=[True, False]) == 1
    assert rules.final_quiz_blocker(unlock_in_order=True, modules_complete=[True, True]) is None
    assert rules.final_quiz_blocker(unlock_in_order=False, modules_complete=[False]) is None
