"""The HTTP API: every endpoint, its errors (401, 403, 404, 422) and pagination, on a generated store."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.analysis.conftest import fill_store
from tripolar.errors import TripolarError
from tripolar.store import Store
from tripolar.web.app import create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        fill_store(store, months=48, per_month=6)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    app = create_app(db)
    yield TestClient(app)
    app.state.store.close()


def test_stats_and_documents(client):
    assert client.get("/api/stats").json()["events"] == 48 * 6 * 6
    documents = client.get("/api/documents").json()
    assert len(documents["items"]) == 1 and documents["next_cursor"] is None
    one = client.get(f"/api/documents/{documents['items'][0]['document_id']}").json()
    assert one["text"].startswith("Washington and Beijing")
    assert client.get("/api/documents/nothing-here").status_code == 404


def test_event_pages_follow_the_cursor_without_gaps_or_repeats(client):
    seen, cursor = [], None
    while True:
        page = client.get("/api/events", params={"dyad": "USA->CHN", "limit": 50,
                                                 **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["event_id"] for item in page["items"]]
        assert all(item["source"] == "USA" and item["target"] == "CHN" for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 48 * 6
    dates = [item["date"] for item in client.get("/api/events", params={"limit": 1000}).json()["items"]]
    assert dates == sorted(dates)


def test_event_filters_and_evidence(client):
    page = client.get("/api/events", params={"actors": "USA,RUS", "from": "2016-01-01", "to": "2016-03-31",
                                             "quad": 4, "limit": 1000}).json()
    assert page["items"] and all(item["quad"] == 4 and item["date"].startswith("2016-0") for item in page["items"])
    assert all({item["source"], item["target"]} == {"USA", "RUS"} for item in page["items"])
    evidence = client.get(f"/api/events/{page['items'][0]['event_id']}/evidence").json()
    assert evidence["reports"][0]["sentence"].startswith("Washington and Beijing")
    assert client.get("/api/events/nothing/evidence").status_code == 404


def test_analyses_answer_as_the_cli_prints(client, db):
    from typer.testing import CliRunner

    from tripolar.cli import app as cli

    over_http = client.get("/api/triangle", params={"period": "quarter"}).json()
    printed = CliRunner().invoke(cli, ["triangle", "--db", str(db), "--period", "quarter", "--json"]).output
    assert over_http == json.loads(printed)
    answers = {"/api/series": "directed", "/api/dynamics": "granger", "/api/breaks": "breaks",
               "/api/forecast": "forecasts", "/api/scenario": "responses", "/api/hypotheses": "hypotheses"}
    for path, key in answers.items():
        response = client.get(path, params={"period": "month"})
        assert response.status_code == 200 and key in response.json(), (path, response.text[:300])
    point = client.get("/api/period-events", params={"dyad": "USA->CHN", "period": "month", "label": "2015-03"}).json()
    assert point["items"] and all(item["date"].startswith("2015-03") for item in point["items"])


def test_bad_parameters_are_422_naming_the_field(client):
    cases = {
        "/api/series?actors=USA,XYZ": "actors",
        "/api/series?period=year": "period",
        "/api/series?from=2020-13-01": "from",
        "/api/series?period=day&from=1900-01-01&to=2020-01-01": "from",
        "/api/events?limit=5000": "limit",
        "/api/events?cursor=not-a-cursor": "cursor",
        "/api/events?quad=7": "quad",
        "/api/triangle?reference=upside-down": "reference",
        "/api/scenario?shock=USA:+2": "shock",
    }
    for url, field in cases.items():
        response = client.get(url)
        assert response.status_code == 422, url
        detail = response.json()["detail"]
        named = json.dumps(detail)
        assert field in named, (url, detail)
    short = client.get("/api/dynamics", params={"from": "2015-01-01", "to": "2015-06-30"})
    assert short.status_code == 422 and "need >= 35 periods with events" in short.json()["detail"]


def test_exports_stream_the_events(client):
    plover = client.get("/api/export/plover")
    assert plover.status_code == 200 and len(plover.text.splitlines()) == 48 * 6 * 6
    gdelt = client.get("/api/export/gdelt")
    assert gdelt.status_code == 200 and len(gdelt.text.splitlines()[0].split("\t")) == 61
    parquet = client.get("/api/export/parquet")
    assert parquet.status_code == 200 and parquet.content[:2] == b"PK"


def test_the_dashboard_and_its_script_are_served_without_a_cdn(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/plotly.min.js" in page.text and "https://" not in page.text
    assert client.get("/static/plotly.min.js").text.lstrip().startswith("/**")


def test_a_read_only_server_refuses_writes(client):
    body = {"documents": [{"text": "Beijing protested on Monday."}]}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403


def test_writes_need_the_token(tmp_path, db):
    with pytest.raises(TripolarError, match="TRIPOLAR_TOKEN"):
        create_app(tmp_path / "w.duckdb", allow_write=True)
    app = create_app(tmp_path / "w.duckdb", allow_write=True, token=TOKEN)
    client = TestClient(app)
    body = {"documents": [{"text": "China imposed sanctions on the United States on May 3.", "published": "2020-05-05",
                           "title": "Sanctions"}], "code": True}
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    created = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["documents"] == 1 and created.json()["events"] >= 1
    again = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["documents"] == 0  # the same text is stored once
    bad_date = dict(body, documents=[dict(body["documents"][0], published="May 2020")])
    assert client.post("/api/documents", json=bad_date, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    app.state.store.close()
