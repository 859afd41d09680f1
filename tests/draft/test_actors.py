"""Actor candidates: registry names and aliases, acronyms joined to long forms, offices, new names."""

from __future__ import annotations

from generator.content.models import Actor
from generator.draft.actors import ActorFinder
from generator.draft.article import read_article

REGISTRY = [
    Actor(id="european-union", name="European Union", kind="supranational-union", aliases=["EU"]),
    Actor(id="eu-digital-chief", name="EU digital chief", kind="role"),
    Actor(id="fcc", name="Federal Communications Commission", kind="government-body"),
]


def candidates(text: str, registry=REGISTRY):
    return {
        c.id: c for c in ActorFinder(registry, read_article("Headline\n\n" + text)).candidates()
    }


def test_an_acronym_and_its_long_form_are_one_actor():
    found = candidates(
        "The Federal Communications Commission (FCC) voted. Later the FCC said more.", []
    )
    actor = found["federal-communications-commission"]
    assert actor.mentions == ["Federal Communications Commission", "FCC"]
    assert actor.kind == "government-body"
    assert "fcc" not in found


def test_registry_names_match_through_acronyms_and_possessives():
    found = candidates(
        "The European Union’s digital chief spoke. The EU’s digital chief agreed with the FCC."
    )
    assert found["eu-digital-chief"].known
    assert found["eu-digital-chief"].mentions == [
        "European Union’s digital chief",
        "EU’s digital chief",
    ]
    assert found["fcc"].known and found["fcc"].mentions == [
        "FCC"
    ]  # the registry knows the long form


def test_new_names_get_a_proposed_id_and_kind():
    found = candidates(
        "Jane Doe met officials of the Ruritanian Data Office and Acme Holdings in France. "
        "France said it would object.",
        [],
    )
    assert (found["jane-doe"].kind, found["jane-doe"].known) == ("person", False)
    assert found["ruritanian-data-office"].kind == "government-body"
    assert found["acme-holdings"].kind == "company"
    assert found["france"].kind == "state"  # it acts: "France said"


def test_places_are_not_actors_unless_they_act():
    found = candidates(
        "Talks in Lisbon and in Veloria ended. Officials flew to Geneva. Ostmark said no.", []
    )
    assert set(found) == {"ostmark"}


def test_shortened_names_join_their_actor():
    found = candidates(
        "Kestrel Networks Ltd. was fined, said Maya Lindqvist, director at the Ostmark Communications "
        "Authority. Kestrel said Lindqvist was wrong. The Authority said so.",
        [],
    )
    assert set(found) == {
        "kestrel-networks-ltd",
        "maya-lindqvist",
        "ostmark-communications-authority",
    }
    assert found["kestrel-networks-ltd"].mentions == ["Kestrel Networks Ltd.", "Kestrel"]


def test_kinds_from_name_words_and_the_nouns_beside_them():
    found = candidates(
        "The Court of Auditors, the People Party, the Steelworkers Coalition, the Velorian "
        "Bar Association and consumer group Fair Signal met the Ministry of Justice.",
        [],
    )
    assert {c.name: c.kind for c in found.values()} == {
        "Court of Auditors": "court",
        "People Party": "political-party",
        "Steelworkers Coalition": "coalition",
        "Velorian Bar Association": "trade-association",
        "Fair Signal": "ngo",
        "Ministry of Justice": "government-body",
    }


def test_sentence_openers_adjectives_and_months_are_not_actors():
    found = candidates(
        "However, Chinese officials met in January. The talks went well. Due to rain, it ended.", []
    )
    assert found == {}
