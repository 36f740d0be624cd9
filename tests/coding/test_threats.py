"""A hostile act its doer vows, warns of or wants is a threat made (CAMEO 13)."""

from tripolar.coding.coder import code_text
from tripolar.coding.threats import threat_code


def coded(text: str, published: str = "2024-12-15") -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_each_hostile_act_has_its_threat():
    assert threat_code("163") == "1312"
    assert threat_code("1951") == "1384"
    assert threat_code("192") == "1382"
    assert threat_code("172") == "132"
    assert threat_code("057") is None


def test_a_vowed_or_wanted_attack_is_a_threat_made():
    assert coded("China vowed to strike Taiwan.") == {("CHN", "TWN", "1384", "factual")}
    assert coded("Obama wants to attack Switzerland.") == {("USA", "CHE", "1384", "factual")}


def test_a_warning_of_what_the_warner_will_do_is_a_threat():
    assert coded("Putin warned that Russia would strike Ukraine.") == {("RUS", "UKR", "1384", "factual")}
    # A warning about what someone else would do is no threat of the warner's.
    assert coded("Putin warned that the United States would strike Iran.") == {("USA", "IRN", "190", "hypothetical")}


def test_wanting_another_to_attack_and_planning_an_attack_are_no_threats():
    assert {event[2] for event in coded("Obama wants Putin to attack Switzerland.")} == {"190"}
    assert coded("Russia plans to strike Kyiv.") == {("RUS", "UKR", "190", "hypothetical")}


def test_the_act_threatened_carries_the_target():
    assert coded("China threatened to impose sanctions on Japan.") == {("CHN", "JPN", "1312", "factual")}


def test_a_pledge_is_a_commitment_not_a_threat():
    text = "Qatar has pledged to expel exiled leaders of Egypt's Muslim Brotherhood."
    assert {event[2] for event in coded(text, "2015-06-09")} == {"174"}


def test_readying_the_way_for_ones_own_attack_is_a_threat_dated_by_the_making_of_what_readies_it():
    text = ("On November 19, Russia published a new nuclear doctrine that paves the way for nuclear strikes "
            "against Ukraine.")
    events = code_text(text, "2024-12")
    assert {(e.source.code, e.target.code, e.cameo, e.modality, e.date.isoformat()) for e in events} == {
        ("RUS", "UKR", "1385", "factual", "2024-11-19")}
