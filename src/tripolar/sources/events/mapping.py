"""The SQL that maps each dataset's rows onto one staged shape: an event, or the reason it is refused.

Each ``*_select`` returns a SELECT over the relation ``{source}`` (the file as DuckDB reads it, or for
ICEWS and POLECAT the temporary table it was read into, ``tp_raw``) that yields one row per dataset
row (for PLOVER, per JSON record) with the columns of :data:`STAGED_COLUMNS`. ``reason`` is NULL for a
row that maps to an event, else the first rule it breaks (:mod:`tripolar.sources.events.reasons`).
The lookup tables it joins are made by :mod:`tripolar.sources.events.lookups`.
"""

from __future__ import annotations

from tripolar.model import MODALITIES
from tripolar.ontology.cameo import PLOVER_TYPES
from tripolar.sources.events.formats import Layout
from tripolar.sources.events.reasons import BAD_CODE, BAD_PLOVER, DOCUMENTATION, reason_sql

STAGED_COLUMNS = (
    "origin_event_id", "date", "source_code", "source_role", "target_code", "target_role", "cameo",
    "cameo_root", "quad", "goldstein", "plover", "plover_mode", "source_name", "target_name", "origin_url",
    "origin_quad", "origin_goldstein", "evidence_text", "sentence_index", "date_precision", "modality", "issues",
    "reason",
)
# Datasets code what happened, on the day: only our own PLOVER export says otherwise.
PLAIN = "'day' AS date_precision, 'factual' AS modality, CAST([] AS VARCHAR[]) AS issues"

# -- GDELT 1.0 and 2.0 ------------------------------------------------------------------------------

def _gdelt_actor_code(n: int) -> str:
    # A state's country code wins; without one, a known group is a body: NATO, the EU (GDELT's EEC),
    # or another IGO/NGO. GDELT gives NATO the region WST and the EU the region EUR (Europe), so a
    # region code must not hide the group.
    return f"""CASE
        WHEN c{n}.code IS NOT NULL AND c{n}.code <> 'WST' THEN c{n}.code
        WHEN g.Actor{n}KnownGroupCode = 'NAT' THEN 'NATO'
        WHEN g.Actor{n}KnownGroupCode = 'EEC' THEN 'EUR'
        WHEN g.Actor{n}KnownGroupCode IS NOT NULL THEN 'IGO'
        ELSE c{n}.code
    END"""


def gdelt_select(layout: Layout) -> str:
    # Both GDELT layouts name the columns used here alike.
    return f"""
    SELECT
        CAST(GLOBALEVENTID AS VARCHAR) AS origin_event_id,
        day AS date,
        source_code,
        CASE WHEN source_code IN ('NATO', 'EUR', 'IGO') AND Actor1Type1Code = 'IGO' THEN ''
             ELSE coalesce(t1.role, '') END AS source_role,
        target_code,
        CASE WHEN target_code IN ('NATO', 'EUR', 'IGO') AND Actor2Type1Code = 'IGO' THEN ''
             ELSE coalesce(t2.role, '') END AS target_role,
        k.code AS cameo, k.root AS cameo_root, k.quad, k.goldstein, k.plover, k.plover_mode,
        Actor1Name AS source_name, Actor2Name AS target_name, SOURCEURL AS origin_url,
        QuadClass AS origin_quad, GoldsteinScale AS origin_goldstein,
        CAST(NULL AS VARCHAR) AS evidence_text, CAST(NULL AS INTEGER) AS sentence_index, {PLAIN},
        {reason_sql('GLOBALEVENTID', 'day', 'k.code', BAD_CODE, 'Actor1Code', 'Actor2Code', 'source_code',
                 'Actor1CountryCode', 'target_code', 'Actor2CountryCode')} AS reason
    FROM (
        SELECT g.*, CAST(try_strptime(g.SQLDATE, '%Y%m%d') AS DATE) AS day,
               {_gdelt_actor_code(1)} AS source_code, {_gdelt_actor_code(2)} AS target_code
        FROM {{source}} g
        LEFT JOIN tp_country_code c1 ON c1.dataset_code = g.Actor1CountryCode
        LEFT JOIN tp_country_code c2 ON c2.dataset_code = g.Actor2CountryCode
    )
    LEFT JOIN tp_cameo k ON k.code = EventCode
    LEFT JOIN tp_actor_type t1 ON t1.type_code = Actor1Type1Code
    LEFT JOIN tp_actor_type t2 ON t2.type_code = Actor2Type1Code
    """


