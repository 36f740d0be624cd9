"""What the events say about a set of actors: dyad series, the triangle, its dynamics, breaks,
forecasts, scenarios and hypotheses. Each function takes records or series and returns records; the
CLI, the web API and the report only call them."""
