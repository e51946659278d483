"""Reading the uploaded list of e-mail addresses: one error message per line."""

from django.utils import translation

from cohorts.imports import MAX_LINES, learner_lines_parse


def test_comma_and_semicolon_files_with_header_are_read():
    for data in (b"email,nom\nA@musee.fr,Anne\nb@musee.fr\n", b"Courriel;Nom\na@musee.fr;Anne\nb@musee.fr;\n"):
        parse = learner_lines_parse(data)
        assert parse.is_valid
        assert [(line.number, line.email, line.full_name) for line in parse.lines] == [
            (2, "a@musee.fr", "Anne"),
            (3, "b@musee.fr", ""),
        ]


def test_each_bad_line_gets_its_own_error():
    with translation.override("en"):
        parse = learner_lines_parse(b"a@musee.fr\npas-une-adresse\na@musee.fr\nc@musee.fr,C,extra\n")
    assert not parse.is_valid
    errors = {line.number: line.errors for line in parse.lines}
    assert errors[1] == []
    assert errors[2] == ["This is not a valid e-mail address."]
    assert errors[3] == ["This address already appears on line 1."]
    assert errors[4] == ["Too many cells: expected an e-mail address and an optional name."]
    assert parse.error_count == 3


def test_windows_encoded_file_is_read():
    parse = learner_lines_parse("élodie@musee.fr,Élodie\n".encode("cp1252"))
    assert parse.lines[0].full_name == "Élodie"


def test_binary_or_empty_files_are_refused_as_a_whole():
    assert learner_lines_parse(b"\x00\x01\x02").error
    assert learner_lines_parse(b"\n\n").error
    assert not learner_lines_parse(b"").is_valid


def test_too_many_lines_are_refused():
    data = "".join(f"l{n}@musee.fr\n" for n in range(MAX_LINES + 1)).encode()
    parse = learner_lines_parse(data)
    assert parse.error
    assert parse.lines == []
