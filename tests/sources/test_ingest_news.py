"""Ingesting news as users have it: files, directories, tables, HTML, feeds, URLs."""

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tripolar.errors import InputError
from tripolar.sources.news import ingest, load_index

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"


def documents(store) -> list[tuple]:
    return store.con.execute(
        "SELECT title, published, published_precision, source, text FROM documents ORDER BY title"
    ).fetchall()


def rejects(store) -> list[tuple]:
    return store.con.execute("SELECT reason, line, field FROM rejects ORDER BY line NULLS LAST, reason").fetchall()


def test_the_five_seeds_with_their_index(store):
    seeds = shared_path("seeds")
    report = ingest(store, [seeds], pattern="*.txt", index=seeds / "index.jsonl")
    assert (report.stored, report.already_present, sum(report.rejected.values())) == (5, 0, 0)
    lines = (seeds / "index.jsonl").read_text().splitlines()
    index = {entry["title"]: entry["published"] for entry in map(json.loads, lines)}
    stored = {title: (published, precision) for title, published, precision, *_ in documents(store)}
    assert set(stored) == set(index)
    assert stored["Will Trump Cement the China-Russia Alliance?"] == (date(2018, 6, 1), "month")
    assert stored["Xi Jinping calls Donald Trump as relationship moves to new territory"] == (date(2025, 11, 25), "day")
    again = ingest(store, [seeds], pattern="*.txt", index=seeds / "index.jsonl")
    assert (again.stored, again.already_present) == (0, 5)
    assert store.counts()["documents"] == 5


