"""The codebook and actor tables as DuckDB temporary tables, so each mapping is a JOIN, never Python per row.

Every table is read from the TSVs packaged in ``tripolar/ontology/data`` (the same files the Python
loaders read), once per import call; they are small (hundreds of rows).

    tp_cameo           code → root, quad, goldstein (GDELT's), plover, plover_mode
    tp_country_code    a dataset's country code (ISO alpha-3, or CAMEO's where it differs) → our code
    tp_country_name    lower-cased country name, ICEWS spelling first → our code
    tp_grouping_name   lower-cased name of an international body → NATO, EUR, WST or IGO
    tp_actor_type      GDELT actor type code → our role
    tp_sector          ICEWS sector name → role and rank (lower rank wins when several are listed)
    tp_plover_cameo    PLOVER (type, mode) → the CAMEO code an event of that type is stored under
"""

from __future__ import annotations

import duckdb

from tripolar.ontology._tables import data_path

# CAMEO actor types that are not roles of ours, mapped to the nearest role (others become "").
# Insurgents, separatists and unaligned armed forces are all armed non-state actors: REB;
# peacekeepers are soldiers: MIL; an unidentified state actor is a government's: GOV;
# a multinational corporation is a business: BUS; a non-governmental movement: NGO.
GDELT_EXTRA_TYPES = (("INS", "REB"), ("SEP", "REB"), ("UAF", "REB"), ("IMG", "REB"), ("PKO", "MIL"),
                     ("UIS", "GOV"), ("MNC", "BUS"), ("NGM", "NGO"))
# CAMEO's "West" is our WST; its other regional codes (AFR, EUR = Europe, MEA, ...) are not actors we keep.
BODY_COUNTRY_CODES = (("WST", "WST"),)


def _tsv(name: str) -> str:
    """A read_csv call over a packaged table: every cell text, empty cells NULL, no quoting."""
    path = str(data_path(name)).replace("'", "''")
    return f"read_csv('{path}', delim='\t', header=true, all_varchar=true, quote='', escape='')"


def _values(pairs: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"('{a}', '{b}')" for a, b in pairs)


def load_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the lookup tables as temporary tables of this connection."""
    statements = [
        f"""CREATE OR REPLACE TEMP TABLE tp_cameo AS
            SELECT code, root, CAST(quad AS TINYINT) AS quad, CAST(goldstein AS DOUBLE) AS goldstein,
                   coalesce(plover, '') AS plover, coalesce(plover_mode, '') AS plover_mode
            FROM {_tsv('cameo.tsv')}""",
        f"""CREATE OR REPLACE TEMP TABLE tp_country_code AS
            SELECT DISTINCT dataset_code, code FROM (
                SELECT code AS dataset_code, code FROM {_tsv('countries.tsv')}
                UNION ALL
                SELECT cameo, code FROM {_tsv('countries.tsv')} WHERE cameo IS NOT NULL
                UNION ALL
                SELECT * FROM (VALUES {_values(BODY_COUNTRY_CODES)})
            )""",
        # ICEWS's own spellings win over our names (its "Congo" is Brazzaville, ours Kinshasa).
        f"""CREATE OR REPLACE TEMP TABLE tp_country_name AS
            SELECT key, arg_min(code, priority) AS code FROM (
                SELECT lower(trim(name)) AS key, code, 0 AS priority FROM {_tsv('icews_countries.tsv')}
                UNION ALL
                SELECT lower(trim(name)), code, 1 FROM {_tsv('countries.tsv')}
                UNION ALL
                SELECT lower(trim(unnest(string_split(names, '|')))), code, 2
                FROM {_tsv('countries.tsv')} WHERE names IS NOT NULL
            ) WHERE key <> '' GROUP BY key""",
        f"""CREATE OR REPLACE TEMP TABLE tp_grouping_name AS
            SELECT key, min(code) AS code FROM (
                SELECT lower(trim(name)) AS key, code FROM {_tsv('groupings.tsv')}
                UNION ALL
                SELECT lower(trim(unnest(string_split(aliases, '|')))), code
                FROM {_tsv('groupings.tsv')} WHERE aliases IS NOT NULL
            ) WHERE key <> '' GROUP BY key HAVING count(DISTINCT code) = 1""",
        f"""CREATE OR REPLACE TEMP TABLE tp_actor_type AS
            SELECT code AS type_code, code AS role FROM {_tsv('roles.tsv')}
            UNION ALL SELECT * FROM (VALUES {_values(GDELT_EXTRA_TYPES)})""",
        f"""CREATE OR REPLACE TEMP TABLE tp_sector AS
            SELECT sector, role, CAST(rank AS INTEGER) AS rank FROM {_tsv('icews_sectors.tsv')}""",
        f"""CREATE OR REPLACE TEMP TABLE tp_plover_cameo AS
            SELECT plover, coalesce(mode, '') AS mode, cameo FROM {_tsv('plover_to_cameo.tsv')}""",
    ]
    for statement in statements:
        con.execute(statement)
