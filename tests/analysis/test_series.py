"""Dyad series from stored events: complete grids, counts by quad class, Goldstein sums and means."""

from datetime import date

import pytest

from tripolar.analysis.series import EventFilter, dyad_series, period_bounds, period_label
from tripolar.errors import InputError
from tripolar.model import Actor, Document, Event, Evidence
from tripolar.ontology.cameo import cameo

TRIANGLE = ("USA", "CHN", "RUS")


def report(document: Document, code: str, source: str, target: str, day: date, *, precision: str = "day",
           modality: str = "factual", origin: str = "tripolar-test", issues: tuple[str, ...] = ("trade",)) -> Event:
    entry = cameo(code)
    return Event(source=Actor(source, "GOV", source, source), target=Actor(target, "GOV", target, target),
                 cameo=code, root=entry.root, quad=entry.quad, goldstein=entry.goldstein, plover=entry.plover,
                 evidence=Evidence(document.id, 0, 0, 5, document.text[:5]), origin=origin, date=day,
                 date_precision=precision, issues=issues, modality=modality)  # type: ignore[arg-type]


@pytest.fixture
def stored(store):
    first = Document(text="First report of the month.", source="a.txt", published=date(2020, 3, 31))
    second = Document(text="Second paper, same events.", source="b.txt", published=date(2020, 3, 31))
    events = [
        report(first, "172", "USA", "CHN", date(2020, 1, 10)),  # sanctions: material conflict
        report(second, "172", "USA", "CHN", date(2020, 1, 10)),  # the same event, read again
        report(first, "036", "CHN", "USA", date(2020, 1, 20)),  # wish to meet: verbal cooperation
        report(first, "111", "RUS", "USA", date(2020, 3, 3), issues=("ukraine",)),  # criticise: verbal conflict
        report(first, "138", "USA", "RUS", date(2020, 3, 4), modality="hypothetical"),  # threat, not an act
        report(first, "057", "CHN", "RUS", date(2020, 3, 1), precision="month"),  # known to the month only
        report(first, "043", "CHN", "RUS", date(2020, 3, 9), origin="gdelt2"),  # a meeting, both ways
        report(first, "043", "RUS", "CHN", date(2020, 3, 9), origin="gdelt2"),
    ]
    store.write(documents=[first, second], events=events)
    return store


def row(table, period, dyad):
    found = table.rows[(table.rows["period"] == period) & (table.rows["dyad"] == dyad)]
    assert len(found) == 1
    return found.iloc[0]


def test_every_period_and_directed_dyad_has_a_row_zeros_where_nothing_happened(stored):
    table = dyad_series(stored, EventFilter(TRIANGLE), "month")
    assert sorted(set(table.rows["period"])) == ["2020-01", "2020-02", "2020-03"]
    assert len(table.rows) == 3 * 6
    quiet = row(table, "2020-02", "USA->CHN")
    assert quiet["events"] == 0 and quiet["goldstein_mean"] == 0.0 and quiet["net_cooperation"] == 0


def test_counts_by_quad_class_and_goldstein_per_event_not_per_report(stored):
    table = dyad_series(stored, EventFilter(TRIANGLE), "month")
    sanctions = row(table, "2020-01", "USA->CHN")
    assert (sanctions["events"], sanctions["reports"], sanctions["material_conflict"]) == (1, 2, 1)
    assert sanctions["goldstein_sum"] == pytest.approx(cameo("172").goldstein)
    assert sanctions["net_cooperation"] == -1
    weighted = row(dyad_series(stored, EventFilter(TRIANGLE), "month", reports=True), "2020-01", "USA->CHN")
    assert weighted["material_conflict"] == 2 and weighted["goldstein_sum"] == pytest.approx(2 * cameo("172").goldstein)
    assert weighted["goldstein_mean"] == pytest.approx(cameo("172").goldstein)


def test_only_factual_events_unless_asked(stored):
    factual = dyad_series(stored, EventFilter(TRIANGLE), "month")
    assert row(factual, "2020-03", "USA->RUS")["events"] == 0
    everything = dyad_series(stored, EventFilter(TRIANGLE, modalities=("factual", "hypothetical")), "month")
    assert row(everything, "2020-03", "USA->RUS")["events"] == 1


def test_an_event_known_to_the_month_is_in_monthly_series_but_not_in_weekly_ones(stored):
    monthly = dyad_series(stored, EventFilter(TRIANGLE), "month")
    assert row(monthly, "2020-03", "CHN->RUS")["events"] == 2  # the agreement and the meeting
    weekly = dyad_series(stored, EventFilter(TRIANGLE), "week")
    assert weekly.rows.query("dyad == 'CHN->RUS'")["events"].sum() == 1
    assert any("1 event dated only to the month left out of weekly series" in note for note in weekly.notes)


def test_filters_by_issue_origin_and_mirrored_copies(stored):
    ukraine = dyad_series(stored, EventFilter(TRIANGLE, issue="ukraine"), "month")
    assert ukraine.rows["events"].sum() == 1
    imported = dyad_series(stored, EventFilter(TRIANGLE, origin="gdelt2"), "month")
    assert imported.rows["events"].sum() == 2
    coded = dyad_series(stored, EventFilter(TRIANGLE, origin="coded"), "month")
    assert coded.rows["events"].sum() == 4
    single = dyad_series(stored, EventFilter(TRIANGLE, origin="gdelt2", drop_mirrored=True), "month")
    assert single.rows["events"].sum() == 1 and row(single, "2020-03", "CHN->RUS")["events"] == 1


def test_undirected_pairs_pool_both_directions(stored):
    pairs = dyad_series(stored, EventFilter(TRIANGLE), "month").undirected()
    january = pairs[(pairs["period"] == "2020-01") & (pairs["dyad"] == "CHN-USA")].iloc[0]
    assert january["events"] == 2
    assert january["goldstein_mean"] == pytest.approx((cameo("172").goldstein + cameo("036").goldstein) / 2)


def test_directed_series_are_one_measure_with_counts(stored):
    series = dyad_series(stored, EventFilter(TRIANGLE), "month").directed("goldstein_sum")
    assert series.dyads == ["USA->CHN", "USA->RUS", "CHN->USA", "CHN->RUS", "RUS->USA", "RUS->CHN"]
    assert series.periods == ["2020-01", "2020-02", "2020-03"]
    assert series.counts is not None and series.counts.loc["2020-01", "USA->CHN"] == 1


def test_period_labels_round_trip():
    for period, day, label in (("day", date(2020, 1, 6), "2020-01-06"), ("week", date(2020, 1, 6), "2020-W02"),
                               ("month", date(2020, 2, 1), "2020-02"), ("quarter", date(2020, 4, 1), "2020-Q2")):
        assert period_label(day, period) == label
        assert period_bounds(label, period)[0] == day
    assert period_bounds("2020-02", "month")[1] == date(2020, 2, 29)
    assert period_bounds("2020-Q4", "quarter")[1] == date(2020, 12, 31)


def test_clear_errors(stored):
    with pytest.raises(InputError, match="unknown period 'year'"):
        dyad_series(stored, EventFilter(TRIANGLE), "year")
    with pytest.raises(InputError, match="unknown origin"):
        EventFilter(TRIANGLE, origin="reuters")
    with pytest.raises(InputError, match="no factual events among USA, GBR"):
        dyad_series(stored, EventFilter(("USA", "GBR")), "month")
