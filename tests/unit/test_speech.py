"""Quoted and reported speech, by hand: which sentences are quotations, who spoke, and the speaker's words."""

from __future__ import annotations

import pytest

from rag.sentences import sentence_spans
from rag.speech import attributes, is_speech, is_speech_tag, opens_quotation, own_words, quotation_shares, speaker

ARTICLE = (
    "Le dirigeant russe a déclaré que la coopération serait renforcée.\n"
    "\"Ce sont eux qui ont provoqué la tragédie d'aujourd'hui. Ces politiques nous rapprochent d'un conflit mondial\",\n"
    "a-t-il affirmé.\n"
    "Il a cité « un partenaire » sans le nommer.\n"
)


def test_quotation_shares_follow_marks_across_the_sentences_of_a_line() -> None:
    spans = sentence_spans(ARTICLE)
    shares = quotation_shares(ARTICLE, spans)
    texts = [ARTICLE[s.start:s.end] for s in spans]
    assert texts[1].startswith('"Ce sont eux') and texts[2].startswith("Ces politiques")
    assert shares[0] == 0.0  # narrative
    assert shares[1] == 1.0 and shares[2] == 1.0  # the quotation goes on into the second sentence of its line
    assert shares[3] == 0.0  # the speech tag on its own line
    assert 0.0 < shares[4] < 0.6  # two quoted words in a narrative sentence


@pytest.mark.parametrize(("sentence", "tag"), [
    ("a-t-il affirmé.", True),
    ("a indiqué le président russe.", True),
    ("a déclaré Vladimir Poutine dans son discours au conseil.", True),
    ("he said.", True),
    ("Le dirigeant russe a déclaré que la coopération serait renforcée.", False),  # a sentence of its own
    ("a signé un accord avec la Russie et dix autres documents le 6 décembre à Minsk.", False),  # no speech verb
])
def test_a_speech_tag_only_says_who_spoke(sentence: str, tag: bool) -> None:
    assert is_speech_tag(sentence) is tag


@pytest.mark.parametrize(("sentence", "share", "speech"), [
    ('"Ce sont eux qui ont provoqué la tragédie.', 1.0, True),  # a quotation
    ("Poutine a expliqué qu'une telle action n'est pas une violation des accords.", 0.0, True),  # a reported clause
    ("Selon M. Loukachenko, la Biélorussie déterminera les cibles.", 0.0, True),  # a source first
    ("Moscou conservera le contrôle des armes, a indiqué Serguei Choigu.", 0.0, True),  # a tag after
    ("The weapons will stay under Russian control, Shoigu said.", 0.0, True),
    ("La Russie et la Biélorussie ont signé jeudi un accord, une étape qui, selon Moscou, a été motivée par les tensions.", 0.0, False),
    ("Ils ont signé un accord à Minsk le 6 décembre, a rapporté l'agence TASS.", 0.0, False),  # an agency reports an event
])
def test_is_speech(sentence: str, share: float, speech: bool) -> None:
    assert is_speech(sentence, share) is speech


@pytest.mark.parametrize(("text", "attributed"), [
    ("Selon le dirigeant russe, les pays occidentaux ont provoqué la tragédie.", True),
    ("Poutine accuse les pays occidentaux d'avoir provoqué la tragédie.", True),
    ("According to Lukashenko, Belarus will choose the targets.", True),
    ("Les pays occidentaux ont provoqué la tragédie d'aujourd'hui.", False),
    ("La Russie a lancé un missile Oreshnik sur une ville ukrainienne.", False),  # "lancer" is not speech
    # raising a possibility or proposing is a stance its subject takes, as an English summary puts "a évoqué"
    ("The Russian president has proposed deploying the missiles next year.", True),
    ("Le ministre a évoqué la possibilité d'un retrait.", True),
    ("The minister raised the possibility of a withdrawal.", True),
])
def test_attributes(text: str, attributed: bool) -> None:
    assert attributes(text) is attributed