# -- ICEWS ------------------------------------------------------------------------------------------

def sector_sets_sql(columns: tuple[str, str]) -> str:
    """Each distinct sector list of the staged raw rows → its highest-ranked role.

    A list like ``Executive,Foreign Ministry,Government`` holds several sectors; the role of the one
    with the lowest rank in ``icews_sectors.tsv`` wins: the executive first, then the specific organs of
    state (military, intelligence, police, courts, legislature), then government at large, armed
    groups, opposition, international bodies and society. Sector names may themselves contain ", "
    ("Bedouin, Arabian"), while the list separator is a bare ",": those are protected before splitting.
    """
    union = " UNION ".join(f'SELECT DISTINCT "{column}" AS sectors FROM tp_raw' for column in columns)
    return f"""
    CREATE OR REPLACE TEMP TABLE tp_sector_set AS
    SELECT sectors, arg_min(s.role, s.rank) AS role
    FROM (
        SELECT sectors, trim(replace(unnest(string_split(replace(sectors, ', ', chr(30)), ',')), chr(30), ', '))
               AS sector
        FROM ({union}) WHERE sectors IS NOT NULL
    ) JOIN tp_sector s USING (sector)
    GROUP BY sectors
    """


def _named_actor(side: str, country_code: str, country: str, role: str) -> tuple[str, str]:
    """Code and role of an ICEWS/POLECAT actor: its country, else an international body by name or sector."""
    body = f"""CASE WHEN {country} IS NULL AND ({side}_grp.code IS NOT NULL OR {role} IN ('IGO', 'NGO'))
                    THEN coalesce({side}_grp.code, 'IGO') END"""
    code = f"coalesce({country_code}, {body})"
    role_sql = f"""CASE WHEN {country_code} IS NULL AND {role} = 'IGO' THEN '' ELSE coalesce({role}, '') END"""
    return code, role_sql


def _grouping_join(side: str, name: str) -> str:
    # "Secretariat (Organization of American States)": the body is the name in brackets, if any.
    return f"""LEFT JOIN tp_grouping_name {side}_grp ON {side}_grp.key = lower(coalesce(
        nullif(regexp_extract({name}, '\\(([^()]*)\\)\\s*$', 1), ''), trim({name})))"""


def icews_select(layout: Layout) -> str:
    source_code, source_role = _named_actor("s", "sc.code", '"Source Country"', "ss.role")
    target_code, target_role = _named_actor("t", "tc.code", '"Target Country"', "ts.role")
    return f"""
    SELECT origin_event_id, date, source_code, source_role, target_code, target_role,
           k.code AS cameo, k.root AS cameo_root, k.quad, k.goldstein, k.plover, k.plover_mode,
           source_name, target_name, origin_url, origin_quad, origin_goldstein, evidence_text, sentence_index,
           {PLAIN},
           {reason_sql('origin_event_id', 'date', 'k.code', BAD_CODE, 'source_name', 'target_name', 'source_code',
                    'source_country', 'target_code', 'target_country')} AS reason
    FROM (
        SELECT r."Event ID" AS origin_event_id, try_cast(r."Event Date" AS DATE) AS date,
               {source_code} AS source_code, {source_role} AS source_role,
               {target_code} AS target_code, {target_role} AS target_role,
               r."CAMEO Code" AS event_code, r."Source Name" AS source_name, r."Target Name" AS target_name,
               r."Source Country" AS source_country, r."Target Country" AS target_country,
               r."Story ID" AS origin_url, CAST(NULL AS TINYINT) AS origin_quad, r."Intensity" AS origin_goldstein,
               CAST(NULL AS VARCHAR) AS evidence_text, r."Sentence Number" AS sentence_index
        FROM {{source}} r
        LEFT JOIN tp_country_name sc ON sc.key = lower(trim(r."Source Country"))
        LEFT JOIN tp_country_name tc ON tc.key = lower(trim(r."Target Country"))
        LEFT JOIN tp_sector_set ss ON ss.sectors = r."Source Sectors"
        LEFT JOIN tp_sector_set ts ON ts.sectors = r."Target Sectors"
        {_grouping_join('s', 'r."Source Name"')}
        {_grouping_join('t', 'r."Target Name"')}
    )
    LEFT JOIN tp_cameo k ON k.code = event_code
    """


