"""Check (j) of the support judge: what a passage only plans, asks for, allows or makes conditional must not be
stated as done (rag/answer/governed.py). Sentences written for these tests, not taken from the claim files."""

from __future__ import annotations

import pytest

from rag.answer.governed import governance, planned_what_was_done, unasserted
from rag.answer.support import _FUNCTION_WORDS, _stem_key


def _reasons(claim: str, passage: str) -> list[str]:
    return unasserted(claim, governance(passage, _stem_key, _FUNCTION_WORDS), _stem_key, _FUNCTION_WORDS)


@pytest.mark.parametrize(("claim", "passage"), [
    # a modal
    ("L'alliance a organisé des manœuvres à Grodno en mars.", "L'alliance devrait organiser des manœuvres à Grodno en mars."),
    # a request, across languages, with a name between the request and the verb
    ("Macron has deployed troops in Romania.", "Le Premier ministre roumain a invité Macron à déployer des troupes en Roumanie."),
    # a condition: "si" with an imperfect, and the decision it holds decides nothing
    ("Le gouvernement a décidé de fermer la frontière.", "Le ministre a précisé que la police serait renforcée si le gouvernement décidait de fermer la frontière."),
    # a possibility
    ("Les deux armées ont déjà été fusionnées.", "Les deux armées pourraient être fusionnées d'ici l'été."),
    # a planned verb passes the plan to its object, in either language
    ("The alliance held manoeuvres in Grodno.", "L'alliance devrait organiser des manœuvres à Grodno en mars."),
    ("L'alliance a tenu des manœuvres à Grodno.", "The alliance could hold manoeuvres in Grodno in March."),
])
def test_a_claim_stating_as_done_what_the_passage_only_governs_fails(claim: str, passage: str) -> None:
    assert _reasons(claim, passage), claim


def test_what_follows_a_verb_in_the_conditional_is_read_as_usual() -> None:
    """"ne seraient payés qu'après la fusion" states the merger: the conditional tells the pay, not the merger;
    an imperfect with an accent ("espérait") is no conditional."""
    passage = "Les deux armées pourraient être fusionnées d'ici l'été."
    assert _reasons("Les soldats ne seraient payés qu'après la fusion des deux armées.", passage)
    assert _reasons("La fusion des deux armées espérait un accord.", passage)


def test_a_decision_is_more_than_a_request() -> None:
    reasons = _reasons("Berlin a décidé d'envoyer des chars, comme le demandait Varsovie.", "Varsovie a demandé à Berlin d'envoyer des chars.")
    assert reasons == ["the passage only asks for or allows 'envoi'; the claim says it was decided",
                       "the passage only asks for or allows 'char'; the claim says it was decided"]  # the verb's object too
    assert _reasons("Berlin a décidé d'envoyer des chars.", "Berlin a décidé d'envoyer des chars à Varsovie.") == []


@pytest.mark.parametrize(("claim", "passage"), [
    # the claim keeps the condition in its own words
    ("En cas de fermeture, la police serait renforcée.", "La police serait renforcée si le gouvernement décidait de fermer la frontière."),
    ("Si la frontière était fermée, la police devrait être renforcée.", "La police devrait être renforcée si le gouvernement décidait de fermer la frontière."),
    ("Les experts devront former les soldats.", "Les experts devraient former les soldats."),
    ("The alliance is expected to hold manoeuvres in Grodno.", "L'alliance devrait organiser des manœuvres à Grodno en mars."),
    ("Le pays est disposé à recourir aux réserves.", "Le pays serait prêt à utiliser ses réserves."),
    # a concession is no condition: "si" with a past tense states a fact
    ("Les pays occidentaux ont fourni des armes à Kiev.", "Si les pays occidentaux ont fourni des armes à Kiev, ils se sont abstenus de déployer des troupes."),
    # a noun after an article asks for nothing: "à la demande de son président"
    ("The missiles are stationed in Belarus at the request of its president.", "Les missiles sont situés au Belarus, à la demande de son président."),
    # the passage states it freely elsewhere
    ("L'alliance a organisé des manœuvres.", "L'alliance devrait organiser des manœuvres en mars. Elle a déjà organisé des manœuvres en janvier."),
    # a denial says no more than the doubt
    ("L'alliance n'a pas organisé de manœuvres.", "L'alliance devrait organiser des manœuvres."),
    # the subject of a verb in the conditional is what would be, wherever the verb stands
    ("Une fusion des deux armées exigerait un long travail.", "Les deux armées pourraient être fusionnées d'ici l'été."),
    ("A merger of the two armies would take years.", "Les deux armées pourraient être fusionnées d'ici l'été."),
])
def test_a_claim_keeping_the_doubt_or_a_fact_the_passage_states_passes(claim: str, passage: str) -> None:
    assert _reasons(claim, passage) == []


