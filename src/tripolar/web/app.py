"""tripolar over HTTP: the library's functions behind FastAPI, and the dashboard.

Every JSON response is what the CLI's ``--json`` prints: the routes parse parameters into the same
requests and call the same functions (``tripolar.analysis.service``, ``tripolar.analysis.browse``); no
analysis happens here. The store is opened read-only unless the server was started to accept documents
(``allow_write`` with a token); each request reads through a cursor of its own. Since a read-only store
cannot change while served, analysis answers are remembered per request (``memory.py``).

Errors: a parameter the library rejects is a 422 naming the field, like FastAPI's own validation
errors; an analysis the data cannot support (too few periods) is a 422 saying what it needs.
"""

import hmac
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParameter
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from tripolar import __version__
from tripolar.analysis import service
from tripolar.analysis.browse import EventQuery, document, event_evidence, list_documents, list_events
from tripolar.analysis.inputs import SeriesRequest
from tripolar.analysis.series import parse_actors
from tripolar.analysis.triangle import TriangleSettings
from tripolar.errors import AnalysisError, InputError, TripolarError
from tripolar.store import Store
from tripolar.store.exports import export_gdelt, export_parquet, export_plover
from tripolar.web.memory import RememberedAnswers

STATIC = Path(__file__).parent / "static"
MAX_PERIODS = 5_000  # per series request: 13 years of days, a century of weeks
CACHED_RESULTS = 256

Period = Literal["day", "week", "month", "quarter"]
Origin = Literal["all", "coded", "gdelt1", "gdelt2", "icews", "polecat", "plover"]
Measure = Literal["goldstein_mean", "goldstein_sum", "net_cooperation", "events"]
ActorList = Annotated[str, Query(description="Actor codes, comma-separated (ISO 3166 alpha-3 or a grouping).",
                                 max_length=200, pattern=r"^[A-Za-z]{2,6}(,[A-Za-z]{2,6})*$")]
Dyad = Annotated[str, Query(description="A directed dyad, SOURCE->TARGET.", max_length=20,
                            pattern=r"^[A-Za-z]{2,6}->[A-Za-z]{2,6}$")]
Issue = Annotated[str | None, Query(description="Only events tagged with this issue.", max_length=40,
                                    pattern=r"^[a-z][a-z-]*$")]


def request_store(request: Request) -> Iterator[Store]:
    """The served store through a cursor of this request's own."""
    view = request.app.state.store.for_thread()
    try:
        yield view
    finally:
        view.con.close()


class JSONBytes(Response):
    """A JSON answer already encoded (by :class:`RememberedAnswers`)."""

    media_type = "application/json"


def remembered_results(request: Request) -> Callable[..., JSONBytes]:
    answers: RememberedAnswers = request.app.state.remembered
    return lambda *arguments, **options: JSONBytes(answers.answer(*arguments, **options))


def series_request(actors: ActorList = "USA,CHN,RUS", period: Period = "month",
                   start: Annotated[date | None, Query(alias="from")] = None,
                   end: Annotated[date | None, Query(alias="to")] = None, issue: Issue = None,
                   modality: Annotated[str, Query(max_length=60, pattern=r"^[a-z]+(,[a-z]+)*$")] = "factual",
                   origin: Origin = "all", reports: bool = False, measure: Measure = "goldstein_mean",
                   drop_mirrored: bool = False) -> SeriesRequest:
    """The filters every analysis shares, as the CLI's options."""
    return SeriesRequest.from_options(actors=actors, period=period, start=start, end=end, issue=issue,
                                      modalities=modality, origin=origin, reports=reports, measure=measure,
                                      drop_mirrored=drop_mirrored, max_periods=MAX_PERIODS)


StoreDep = Annotated[Store, Depends(request_store)]
RequestDep = Annotated[SeriesRequest, Depends(series_request)]
Remembered = Annotated[Callable[..., JSONBytes], Depends(remembered_results)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (at most 1000).")]
Cursor = Annotated[str | None, Query(max_length=200, description="The next_cursor of the page before.")]


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, max_length=10_000_000)
    title: str = Field("", max_length=1_000)
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or "
                                  "YYYY-MM-DD")
    url: str = Field("", max_length=2_000)
    source: str = Field("", max_length=500)


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=1_000)
    code: bool = Field(True, description="Code the new documents into events right away.")