# -- POLECAT ----------------------------------------------------------------------------------------

def _first_value(column: str) -> str:
    # Multi-valued cells are joined with "; "; the first value is the actor's main one.
    return f"nullif(trim(split_part({column}, ';', 1)), '')"


def polecat_select(layout: Layout) -> str:
    present = set(layout.column_names)

    def optional(name: str, kind: str = "VARCHAR") -> str:
        return f'r."{name}"' if name in present else f"CAST(NULL AS {kind})"

    source_code, source_role = _named_actor("s", "coalesce(scc.code, scn.code)",
                                            "source_country", "coalesce(sr.role, ssec.role)")
    target_code, target_role = _named_actor("t", "coalesce(tcc.code, tcn.code)",
                                            "target_country", "coalesce(tr.role, tsec.role)")
    return f"""
    SELECT origin_event_id, date, source_code, source_role, target_code, target_role,
           k.code AS cameo, k.root AS cameo_root, k.quad, k.goldstein, p.plover, p.plover_mode,
           source_name, target_name, origin_url, origin_quad, origin_goldstein, evidence_text, sentence_index,
           {PLAIN},
           {reason_sql('origin_event_id', 'date', 'k.code', BAD_PLOVER, 'source_name', 'target_name', 'source_code',
                    'source_country', 'target_code', 'target_country')} AS reason
    FROM (
        SELECT r.origin_event_id, r.date, r.plover, r.plover_mode, r.source_name, r.target_name,
               r.source_country, r.target_country, r.origin_url, r.origin_quad, r.origin_goldstein,
               r.evidence_text, r.sentence_index,
               {source_code} AS source_code, {source_role} AS source_role,
               {target_code} AS target_code, {target_role} AS target_role,
               coalesce(pm.cameo, pb.cameo) AS event_code
        FROM (
            SELECT r.*, r."Event ID" AS origin_event_id, try_cast(r."Event Date" AS DATE) AS date,
                   upper(trim(r."Event Type")) AS plover, lower(trim(coalesce(r."Event Mode", ''))) AS plover_mode,
                   r."Actor Name" AS source_name, r."Recipient Name" AS target_name,
                   {_first_value('r."Actor Country"')} AS source_country,
                   {_first_value('r."Recipient Country"')} AS target_country,
                   {_first_value('r."Primary Actor Sector"')} AS source_sector,
                   {_first_value('r."Primary Recipient Sector"')} AS target_sector,
                   {optional('Story ID')} AS origin_url,
                   CAST(CASE upper(trim({optional('Quad Code')}))
                        WHEN 'VERBAL COOPERATION' THEN 1 WHEN 'MATERIAL COOPERATION' THEN 2
                        WHEN 'VERBAL CONFLICT' THEN 3 WHEN 'MATERIAL CONFLICT' THEN 4 END AS TINYINT) AS origin_quad,
                   {optional('Intensity', 'DOUBLE')} AS origin_goldstein,
                   {optional('Event Text')} AS evidence_text, CAST(NULL AS INTEGER) AS sentence_index
            FROM {{source}} r
        ) r
        LEFT JOIN tp_country_code scc ON scc.dataset_code = upper(r.source_country)
        LEFT JOIN tp_country_name scn ON scn.key = lower(r.source_country)
        LEFT JOIN tp_country_code tcc ON tcc.dataset_code = upper(r.target_country)
        LEFT JOIN tp_country_name tcn ON tcn.key = lower(r.target_country)
        LEFT JOIN tp_actor_type sr ON sr.type_code = upper(r.source_sector)
        LEFT JOIN tp_sector ssec ON ssec.sector = r.source_sector
        LEFT JOIN tp_actor_type tr ON tr.type_code = upper(r.target_sector)
        LEFT JOIN tp_sector tsec ON tsec.sector = r.target_sector
        LEFT JOIN tp_plover_cameo pm ON pm.plover = r.plover AND pm.mode = r.plover_mode
        LEFT JOIN tp_plover_cameo pb ON pb.plover = r.plover AND pb.mode = ''
        {_grouping_join('s', 'r.source_name')}
        {_grouping_join('t', 'r.target_name')}
    ) p
    LEFT JOIN tp_cameo k ON k.code = p.event_code
    """


