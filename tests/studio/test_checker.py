"""The post checker, rule by rule and network by network: what a learner's draft gets told."""

import pytest

from studio.checker import Address, Brief, Charter, Draft, Status, post_check, post_length
from studio.platform_figures import default_rules

VOUS = Charter(address=Address.VOUS)
LONG_URL = "https://www.musee-estuaire.fr/expositions/2027/la-restauration-du-grand-tableau"


def check(text: str, network: str = "instagram", *, brief: Brief = Brief(), charter: Charter = VOUS, **draft):
    return post_check(draft=Draft(text=text, **draft), network=default_rules(network), charter=charter, brief=brief)


def rules_found(report) -> dict[str, Status]:
    return {finding.rule: finding.status for finding in report.findings}


@pytest.mark.parametrize(
    ("network", "text", "count"),
    [
        ("x", "a" * 270 + " " + LONG_URL, 270 + 1 + 23),  # every URL counts 23, whatever its length
        ("x", "a" * 278 + "😀", 280),  # an emoji weighs 2
        ("x", "Musée é à", 9),  # accented letters weigh 1
        ("bluesky", "a" * 299 + "👩\u200d👩\u200d👧", 300),  # a family emoji is one grapheme (5 code points)
        ("bluesky", "e\u0301" * 3, 3),  # e + combining accent: one grapheme each
        ("instagram", "a" * 10 + "👩\u200d👩\u200d👧", 15),  # code points
    ],
)
def test_length_is_counted_the_way_each_network_counts(network, text, count):
    assert post_length(text, default_rules(network)).count == count


@pytest.mark.parametrize(
    ("network", "text", "over"),
    [
        ("x", "a" * 278 + "😀", False),
        ("x", "a" * 279 + "😀", True),
        ("x", "a" * 270 + " " + LONG_URL, True),  # 294 weighted, although the URL is 80 characters
        ("bluesky", "a" * 299 + "👩\u200d👩\u200d👧", False),
        ("bluesky", "a" * 300 + "é", True),
        ("mastodon", "a" * 500, False),
        ("mastodon", "a" * 501, True),
    ],
)
def test_a_post_over_the_limit_is_an_error_that_says_by_how_much(network, text, over):
    report = check(text, network)

    assert report.length.is_over is over
    assert (rules_found(report).get("length") == Status.ERROR) is over
    if over:
        assert f"{report.length.count - report.length.limit}" in report.errors[0].message


def test_a_long_instagram_caption_is_told_where_the_feed_cuts_it():
    report = check("a" * 200)

    assert rules_found(report) == {"preview": Status.WARNING}
    assert "125" in report.findings[0].message


@pytest.mark.parametrize(
    ("tags", "status"),
    [
        (5, None),  # Instagram allows 5 hashtags since December 2025
        (6, Status.ERROR),
    ],
)
def test_instagram_allows_five_hashtags(tags, status):
    text = "Nouvelle salle ouverte. " + " ".join(f"#Salle{number}" for number in range(tags))

    assert rules_found(check(text)).get("hashtag-count") == status


@pytest.mark.parametrize(
    ("tag", "flagged"),
    [
        ("#nuitdesmusées", True),  # several words, no capital: read as one unknown word
        ("#NuitDesMusées", False),
        ("#NuitDesMuséesÉté", False),  # accented capitals count as capitals
        ("#musée", False),  # one short word
        ("#JourDeFermeture", False),
        ("#journéesdupatrimoine", True),
    ],
)
def test_multi_word_hashtags_need_camel_case_for_screen_readers(tag, flagged):
    report = check(f"Programme du week-end. {tag}")

    assert ("hashtag-camel-case" in rules_found(report)) is flagged
    if flagged:
        assert tag[1:2].upper() + tag[2:] in report.warnings[0].message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Venez à la #NuitDesMusées samedi soir.", True),
        ("Venez samedi soir à la Nuit des musées. #NuitDesMusées", False),
        ("Ouverture exceptionnelle ! #NuitDesMusées #Bordeaux", False),
    ],
)
def test_a_hashtag_in_the_middle_of_a_sentence_is_flagged(text, flagged):
    assert ("hashtag-mid-sentence" in rules_found(check(text))) is flagged


@pytest.mark.parametrize(
    ("alt", "rules"),
    [
        ("", {"alt-missing": Status.ERROR}),
        ("La salle.", {"alt-short": Status.WARNING}),
        ("Image de la salle des peintures, murs rouges et parquet clair.", {"alt-opening": Status.WARNING}),
        ("Restauration du grand tableau : on vous montre tout.", {"alt-repeats-text": Status.WARNING}),
        ("Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet.", {}),
    ],
)
def test_the_alternative_text_is_present_long_enough_and_not_redundant(alt, rules):
    report = check("Restauration du grand tableau : on vous montre tout.", brief=Brief(has_image=True), alt_text=alt)

    assert {rule: status for rule, status in rules_found(report).items() if rule.startswith("alt")} == rules


def test_no_alternative_text_is_asked_for_a_post_without_image():
    assert "alt-missing" not in rules_found(check("Bonne journée à toutes et à tous."))