def test_a_manner_adverb_stands_between_and_is_never_governed_itself() -> None:
    """"pourrait officiellement rejoindre": the adverb is no action, and its key ("offic") meets the English
    "officials" of a claim that says nothing done about them."""
    passage = "Les visites de ministres ont alimenté les spéculations selon lesquelles la Serbie pourrait officiellement rejoindre l'alliance."
    assert not _reasons("Visits by senior officials fuelled speculation that Serbia might join the alliance.", passage)
    assert _reasons("La Serbie a rejoint l'alliance.", passage)  # the verb after the adverb is still governed


@pytest.mark.parametrize(("claim", "passage"), [
    # "aller" before an infinitive is a future
    ("La marine a pris part aux manœuvres.", "La marine a annoncé qu'elle allait prendre part aux manœuvres."),
    # a future auxiliary governs its participle
    ("Le chantier a été achevé.", "Le chantier sera achevé d'ici juillet."),
    # an obligation is not yet done
    ("Le ministre a signé le décret.", "Le ministre doit signer le décret lundi."),
])
def test_a_future_stated_as_done_fails(claim: str, passage: str) -> None:
    assert _reasons(claim, passage), claim


@pytest.mark.parametrize(("claim", "passage"), [
    ("La marine va prendre part aux manœuvres.", "La marine a annoncé qu'elle allait prendre part aux manœuvres."),
    ("Le chantier serait achevé d'ici juillet.", "Le chantier sera achevé d'ici juillet."),
    ("The site will be completed by July.", "Le site sera complété d'ici juillet."),
    # a month says when, not what: the claim plans the journey too
    ("Le ministre doit se rendre à Rome, les 3 et 4 mai.", "Le ministre doit se rendre à Rome les 3 et 4 mai."),
])
def test_a_future_kept_as_a_future_passes(claim: str, passage: str) -> None:
    assert _reasons(claim, passage) == [], claim


def test_a_conditional_auxiliary_in_a_claim_hedges_its_participle_only() -> None:
    """"ne seraient formés qu'après leur déploiement" hedges the training and states the deployment."""
    passage = "Les experts devraient d'abord former les soldats s'ils décidaient de déployer les radars."
    assert _reasons("Les soldats ne seraient formés qu'après le déploiement des radars.", passage)


@pytest.mark.parametrize(("claim", "passage", "fails"), [
    # a verb in the conditional is only possible, in the passage as in the claim
    ("La réforme a réduit le déficit.", "La réforme réduirait le déficit.", True),
    ("La réforme réduirait le déficit.", "La réforme réduirait le déficit.", False),
    # what the passage gives as a claim ("prétendait") stays one, unless the claim keeps it a claim
    ("Le club contrôlait la moitié du capital.", "Le club prétendait contrôler la moitié du capital.", True),
    ("Le club affirmait contrôler la moitié du capital.", "Le club prétendait contrôler la moitié du capital.", False),
    ("The club said it controlled half of the capital.", "Le club prétendait contrôler la moitié du capital.", False),
    # after "a déclaré que", a conditional is the future of the past: what he said will be
    ("Le ministre a annoncé un renforcement de la coopération.", "Le ministre a déclaré que la coopération serait renforcée.", False),
    ("Le ministre a annoncé un renforcement de la coopération.", "La coopération serait renforcée, selon des sources.", True),
])
def test_a_conditional_or_a_pretence_is_only_possible(claim: str, passage: str, fails: bool) -> None:
    assert bool(_reasons(claim, passage)) == fails, claim


@pytest.mark.parametrize(("claim", "passage", "fails"), [
    ("The two mayors are expected to sign the charter on Friday.", "Les deux maires ont signé la charte vendredi.", True),
    ("Les deux maires devaient signer la charte vendredi.", "Les deux maires ont signé la charte vendredi.", True),
    ("Les deux maires ont signé la charte vendredi.", "Les deux maires ont signé la charte vendredi.", False),
    # the passage plans it too
    ("Les deux maires devaient signer la charte.", "Les deux maires devaient signer la charte, ce qu'ils ont fait vendredi: ils ont signé.", False),
])
def test_a_claim_making_only_planned_what_was_done_fails(claim: str, passage: str, fails: bool) -> None:
    assert bool(planned_what_was_done(claim, passage, _stem_key)) == fails, claim