def create_app(db_path: Path | str, *, allow_write: bool = False, token: str | None = None) -> FastAPI:
    """The app serving ``db_path``. With ``allow_write``, POST /api/documents accepts documents from
    requests carrying ``Authorization: Bearer <token>``; a token is then required."""
    if allow_write and not token:
        raise TripolarError("accepting documents needs a token: set TRIPOLAR_TOKEN")
    store = Store(db_path, read_only=not allow_write)
    app = FastAPI(title="tripolar", version=__version__,
                  description="News about great-power relations as evidence-linked events, and the triangle "
                              "they describe. Every response is what the `tripolar` CLI prints with --json.")
    app.state.store = store
    app.state.remembered = RememberedAnswers(CACHED_RESULTS, enabled=not allow_write)

    @app.exception_handler(InputError)
    def bad_input(_: Request, error: InputError) -> JSONResponse:
        message = f"{error.reason}. {error.hint}" if error.hint else error.reason
        return JSONResponse(status_code=422, content={"detail": [
            {"loc": ["query", error.field or "request"], "msg": message, "type": "value_error"}]})

    @app.exception_handler(AnalysisError)
    def unsupported(_: Request, error: AnalysisError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(error)})

    @app.get("/api/stats", summary="Rows per table")
    def stats(view: StoreDep) -> dict[str, int]:
        return view.counts()

    _browse_routes(app)
    _analysis_routes(app)
    _export_routes(app)
    _write_route(app, store, allow_write, token)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_script() -> Response:
        return Response(_plotly_js(), media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    import plotly.offline

    return plotly.offline.get_plotlyjs()


def _browse_routes(app: FastAPI) -> None:
    @app.get("/api/documents", summary="Stored documents, a page at a time")
    def documents(view: StoreDep, cursor: Cursor = None, limit: Limit = 100) -> dict[str, Any]:
        return list_documents(view, cursor=cursor, limit=limit).to_json()

    @app.get("/api/documents/{document_id}", summary="One document with its text")
    def one_document(view: StoreDep, document_id: Annotated[str, PathParameter(max_length=64)]) -> dict[str, Any]:
        found = document(view, document_id)
        if found is None:
            raise HTTPException(404, f"no document {document_id}")
        return found

    @app.get("/api/events", summary="Stored events with their first report's evidence, a page at a time")
    def events(view: StoreDep, actors: ActorList | None = None, dyad: Dyad | None = None,
               start: Annotated[date | None, Query(alias="from")] = None,
               end: Annotated[date | None, Query(alias="to")] = None,
               root: Annotated[str | None, Query(pattern=r"^(0[1-9]|1[0-9]|20)$")] = None,
               quad: Annotated[int | None, Query(ge=1, le=4)] = None,
               modality: Literal["factual", "hypothetical", "negated", "scheduled"] | None = None,
               issue: Issue = None, origin: Origin = "all", cursor: Cursor = None,
               limit: Limit = 100) -> dict[str, Any]:
        source, target = (dyad.upper().split("->") if dyad else (None, None))
        query = EventQuery(parse_actors(actors) if actors else (), source, target, start, end, root, quad, modality,
                           issue, origin)
        return list_events(view, query, cursor=cursor, limit=limit).to_json()

    @app.get("/api/events/{event_id}/evidence", summary="An event and every report of it, with the sentence")
    def evidence(view: StoreDep, event_id: Annotated[str, PathParameter(max_length=64)]) -> dict[str, Any]:
        found = event_evidence(view, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found


def _analysis_routes(app: FastAPI) -> None:
    @app.get("/api/series", summary="Per period and directed dyad: counts by quad class, Goldstein, net cooperation")
    def series(view: StoreDep, request: RequestDep, remembered: Remembered) -> JSONBytes:
        return remembered(service.run_series, request, view)

    @app.get("/api/triangle", summary="Per period: pair signs, Dittmer's configuration, Wu's roles, the pivot")
    def triangle(view: StoreDep, request: RequestDep, remembered: Remembered,
                 reference: Literal["standardised", "absolute"] = "standardised",
                 band: Annotated[float | None, Query(ge=0, le=100)] = None,
                 min_events: Annotated[int, Query(ge=0, le=100_000)] = 3,
                 window: Annotated[int, Query(ge=2, le=1000)] = 12, hold: Annotated[int, Query(ge=1, le=100)] = 1,
                 carry: Annotated[int, Query(ge=0, le=100)] = 0) -> JSONBytes:
        settings = TriangleSettings(reference, band, min_events, window, hold, carry)
        return remembered(service.run_triangle, request, view, settings=settings)

    @app.get("/api/dynamics", summary="VAR: Granger tests of inertia, reciprocity and triangularity; IRF; FEVD")
    def dynamics(view: StoreDep, request: RequestDep, remembered: Remembered,
                 lags: Annotated[int | None, Query(ge=1, le=24)] = None,
                 max_lags: Annotated[int, Query(ge=1, le=24)] = 6,
                 criterion: Literal["aic", "bic", "hqic", "fpe"] = "aic",
                 horizon: Annotated[int, Query(ge=1, le=60)] = 12) -> JSONBytes:
        return remembered(service.run_dynamics, request, view, lags=lags, max_lags=max_lags, criterion=criterion,
                          horizon=horizon)

    @app.get("/api/breaks", summary="Change points and escalation alerts, each with the events of its period")
    def breaks(view: StoreDep, request: RequestDep, remembered: Remembered,
               penalty: Annotated[float | None, Query(gt=0, le=1e9)] = None) -> JSONBytes:
        return remembered(service.run_breaks, request, view, penalty=penalty)

    @app.get("/api/forecast", summary="Forecasts per directed dyad, backtested against naive baselines")
    def forecast(view: StoreDep, request: RequestDep, remembered: Remembered,
                 horizon: Annotated[int, Query(ge=1, le=36)] = 6,
                 lags: Annotated[int | None, Query(ge=1, le=24)] = None) -> JSONBytes:
        return remembered(service.run_forecast, request, view, horizon=horizon, lags=lags)

    @app.get("/api/scenario", summary="What if one directed dyad shifted for some periods")
    def scenario(view: StoreDep, request: RequestDep, remembered: Remembered,
                 shock: Annotated[str, Query(max_length=40, description="DYAD:SHIFT:PERIODS, e.g. USA->RUS:+2:6")]
                 = "USA->RUS:+2:6", horizon: Annotated[int | None, Query(ge=1, le=60)] = None) -> JSONBytes:
        return remembered(_scenario_of(shock), request, view, horizon=horizon)

    @app.get("/api/hypotheses", summary="The seeds' hypotheses with the evidence for and against")
    def hypotheses(view: StoreDep, request: RequestDep, remembered: Remembered) -> JSONBytes:
        return remembered(service.run_hypotheses, request, view)

    @app.get("/api/period-events", summary="The events behind one plotted point: a directed dyad in one period")
    def period_events(view: StoreDep, request: RequestDep, dyad: Dyad,
                      label: Annotated[str, Query(max_length=12, pattern=r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])$")],
                      limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
        items = service.events_in_period(view, request, dyad.upper(), label, limit)
        return {"dyad": dyad.upper(), "period": request.period, "label": label,
                "items": [item.to_json() for item in items]}


@lru_cache(maxsize=64)
def _scenario_of(shock: str) -> Callable[..., Any]:
    """A run_scenario with the shock bound, so that one shock is one cache entry."""

    def run(request: SeriesRequest, store: Any, **options: Any) -> Any:
        return service.run_scenario(request, shock, store, **options)

    return run


def _export_routes(app: FastAPI) -> None:
    @app.get("/api/export/{format}", summary="Every stored event as GDELT 2.0 TSV, PLOVER JSON lines, or the "
             "store's tables as Parquet (a zip)")
    def export(view: StoreDep, format: Literal["gdelt", "plover", "parquet"]) -> FileResponse:
        scratch = tempfile.TemporaryDirectory(prefix="tripolar-export-")
        try:
            return _export_file(view, format, Path(scratch.name), scratch)
        except BaseException:
            scratch.cleanup()
            raise


def _export_file(view: Store, format: str, folder: Path, scratch: tempfile.TemporaryDirectory) -> FileResponse:
    if format == "gdelt":
        path, media = folder / "events.gdelt.tsv", "text/tab-separated-values"
        export_gdelt(view, path)
    elif format == "plover":
        path, media = folder / "events.plover.jsonl", "application/x-ndjson"
        export_plover(view, path)
    else:
        export_parquet(view, folder / "tables")
        path = Path(shutil.make_archive(str(folder / "tripolar-parquet"), "zip", folder / "tables"))
        media = "application/zip"
    # The file is streamed from disk, then its folder removed.
    return FileResponse(path, media_type=media, filename=path.name, background=BackgroundTask(scratch.cleanup))


def _write_route(app: FastAPI, store: Store, allow_write: bool, token: str | None) -> None:
    @app.post("/api/documents", summary="Store documents (and code them): needs --allow-write and the token",
              status_code=201)
    def add_documents(body: DocumentsIn, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given:
            raise HTTPException(401, "a token is needed: Authorization: Bearer <TRIPOLAR_TOKEN>",
                                headers={"WWW-Authenticate": "Bearer"})
        if not allow_write:
            raise HTTPException(403, "this server is read-only: start it with --allow-write")
        if token is None or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "the token is not the server's", headers={"WWW-Authenticate": "Bearer"})
        return _store_documents(store, body)


def _store_documents(store: Store, body: DocumentsIn) -> dict[str, Any]:
    from tripolar.model import Document, parse_partial_date

    documents = []
    for number, item in enumerate(body.documents):
        published, precision = (None, None)
        if item.published:
            try:
                published, precision = parse_partial_date(item.published)
            except ValueError as error:
                raise InputError(str(error), field=f"documents[{number}].published") from None
        documents.append(Document(text=item.text, title=item.title, published=published,
                                  published_precision=precision, url=item.url, source=item.source or item.url))
    view = store.for_thread()
    try:
        added = view.write(documents=documents)
        result: dict[str, Any] = {"documents": added["documents"], "ids": [document.id for document in documents]}
        if body.code:
            from tripolar.coding.runner import code_store

            report = code_store(view)
            result.update(events=report.events_added, reports=report.reports_added)
        return result
    finally:
        view.con.close()