@pytest.mark.parametrize(
    ("credit", "missing"),
    [
        ("Claude Monet, Nymphéas, 1916, domaine public. Photo : Jean Dupont", []),
        ("Berthe Morisot, Le Berceau, 1872, CC0. © photo Musée de l’Estuaire / A. Martin", []),
        ("Claude Monet, Nymphéas. Photo : Jean Dupont", ["date"]),
        ("Claude Monet, Nymphéas, 1916. Photo : Jean Dupont", ["domaine public"]),
        ("Claude Monet, Nymphéas, 1916, domaine public", ["photographe"]),
    ],
)
def test_an_artwork_needs_a_full_credit_line(credit, missing):
    alt = "Un bassin couvert de nénuphars sous une lumière du soir, tons bleus et mauves."
    report = check("Le tableau du mois.", brief=Brief(has_image=True, shows_artwork=True), credit=credit, alt_text=alt)

    findings = [finding for finding in report.findings if finding.rule.startswith("credit")]
    assert bool(findings) is bool(missing)
    for word in missing:
        assert word in findings[0].message


def test_a_missing_credit_line_is_an_error_only_when_the_image_shows_an_artwork():
    artwork = check("Le tableau du mois.", brief=Brief(shows_artwork=True))
    crowd = check("Le tableau du mois.", brief=Brief())

    assert rules_found(artwork)["credit-missing"] == Status.ERROR
    assert "credit-missing" not in rules_found(crowd)


@pytest.mark.parametrize(
    ("text", "brief", "rules"),
    [
        ("Réservez : https://bit.ly/3xYz", Brief(), {"link-shortener": Status.WARNING}),
        (f"Réservez : {LONG_URL}", Brief(requires_tracking=True), {"link-tracking": Status.ERROR}),
        (
            f"Réservez : {LONG_URL}?utm_source=instagram&utm_medium=social&utm_campaign=restauration",
            Brief(requires_tracking=True),
            {},
        ),
        (f"Réservez : {LONG_URL}", Brief(), {}),
    ],
)
def test_links_show_their_destination_and_carry_utm_when_the_brief_asks(text, brief, rules):
    report = check(text, "facebook", brief=brief)

    assert {rule: status for rule, status in rules_found(report).items() if rule.startswith("link")} == rules


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("Merci pour vos messages ! 🎨", set()),
        ("Merci pour vos messages ! 🎨🖼️✨🎉", {"emoji-trailing"}),
        ("Venez 👀 la nouvelle salle.", {"emoji-for-word"}),
        ("🎨 Atelier 🖌️ peinture 🖼️ pour 👨\u200d👩\u200d👧 familles ✨ ce 📅 samedi", {"emoji-count", "emoji-for-word"}),
    ],
)
def test_emoji_neither_replace_words_nor_pile_up(text, rules):
    assert {rule for rule in rules_found(check(text)) if rule.startswith("emoji")} == rules


@pytest.mark.parametrize(
    ("address", "text", "flagged"),
    [
        (Address.VOUS, "Viens découvrir ta nouvelle salle préférée.", True),
        (Address.VOUS, "Venez découvrir votre nouvelle salle préférée.", False),
        (Address.TU, "Venez découvrir votre nouvelle salle préférée.", True),
        (Address.TU, "Viens découvrir ta nouvelle salle préférée, t’as vu ?", False),
        (Address.VOUS, "Le tableau du mois, à voir salle 12 : une toile de 1860.", False),  # « ta » inside words
        (Address.VOUS, "T’as vu le tableau du mois ?", True),
    ],
)
def test_the_post_addresses_people_as_the_charter_says(address, text, flagged):
    assert ("tone-address" in rules_found(check(text, charter=Charter(address=address)))) is flagged


def test_words_in_capitals_read_as_shouting():
    assert "tone-caps" in rules_found(check("GRANDE NOUVELLE : la salle ROUGE rouvre."))
    assert "tone-caps" not in rules_found(check("La salle du MUCEM rouvre samedi."))


def test_a_good_post_has_nothing_to_fix_and_every_finding_explains_itself():
    good = check(
        "La restauration du Grand Paysage commence : suivez chaque étape avec nous jusqu’en juin. "
        f"{LONG_URL}?utm_source=x&utm_medium=social&utm_campaign=restauration #Restauration",
        "x",
        brief=Brief(has_image=True, shows_artwork=True, requires_tracking=True),
        alt_text="Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet.",
        credit="Jean Durand, Grand Paysage, 1860, domaine public. Photo : Musée de l’Estuaire / A. Martin",
    )
    poor = check("Viens voir 👀 la #grandepeinturerestauree !!! https://bit.ly/x 🎨🎨🎨🎨", brief=Brief(has_image=True))

    assert good.findings == () and good.is_publishable
    assert not poor.is_publishable
    assert all(finding.message and finding.why and "/" in finding.lesson for finding in poor.findings)
    assert "texte alternatif" in " ".join(finding.message for finding in poor.findings)
