"""The API against its own OpenAPI description: generated requests never make the server fail."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.analysis.conftest import fill_store
from tripolar.store import Store
from tripolar.web.app import create_app

# Bounded examples per operation: enough to cross every parameter's edges without a long run.
EXAMPLES = 12


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    with Store(path) as store:
        fill_store(store, months=40, per_month=4)
    app = create_app(path)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.store.close()


@pytest.mark.slow
def test_no_request_makes_the_server_fail(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def generated(case):
            case.call_and_validate(checks=[not_a_server_error])

        generated()