@pytest.mark.parametrize(("sentence", "words"), [
    # the speech verb and the clause it reports, to the first comma outside quotation marks
    ('Le président russe a également assuré que la Russie "n\'a pas intérêt" à absorber la Biélorussie, son plus proche allié.',
     'a également assuré que la Russie "n\'a pas intérêt" à absorber la Biélorussie'),
    ("Selon Reuters, Sergueï Choïgou a déclaré que l'Occident menait une guerre non déclarée contre la Russie.",
     "a déclaré que l'Occident menait une guerre non déclarée contre la Russie"),
    # a denial keeps its verb: the clause alone would say what is denied
    ("Dmitri Peskov a toutefois démenti que le président russe soit allé en Biélorussie pour convaincre Minsk.",
     "a toutefois démenti que le président russe soit allé en Biélorussie pour convaincre Minsk"),
    # the quotation the sentence opens on wins over the clause reported after it
    ("« Il est nécessaire de résoudre la crise », a déclaré M. Poutine, ajoutant que la population est la priorité.",
     "Il est nécessaire de résoudre la crise"),
    ('"La Russie n\'a pas intérêt à absorber qui que ce soit.', "La Russie n'a pas intérêt à absorber qui que ce soit"),  # goes on
    ('Cela n\'a pas de sens tout simplement", a-t-il déclaré.', "Cela n'a pas de sens tout simplement"),  # closes
    ('Non!", a renchéri le président biélorusse.', None),  # one word is no quotation
    ("Selon M. Loukachenko, la Biélorussie déterminera les cibles des missiles Oreshnik.",
     "Selon M. Loukachenko, la Biélorussie déterminera les cibles des missiles Oreshnik"),  # the source and its claim
    ("Moscou et Minsk organisent régulièrement des exercices militaires conjoints.", None),
])
def test_own_words(sentence: str, words: str | None) -> None:
    assert own_words(sentence) == words


@pytest.mark.parametrize(("sentences", "who"), [
    (["Selon M. Loukachenko, la Biélorussie déterminera les cibles."], "M. Loukachenko"),
    (["Selon l’accord, Moscou conservera le contrôle des armes, a indiqué Serguei Choigu."], "Serguei Choigu"),  # a document is no speaker
    (["Selon TASS, M. Poutine a déclaré que le traité contribuera à la sécurité."], "M. Poutine"),  # the speaker, not the agency
    (["Le dirigeant russe a déclaré que la coopération serait renforcée.", '"Ce sont eux ...", a-t-il affirmé.'], "Le dirigeant russe"),
    (['"Nous avons des emplacements spécifiques.', "À une condition, a ajouté Loukachenko."], "Loukachenko"),  # the last one named
    (["Le porte-parole du Kremlin, Dmitri Peskov, a toutefois démenti que le président soit venu pour cela."], "Dmitri Peskov"),
    (['"Nous avons testé ces avions", a-t-il encore ajouté.'], None),  # a pronoun names no one
])
def test_speaker(sentences: list[str], who: str | None) -> None:
    assert speaker(sentences) == who


def test_opens_quotation() -> None:
    assert opens_quotation('"Nous avons') and opens_quotation("« Il est") and not opens_quotation("Il a dit « oui »")


def test_a_source_first_is_split_from_the_rest() -> None:
    from rag.speech import source_first

    assert source_first("Selon M. Loukachenko, la Biélorussie choisira les cibles.") == ("M. Loukachenko", "la Biélorussie choisira les cibles.")
    assert source_first("Selon le dirigeant russe, le traité protège les deux pays.") == ("le dirigeant russe", "le traité protège les deux pays.")
    assert source_first("Selon lui, la Russie n'a pas intérêt à absorber qui que ce soit.") is None  # a pronoun names no one
    assert source_first("La Biélorussie choisira les cibles.") is None