# -- PLOVER JSON ------------------------------------------------------------------------------------

# CAMEO's codes for an actor with no country: an intergovernmental or non-governmental organisation, or
# an international militarised group.
CAMEO_GROUPS = ("IGO", "NGO", "IMG")


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _plover_actor(side: str, column: str) -> str:
    """Name, code and sector of the first actor of a PLOVER actor list (the main one, as in POLECAT)."""
    # A list is the rule; a lone object is taken as it is, and "" or [] is no actor.
    actor = f"coalesce(json_extract({column}, '$[0]'), CASE WHEN json_type({column}) = 'OBJECT' THEN {column} END)"
    return f"""{actor} AS {side}_actor,
        json_extract_string({actor}, '$.actorText') AS {side}_name,
        nullif(upper(trim(json_extract_string({actor}, '$.code'))), '') AS {side}_raw,
        upper(left(trim(json_extract_string({actor}, '$.sector')), 3)) AS {side}_sector"""


def _plover_code(side: str) -> tuple[str, str]:
    """Code and role of a PLOVER actor. Its code is ISO3 (or CAMEO's where it differs), one of our NATO,
    EUR, WST and IGO, or CAMEO's IGO, NGO or IMG for a body with no country, which its name may tell."""
    # As in GDELT, a CAMEO group code marks a body whatever its sector (UN peacekeepers: IGO, MIL).
    code = f"""coalesce({side}cc.code, CASE
        WHEN {side}_raw IN ('NATO', 'EUR') THEN {side}_raw
        WHEN {side}_raw IN ({_sql_list(CAMEO_GROUPS)}) THEN coalesce({side}_grp.code, 'IGO')
    END)"""
    # Sectors may carry CAMEO's ethnic or religious suffix ("CVLalb"); without one a group code is its type.
    role = f"coalesce({side}r.role, {side}g.role)"
    body = f"{side}_raw IN ({_sql_list(('NATO', 'EUR', 'WST', *CAMEO_GROUPS))})"
    return code, f"CASE WHEN {role} = 'IGO' AND {body} THEN '' ELSE coalesce({role}, '') END"