def test_jsonl_bad_lines_are_rejected_with_their_line_numbers(store, tmp_path):
    lines = [
        {"text": "Russia and China signed an agreement on energy cooperation in Beijing on Tuesday.",
         "title": "Energy deal", "published": "2024-05-16", "url": "http://a.example/1", "source": "Wire"},
        {"text": "The United States imposed new tariffs on Chinese electric vehicles on Tuesday.",
         "published": "May 14, 2024"},
        "{not json",
        {"title": "no text here"},
        {"text": "Japan and South Korea held talks on security cooperation in Tokyo on Friday.",
         "published": "sometime soon-ish"},
        ["a", "list"],
        {"text": "Ukraine and Poland agreed to reopen a border crossing for lorries on Monday, officials said."},
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    report = ingest(store, [path], published="2024-06")
    assert report.stored == 3
    assert rejects(store) == [("not JSON", 3, None), ("missing field", 4, "text"), ("bad date", 5, "published"),
                              ("not a JSON object", 6, None)]
    by_title = {row[4][:20]: row for row in documents(store)}
    assert by_title["Russia and China sig"][:4] == ("Energy deal", date(2024, 5, 16), "day", "Wire")
    assert by_title["The United States im"][1:3] == (date(2024, 5, 14), "day")
    assert by_title["Ukraine and Poland a"][1:3] == (date(2024, 6, 1), "month"), "--published fills the gap"


def test_a_real_csv_corpus_with_a_pandas_index_column(store):
    corpus = shared_path("eval", "events", "news", "text", "NGEC_Guardian_SDF_sample.csv")
    report = ingest(store, [corpus])
    assert report.stored == 249 and not report.rejected
    first, last, sources = store.con.execute(
        "SELECT min(published), max(published), list(DISTINCT source) FROM documents").fetchone()
    assert (first, last, sources) == (date(2017, 8, 6), date(2019, 4, 10), ["Guardian"])


def test_csv_text_with_embedded_newlines_and_line_numbers(store, tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        'headline,body,date\n'
        '"Talks","Vladimir Putin and Xi Jinping held talks in the Kremlin on Tuesday.\n\n'
        'They signed a statement on deepening their partnership, officials said.",2023-03-21\n'
        '"Bad","Antony Blinken visited Beijing and met Xi Jinping at the Great Hall of the People.",not a date\n'
        '"Empty","",2023-06-19\n'
    )
    report = ingest(store, [path], columns={"title": "headline"})
    assert report.stored == 1
    (title, published, _, _, text), = documents(store)
    assert (title, published) == ("Talks", date(2023, 3, 21))
    assert "Tuesday.\n\nThey signed" in text
    assert rejects(store) == [("bad date", 5, "date"), ("missing field", 6, "body")]


def test_parquet_with_mapped_columns(store, tmp_path):
    import duckdb

    path = tmp_path / "articles.parquet"
    duckdb.sql(
        "COPY (SELECT * FROM (VALUES "
        "('Chinese and Russian warships began joint drills in the Sea of Japan on Thursday, "
        "the defence ministry said.', "
        "'2023-07-20', 'Drills'), "
        "('The European Union adopted its twelfth package of sanctions against Russia on Monday in Brussels.', "
        "'2023-12-18', 'Sanctions')) AS t(body, day, headline)) TO '" + str(path) + "' (FORMAT parquet)"
    )
    report = ingest(store, [path], columns={"text": "body", "published": "day", "title": "headline"})
    assert report.stored == 2
    assert [(title, published) for title, published, *_ in documents(store)] == [
        ("Drills", date(2023, 7, 20)), ("Sanctions", date(2023, 12, 18))]


def test_html_main_text_title_and_date_without_boilerplate(store):
    report = ingest(store, [FIXTURES / "article.html", FIXTURES / "boilerplate.html"])
    assert report.stored == 1
    assert report.rejected == {"no article text (boilerplate only)": 1}
    (title, published, precision, _, text), = documents(store)
    assert (title, published, precision) == ("Lavrov and Wang hold talks in Moscow", date(2023, 9, 18), "day")
    assert "Sergei Lavrov met his Chinese counterpart Wang Yi" in text
    assert "“continue to deepen”" in text and "Moscow & Beijing" in text, "entities decoded"
    for boilerplate in ("cookies", "Subscribe", "All rights reserved", "morning briefing"):
        assert boilerplate not in text


def test_real_article_pages(store):
    pages = shared_path("eval", "events", "news", "html")
    report = ingest(store, [pages / "goose3_test_foxNews.html", pages / "readability_nytimes-1.source.html",
                            pages / "trafilatura_fr.de.nordkorea.html", pages / "trafilatura_infobae.com-ucrania.html"])
    assert report.stored == 2
    assert report.rejected == {"language de not supported": 1, "language es not supported": 1}
    titles = {title: published for title, published, *_ in documents(store)}
    assert titles["United States to Lift Sudan Sanctions"] == date(2017, 1, 13)
    assert titles["Russia's Nuclear Help to Iran Stirs Questions About Its 'Improved' Relations With U.S."] == date(
        2010, 8, 14)


def test_rss_and_atom_entries_become_documents(store):
    report = ingest(store, [FIXTURES / "feed.rss", FIXTURES / "feed.atom"])
    assert report.stored == 4
    assert report.rejected == {"language de not supported": 1}
    rows = {title: (published, source, text) for title, published, _, source, text in documents(store)}
    assert rows["Russia expels two US diplomats"][0] == date(2023, 9, 14)
    assert rows["Russia expels two US diplomats"][2].startswith("Russia’s foreign ministry on Thursday")
    assert rows["Japan protests Chinese survey ship"][0] == date(2023, 7, 5)
    assert rows["Putin and Kim sign defence pact"][1] == "http://wire.example/asia/putin-kim-pact"


def test_real_feeds(store):
    feeds = shared_path("eval", "events", "news", "feeds")
    report = ingest(store, [feeds])
    assert report.stored == 55 + 20  # Guardian RSS and TechCrunch
    assert report.rejected == {"language de not supported": 15, "no article text (boilerplate only)": 2}


def test_the_same_article_from_a_file_and_a_feed_is_stored_once(store):
    first = ingest(store, [FIXTURES / "summit.txt"], published="2023-11-15")
    second = ingest(store, [FIXTURES / "feed.rss"])
    assert (first.stored, second.stored, second.already_present) == (1, 2, 1)
    assert store.counts()["documents"] == 3


def test_missing_and_unreadable_inputs_are_recorded_and_the_rest_go_on(store, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("President Macron received Chancellor Scholz at the Élysée on Tuesday evening, "
                      "and the two leaders discussed Ukraine, China and trade over dinner.".encode("latin-1"))
    report = ingest(store, [tmp_path / "absent.txt", binary, latin, FIXTURES / "summit.txt", str(tmp_path / "*.none")])
    assert report.stored == 2
    assert report.rejected == {
        "no such file or directory": 1, "unreadable encoding": 1, "no file matches the pattern": 1}
    texts = [row[4] for row in documents(store)]
    assert any("Élysée" in text for text in texts), "Latin-1 decoded"


def test_an_empty_document_is_rejected(store, tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n\n ")
    report = ingest(store, [folder])
    assert report.rejected == {"empty document": 1} and report.read == 0


def test_bad_published_option_names_itself(store):
    with pytest.raises(InputError, match="field '--published': 'next week' is not a date"):
        ingest(store, [FIXTURES / "summit.txt"], published="next week")


def test_index_errors_name_file_line_and_field(tmp_path):
    index = tmp_path / "index.jsonl"
    index.write_text('{"file": "a.txt", "published": "2020-01"}\n{"file": "b.txt", "published": "Smarch 2020"}\n')
    with pytest.raises(InputError, match=r"index.jsonl, line 2, field 'published'"):
        load_index(index)
