"""The event pattern dictionary: the whole table validates, bad rows are reported where they are,
and real English sentences give the expected trigger word and CAMEO code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tripolar.coding.nlp import load_pipeline
from tripolar.coding.patterns import COLUMNS, Pattern, PatternSet, default_paths, load_patterns
from tripolar.errors import DataError
from tripolar.ontology.cameo import cameo_codebook

HEADER = "\t".join(COLUMNS) + "\n"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.fixture(scope="module")
def patterns() -> PatternSet:
    return load_patterns()


def codes_by_word(nlp, patterns: PatternSet, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {trigger.token.text: trigger.pattern.cameo for trigger in patterns.triggers(nlp(text))}


# The table ---------------------------------------------------------------------------------------


def test_the_table_is_large_and_covers_every_root(patterns: PatternSet) -> None:
    assert len(patterns) >= 400
    roots = {pattern.root for pattern in patterns}
    assert roots == {f"{number:02d}" for number in range(1, 21)}


def test_every_code_exists_and_is_more_specific_than_a_root(patterns: PatternSet) -> None:
    codebook = cameo_codebook()
    for pattern in patterns:
        assert pattern.cameo in codebook, pattern.source
        assert len(pattern.cameo) >= 3, pattern.source


def test_no_two_rows_share_kind_lemma_particle_and_object(patterns: PatternSet) -> None:
    keys = [(p.kind, p.lemma, p.particle, frozenset(p.objects)) for p in patterns]
    assert len(keys) == len(set(keys))


def test_each_file_holds_the_roots_its_name_says(patterns: PatternSet) -> None:
    for pattern in patterns:
        name = pattern.source.split(":")[0]
        low, high = (int(part) for part in re.match(r"(\d\d)-(\d\d)_", name).groups())  # type: ignore[union-attr]
        assert low <= int(pattern.root) <= high, pattern.source


def test_every_file_is_tab_separated_with_the_header() -> None:
    for path in default_paths():
        assert path.read_text(encoding="utf-8").startswith(HEADER), path.name


def test_lemmas_are_what_the_pipeline_gives(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    verbs = sorted({p.lemma for p in patterns if p.kind == "verb"})
    nouns = sorted({p.lemma for p in patterns if p.kind == "noun"})
    wrong = [lemma for lemma, doc in zip(verbs, nlp.pipe(f"They will {v} them." for v in verbs), strict=True)
             if doc[2].lemma_.lower() != lemma]
    wrong += [lemma for lemma, doc in zip(nouns, nlp.pipe(f"The {n} was reported." for n in nouns), strict=True)
              if doc[1].lemma_.lower() != lemma]
    assert wrong == []


def test_the_default_set_is_loaded_once() -> None:
    assert load_patterns() is load_patterns()


def test_rows_are_indexed_by_kind_and_lemma(patterns: PatternSet) -> None:
    rows = patterns.rows("verb", "impose")
    assert rows and all(isinstance(row, Pattern) and row.lemma == "impose" for row in rows)
    assert {row.cameo for row in rows} >= {"163", "172"}
    assert patterns.rows("noun", "impose") == ()


# Bad rows ----------------------------------------------------------------------------------------


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "bad.tsv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


GOOD_ROW = "verb\timpose\t\ttariff\tprep:on\t172\t\t"


@pytest.mark.parametrize(("row", "field", "words"), [
    ("adverb\timpose\t\ttariff\tprep:on\t172\t\t", "kind", "adverb"),
    ("verb\timpose\t\ttariff\tprep:on\t999\t\t", "cameo", "999"),
    ("verb\timpose\t\ttariff\tprep:on\t17\t\t", "cameo", "root"),
    ("verb\timpose\t\ttariff\tprep:agianst\t172\t\t", "target", "prep:agianst"),
    ("verb\timpose\t\ttariff\t\t172\t\t", "target", "empty"),
    ("verb\timpose\t\ttariff\tnone|dobj\t172\t\t", "target", "none"),
    ("verb\t\t\ttariff\tprep:on\t172\t\t", "lemma", "empty"),
    ("verb\tImpose\t\ttariff\tprep:on\t172\t\t", "lemma", "lowercase"),
    ("verb\tcease-fire\t\t\tprep:with\t0871\t\t", "lemma", "hyphen"),
    ("noun\tcall\tfor\t\tprep:on\t020\t\t", "particle", "particle"),
    ("verb\timpose\t\ttariff|Duty\tprep:on\t172\t\t", "object", "Duty"),
    ("verb\timpose\t\ttariff\tprep:on\t172\tno\t", "symmetric", "'no'"),
])
def test_a_bad_row_names_file_line_and_field(tmp_path: Path, row: str, field: str, words: str) -> None:
    path = write(tmp_path, GOOD_ROW, row)
    with pytest.raises(DataError) as caught:
        load_patterns([path])
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 3, field)
    assert str(error).startswith(f"{path}, line 3, field '{field}': ")
    assert words in str(error)


def test_a_duplicate_row_names_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW, "# a comment", "verb\timpose\t\ttariff\tprep:against\t163\t\t")
    with pytest.raises(DataError, match=r"line 4, field 'lemma': duplicates the row at bad.tsv:2"):
        load_patterns([path])


def test_object_order_does_not_hide_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path, "verb\timpose\t\ttariff|duty\tprep:on\t172\t\t",
                 "verb\timpose\t\tduty|tariff\tprep:on\t172\t\t")
    with pytest.raises(DataError, match="duplicates"):
        load_patterns([path])


def test_a_wrong_header_is_line_one(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW, header="kind\tlemma\tcameo\n")
    with pytest.raises(DataError) as caught:
        load_patterns([path])
    assert caught.value.line == 1


def test_a_stray_tab_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_ROW + "\textra\tcell")
    with pytest.raises(DataError, match="line 2: 10 cells for 8 columns"):
        load_patterns([path])


def test_a_good_file_loads_with_its_source(tmp_path: Path) -> None:
    path = write(tmp_path, "# comment", "", GOOD_ROW, "noun\ttalk\t\t\tprep:with|prep:between\t046\tyes\tnote")
    first, second = load_patterns([path])
    assert first == Pattern("verb", "impose", "", ("tariff",), ("prep:on",), "172", False, "bad.tsv:4")
    assert second.symmetric and second.targets == ("prep:with", "prep:between") and second.source == "bad.tsv:5"


# Matching ----------------------------------------------------------------------------------------

CASES = [
    # 01 statements
    ("Moscow denied any involvement in the poisoning.", "denied", "016"),
    ("Beijing is considering sanctions against US defence firms.", "considering", "014"),
    ("China rejected the US accusations.", "rejected", "016"),
    # 02 appeals
    ("Biden urged Xi to release the detained Americans.", "urged", "0253"),
    ("China called for an immediate ceasefire in Gaza.", "called", "0256"),
    ("Ukraine asked Germany for more air defence systems.", "asked", "0232"),
    ("Xi called on Washington to lift the sanctions.", "called", "025"),
    # 03 intentions
    ("Xi agreed to meet Biden in San Francisco.", "agreed", "036"),
    ("Russia and China agreed to hold talks on energy.", "agreed", "036"),
    ("Beijing offered to mediate between Russia and Ukraine.", "offered", "039"),
    ("Japan pledged $5 billion in aid to Ukraine.", "pledged", "0331"),
    # 04 consultation
    ("Nancy Pelosi landed in Taipei late on Tuesday.", "landed", "042"),
    ("Putin held talks with Xi in Moscow.", "held", "046"),
    ("The two leaders spoke by phone.", "spoke", "041"),
    ("The two presidents discussed trade over the phone.", "discussed", "041"),
    ("Biden and Xi held a phone call on Tuesday.", "held", "041"),
    ("Xi Jinping paid a state visit to Russia.", "paid", "042"),
    ("Putin hosted Kim Jong Un at the Vostochny cosmodrome.", "hosted", "043"),
    ("Wang Yi met Antony Blinken in Munich.", "met", "040"),
    ("The summit between Xi and Putin ended without a deal.", "summit", "040"),
    # 05 diplomatic cooperation
    ("Washington praised Tokyo's decision to double defence spending.", "praised", "051"),
    ("Russia and North Korea signed a mutual defence treaty.", "signed", "057"),
    ("Moscow struck a deal with Pyongyang.", "struck", "057"),
    ("Japan apologized to South Korea.", "apologized", "055"),
    ("Honduras recognized China and severed ties with Taiwan.", "recognized", "054"),
    # 06 material cooperation
    ("China and Russia held joint naval exercises in the Sea of Japan.", "exercises", "062"),
    ("India buys discounted oil from Russia.", "buys", "061"),
    ("The two countries agreed to share intelligence.", "share", "064"),
    # 07 aid
    ("Washington approved arms sales to Taiwan.", "sales", "072"),
    ("The US provided Ukraine with military aid.", "aid", "072"),
    ("The EU sent humanitarian aid to Gaza.", "aid", "073"),
    ("Russia granted asylum to Edward Snowden.", "granted", "075"),
    # 08 yielding
    ("The US lifted sanctions on Venezuela's oil sector.", "lifted", "085"),
    ("The US eased export controls on chips.", "eased", "081"),
    ("Russia released the American journalist Evan Gershkovich.", "released", "0841"),
    ("Russia withdrew its troops from Kherson.", "withdrew", "0874"),
    ("The two sides agreed to a cease-fire.", "agreed", "0871"),
    ("Russia backed down.", "backed", "080"),
    # 09 investigation
    ("The EU launched an anti-dumping investigation into Chinese electric vehicles.", "launched", "090"),
    # 10 demands
    ("Ukraine demanded the withdrawal of Russian troops.", "demanded", "106"),
    # 11 disapproval
    ("China sought to distance itself from North Korea's provocations.", "distance", "110"),
    ("Beijing framed South Korea as responsible for the tensions.", "framed", "112"),
    ("Beijing portrayed Washington as a threat to peace.", "portrayed", "111"),
    ("China criticized the United States for its trade policy.", "criticized", "111"),
    ("Moscow accused Washington of espionage.", "accused", "1125"),
    ("Japan lodged a protest with China.", "lodged", "114"),
    ("China summoned the Japanese ambassador.", "summoned", "114"),
    ("Beijing hit out at Washington.", "hit", "111"),
    # 12 rejection
    ("Moscow refused to meet the American envoy.", "refused", "125"),
    ("Russia vetoed the UN resolution on Ukraine.", "vetoed", "129"),
    # 13 threats
    ("Trump threatened to impose tariffs on Mexico.", "threatened", "132"),
    ("Biden threatened Russia with sanctions.", "threatened", "1312"),
    ("Washington warned Beijing of serious consequences.", "warned", "130"),
    # 14 protest
    ("Thousands demonstrated against the US embassy in Seoul.", "demonstrated", "141"),
    ("Protesters stormed the Chinese embassy.", "stormed", "145"),
    # 15 force posture
    ("Russia massed troops near the Ukrainian border.", "massed", "154"),
    ("China held large-scale drills around Taiwan.", "drills", "150"),
    ("The US Navy sailed a destroyer through the Taiwan Strait.", "sailed", "150"),
    ("Russia continued its military build-up near Ukraine.", "up", "154"),
    # 16 reduced relations
    ("Beijing slapped sanctions on Lockheed Martin.", "slapped", "163"),
    ("Russia expelled ten US diplomats.", "expelled", "161"),  # diplomats expelled: 161 (note to 166)
    ("Germany recalled its ambassador from Moscow.", "recalled", "161"),  # diplomats withdrawn: 161 (note to 166)
    ("Russia suspended its participation in the New START treaty.", "suspended", "160"),
    ("Russia cut off gas supplies to Europe.", "cut", "163"),
    # A ban on trade stops commercial exchange: an embargo, not an export control.
    ("China banned exports of gallium to the United States.", "banned", "163"),
    ("Russia announced a ban on imports of meat from the United States.", "ban", "163"),
    ("Beijing countered with a ban on exports of rare earths to Japan.", "ban", "163"),
    ("Russia banned Canadian officials from entering the country.", "banned", "163"),  # a visa ban
    ("Moscow retaliated by barring nine American lawmakers from entering Russia.", "barring", "163"),
    ("China barred US lawmakers from buying Chinese bonds.", "barred", "172"),
    ("The EU restricted Russian banks' access to EU capital markets.", "restricted", "163"),
    ("The EU banned new arms deals with Moscow.", "banned", "163"),
    ("The US restricted exports of chips to China.", "restricted", "172"),  # export controls
    ("The US added Russian banks to its sanctions list.", "added", "172"),
    ("Washington halted military aid to Kyiv.", "halted", "162"),
    ("The US withdrew from the INF Treaty.", "withdrew", "160"),
    # 17 coercion
    ("The United States imposed tariffs on Chinese steel.", "imposed", "172"),
    ("Tariffs were imposed on Chinese steel.", "imposed", "172"),
    ("Washington banned Huawei from US telecoms networks.", "banned", "172"),
    ("Washington placed Huawei on the Entity List.", "placed", "172"),
    ("Beijing hit back at Washington with tariffs on US soybeans.", "hit", "172"),
    ("Chinese tariffs hit US farmers hard.", "hit", "172"),
    ("Russia detained a US journalist on espionage charges.", "detained", "173"),
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin.", "issued", "173"),
    ("Russia said it would suspend its mission to NATO.", "suspend", "161"),
    ("Iran seized a British tanker in the Strait of Hormuz.", "seized", "1711"),
    ("Russian forces captured three Ukrainian navy vessels.", "captured", "1711"),
    ("Beijing cracked down on protesters in Hong Kong.", "cracked", "175"),
    # 18 assault
    ("Gunmen kidnapped two Chinese engineers.", "kidnapped", "181"),
    ("Israel assassinated a Hamas leader in Tehran.", "assassinated", "186"),
    # 19 fighting
    ("Russia was hit by a wave of drone attacks.", "hit", "1952"),
    ("Kyiv was struck by Russian missiles.", "struck", "1951"),
    ("Kyiv was struck by a barrage of Russian missiles.", "struck", "1951"),
    ("Russian missiles hit Kyiv overnight.", "hit", "1951"),
    ("A Russian missile landed in Poland.", "landed", "190"),
    ("Ukraine attacked Moscow with drones.", "attacked", "1952"),
    ("Ukraine attacked a Russian missile depot.", "attacked", "190"),
    ("Ukraine shot down a Russian drone.", "shot", "190"),
    ("Russia invaded Ukraine in February 2022.", "invaded", "192"),
    ("Israeli jets bombed targets in Syria.", "bombed", "195"),
    ("Russian artillery shelled Kharkiv.", "shelled", "194"),
    ("The Houthis blockaded the Red Sea.", "blockaded", "191"),
    ("Russian and Ukrainian forces clashed near Bakhmut.", "clashed", "190"),
    ("The US carried out drone strikes on militants in Yemen.", "strikes", "1952"),
    ("Chinese troops took part in the drills alongside Russian forces.", "took", "062"),
    ("China and the US had fought shoulder to shoulder against fascism.", "fought", "062"),
    ("China will not formally ally itself with Russia.", "ally", "057"),
    ("China will develop strategic relations with Russia.", "develop", "050"),
    ("Xi and Putin hailed their close friendship.", "hailed", "051"),
    ("China has emphasized the importance of South Korea-China relations.", "emphasized", "030"),
    ("The administration has finally given Kyiv permission to use long-range weapons.", "given", "081"),
    ("The spat strained relations between Tokyo and Seoul.", "strained", "160"),
    ("Putin and Xi launched the Power of Siberia pipeline by video link.", "launched", "061"),
    ("Over dinner in Buenos Aires, Trump and Xi agreed to a truce.", "dinner", "040"),
    # 20 mass violence
    ("The regime carried out a chemical attack on Douma.", "attack", "2041"),
    ("Russian forces committed a massacre in Bucha.", "massacre", "202"),
]


@pytest.mark.parametrize(("text", "word", "code"), CASES, ids=[case[0][:48] for case in CASES])
def test_a_sentence_gives_its_trigger_and_code(nlp, patterns: PatternSet, text: str, word: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert codes_by_word(nlp, patterns, text).get(word) == code


def test_the_cases_cover_every_root() -> None:
    assert {code[:2] for _, _, code in CASES} == {f"{number:02d}" for number in range(1, 21)}


@pytest.mark.parametrize("text", [
    "The weather in Moscow was mild.",
    "Exports declined in May.",  # "decline" codes only with an object ("declined to meet")
    "Sanctioned banks lost access to SWIFT.",  # a participle used as an adjective
    "Biden called Taiwan a partner.",  # naming, not calling
    "China waged public opinion campaigns against Taiwan.",  # a campaign of words is no fighting
])
def test_a_sentence_without_an_event_gives_no_trigger(nlp, patterns: PatternSet, text: str) -> None:  # type: ignore[no-untyped-def]
    assert patterns.triggers(nlp(text)) == []


def test_a_force_verbs_subject_is_an_instrument_only_where_the_object_is_struck(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    assert codes_by_word(nlp, patterns, "Russian missiles hit Kyiv overnight.") == {"hit": "1951"}
    # No control is taken when the controls take effect.
    assert "took" not in codes_by_word(nlp, patterns, "The new export controls on China took effect.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump started a trade war with China.", {"war": "172"}),
    ("There could be a trade war between China and the United States.", {"war": "172"}),
    ("A trade war broke out between the two countries.", {"war": "172"}),
    ("Amid an emerging trade war with China, Putin met Xi.", {"met": "040"}),
    ("Beijing believes it prevailed in the trade war.", {}),
    ("The broader dialogue between the US and China is seen as productive.", {}),
    ("The two countries resumed their dialogue on climate.", {"resumed": "046"}),
    ("This term could bring disagreements between the United States and Taiwan.", {"disagreements": "110"}),
    ("Amid disagreements between Washington and Seoul, the talks stalled.", {"talks": "046"}),
])
def test_a_state_noun_is_an_event_only_where_a_verb_makes_it_happen(  # type: ignore[no-untyped-def]
        nlp, patterns: PatternSet, text: str, expected: dict[str, str]) -> None:
    assert codes_by_word(nlp, patterns, text) == expected


def test_a_light_verb_and_its_noun_are_one_event(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    (trigger,) = patterns.triggers(nlp("Beijing slapped sanctions on Lockheed Martin."))
    assert trigger.token.text == "slapped" and trigger.object_token is not None
    assert trigger.object_token.text == "sanctions" and trigger.particle_token is None


def test_the_outer_verb_codes_a_controlled_act(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    triggers = patterns.triggers(nlp("Trump threatened to impose tariffs on Mexico."))
    assert [(t.token.text, t.pattern.cameo) for t in triggers] == [("threatened", "132")]


def test_a_particle_is_reported(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    (trigger,) = patterns.triggers(nlp("Russia cut off gas supplies to Europe."))
    assert trigger.particle_token is not None and trigger.particle_token.text == "off"
    assert trigger.pattern.particle == "off"


def test_a_phrasal_verb_does_not_match_its_plain_verb(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    assert codes_by_word(nlp, patterns, "The US backed Ukraine.") == {"backed": "051"}
    assert codes_by_word(nlp, patterns, "Russia backed down.") == {"backed": "080"}


def test_a_sentence_span_is_matched_on_its_own(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The weather was mild. Russia expelled ten US diplomats.")
    first, second = doc.sents
    assert patterns.triggers(first) == []
    assert [t.pattern.cameo for t in patterns.triggers(second)] == ["161"]


def test_symmetric_rows_mark_joint_acts(nlp, patterns: PatternSet) -> None:  # type: ignore[no-untyped-def]
    (talks,) = patterns.triggers(nlp("Putin held talks with Xi in Moscow."))
    (visit,) = patterns.triggers(nlp("Xi Jinping paid a state visit to Russia."))
    assert talks.pattern.symmetric and not visit.pattern.symmetric