def plover_select(layout: Layout) -> str:
    source_code, source_role = _plover_code("s")
    target_code, target_role = _plover_code("t")
    return f"""
    SELECT *, CASE WHEN plover_given = 'DOCUMENT' THEN '{DOCUMENTATION}'
                   WHEN first_reason = '{BAD_PLOVER}' AND own_cameo IS NOT NULL THEN '{BAD_CODE}'
                   ELSE first_reason END AS reason
    FROM (
        SELECT p.*, k.code AS cameo, k.root AS cameo_root, k.quad, k.goldstein,
               coalesce(p.plover_type, k.plover) AS plover,
               -- A 0.5 name without a mode takes the code's: DISAPPROVE is ACCUSE's "disapprove".
               CASE WHEN p.mode_given <> '' OR p.plover_type = p.plover_given THEN p.mode_given
                    ELSE k.plover_mode END AS plover_mode,
               {reason_sql('origin_event_id', 'date', 'k.code', BAD_PLOVER, 's_actor', 't_actor', 'source_code',
                           's_raw', 'target_code', 't_raw')} AS first_reason
        FROM (
            SELECT r.*, s_name AS source_name, t_name AS target_name,
                   {source_code} AS source_code, {source_role} AS source_role,
                   {target_code} AS target_code, {target_role} AS target_role,
                   -- PLOVER 0.5 names (DEMAND...) become today's type of their CAMEO code (REQUEST...).
                   CASE WHEN r.plover_given IN ({_sql_list(PLOVER_TYPES)}) THEN r.plover_given ELSE kb.plover END
                       AS plover_type,
                   pb.cameo AS type_cameo
            FROM (
                SELECT nullif(trim(r.id), '') AS origin_event_id,
                       coalesce(try_cast(r.date AS DATE), CAST(try_cast(r.date AS TIMESTAMP) AS DATE)) AS date,
                       CASE WHEN lower(r.datePrecision) IN ('month', 'year') THEN lower(r.datePrecision)
                            ELSE 'day' END AS date_precision,
                       CASE WHEN lower(r.modality) IN ({_sql_list(MODALITIES)}) THEN lower(r.modality)
                            ELSE 'factual' END AS modality,
                       coalesce(try_cast(r.issues AS VARCHAR[]), []) AS issues,
                       upper(trim(r.event)) AS plover_given, lower(trim(coalesce(r.mode, ''))) AS mode_given,
                       nullif(trim(r.cameo), '') AS own_cameo,
                       {_plover_actor('s', 'r.source')},
                       {_plover_actor('t', 'r.target')},
                       r.sourceUrl AS origin_url, try_cast(r.quad AS TINYINT) AS origin_quad,
                       try_cast(r.goldstein AS DOUBLE) AS origin_goldstein,
                       r.text AS evidence_text, CAST(NULL AS INTEGER) AS sentence_index
                FROM {{source}} r
            ) r
            LEFT JOIN tp_country_code scc ON scc.dataset_code = r.s_raw
            LEFT JOIN tp_country_code tcc ON tcc.dataset_code = r.t_raw
            LEFT JOIN tp_actor_type sr ON sr.type_code = r.s_sector
            LEFT JOIN tp_actor_type tr ON tr.type_code = r.t_sector
            LEFT JOIN tp_actor_type sg ON sg.type_code = r.s_raw AND r.s_raw IN ({_sql_list(CAMEO_GROUPS)})
            LEFT JOIN tp_actor_type tg ON tg.type_code = r.t_raw AND r.t_raw IN ({_sql_list(CAMEO_GROUPS)})
            LEFT JOIN tp_plover_cameo pb ON pb.plover = r.plover_given AND pb.mode = ''
            LEFT JOIN tp_cameo kb ON kb.code = pb.cameo
            {_grouping_join('s', 'r.s_name')}
            {_grouping_join('t', 'r.t_name')}
        ) p
        LEFT JOIN tp_plover_cameo pm ON pm.plover = p.plover_type AND pm.mode = p.mode_given AND p.mode_given <> ''
        LEFT JOIN tp_cameo k ON k.code = coalesce(p.own_cameo, pm.cameo, p.type_cameo)
    )
    """


SELECTS = {"gdelt1": gdelt_select, "gdelt2": gdelt_select, "icews": icews_select, "polecat": polecat_select,
           "plover": plover_select}
