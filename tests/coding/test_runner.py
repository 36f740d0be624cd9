"""`tripolar run` codes what is not coded yet, once."""

from tripolar.coding.runner import code_store, uncoded_documents
from tripolar.model import Document


def test_run_codes_each_document_once_and_resumes(store):
    first = Document(text="Russia expelled two British diplomats on Monday, the foreign ministry said.",
                     published=None)
    second = Document(text="Washington imposed new tariffs on Chinese steel on Tuesday.")
    store.write(documents=[first])
    report = code_store(store)
    assert (report.documents, report.already_coded, report.events_added) == (1, 0, 1)
    store.write(documents=[second])
    assert uncoded_documents(store) == [second.id]
    again = code_store(store, batch_size=1)
    assert (again.documents, again.already_coded, again.events_added) == (1, 1, 1)
    assert code_store(store).documents == 0
    counts = store.counts()
    assert (counts["codings"], counts["events"], counts["event_reports"]) == (2, 2, 2)
    evidence = store.con.execute("SELECT evidence_text FROM event_reports ORDER BY evidence_text").fetchall()
    assert evidence == [("Russia expelled two British diplomats",), ("Washington imposed new tariffs on Chinese",)]
