# ruff: noqa: S608 -- SQL is assembled from constant table/facet names and %s
# placeholders only; every value a visitor sends goes through query parameters.
"""The database engine: facet counts by GROUP BY over the narrow facet table.

One statement counts every facet (each with the *other* facets' selections
applied, so the counts are disjunctive) and the total; a second fetches the
page of hits; a third their theme/objective keys. Full text goes through an
SQLite FTS5 table (created by migration 0002) or PostgreSQL's full-text
search; other databases fall back to ``LIKE``.
"""

import re

from django.db import connection, transaction

from search.engines import EngineResult, clamp_page
from search.facets import FACET_NAMES

FTS_TABLE = "search_practicefts"
RECORD_TABLE = "search_practicerecord"
FACET_TABLE = "search_practicefacetvalue"
MAX_TOKENS = 16
WORD = re.compile(r"\w+", re.UNICODE)
# FTS5 column weights for bm25(): title, summary, body, lrg, country.
BM25_WEIGHTS = "10.0, 4.0, 1.0, 3.0, 2.0"
CARD_FACETS = ("theme", "gcm", "group")
POSTGRES_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}


def search_tokens(q):
    """The words of a search, lower-cased, at most ``MAX_TOKENS``."""
    return WORD.findall((q or "").lower())[:MAX_TOKENS]


def fts5_query(tokens):
    """An FTS5 MATCH expression: every word required, each quoted (no operators)."""
    return " ".join('"{}"'.format(token.replace('"', "")) for token in tokens)


class DatabaseEngine:
    """Practice search over ``PracticeRecord``/``PracticeFacetValue`` with SQL."""

    name = "database"

    def __init__(self, using=None):
        self.connection = connection if using is None else using
        self.vendor = self.connection.vendor

    # --- Full text ---------------------------------------------------------
    def _matched_cte(self, filters):
        """(sql, params, ranked) for the CTE ``matched(id, rank)`` of practices matching q."""
        tokens = search_tokens(filters.q)
        if not tokens:
            return None, [], False
        if self.vendor == "sqlite":
            sql = (
                f"SELECT f.rowid AS id, bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS rank "
                f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s"
            )
            return sql, [fts5_query(tokens)], True
        if self.vendor == "postgresql":
            config = POSTGRES_CONFIGS.get(filters.language, "simple")
            sql = (
                f"SELECT page_id AS id, -ts_rank(to_tsvector(%s::regconfig, document), "
                f"plainto_tsquery(%s::regconfig, %s)) AS rank FROM {RECORD_TABLE} "
                f"WHERE language = %s AND to_tsvector(%s::regconfig, document) "
                f"@@ plainto_tsquery(%s::regconfig, %s)"
            )
            text = " ".join(tokens)
            return sql, [config, config, text, filters.language, config, config, text], True
        conditions = " AND ".join(["LOWER(document) LIKE %s"] * len(tokens))
        sql = f"SELECT page_id AS id, 0 AS rank FROM {RECORD_TABLE} WHERE {conditions}"
        return sql, [f"%{token}%" for token in tokens], False

    # --- Statements --------------------------------------------------------
    def _ctes(self, filters):
        """The WITH clause: ``matched`` (full text) and one ``sel_<facet>`` per selection."""
        parts, params = [], []
        matched_sql, matched_params, _ranked = self._matched_cte(filters)
        materialized = "MATERIALIZED " if self.vendor in ("sqlite", "postgresql") else ""
        if matched_sql:
            parts.append(f"matched AS {materialized}({matched_sql})")
            params += matched_params
        for facet, values in filters.selected:
            placeholders = ", ".join(["%s"] * len(values))
            parts.append(
                f"sel_{facet} AS {materialized}(SELECT practice_id AS id FROM {FACET_TABLE} "
                f"WHERE language = %s AND facet = %s AND value IN ({placeholders}))"
            )
            params += [filters.language, facet, *values]
        clause = ("WITH " + ", ".join(parts) + " ") if parts else ""
        return clause, params, bool(matched_sql)

    @staticmethod
    def _restrictions(column, filters, has_q, skip=None):
        conditions = []
        if has_q:
            conditions.append(f"{column} IN (SELECT id FROM matched)")
        for facet, _values in filters.selected:
            if facet != skip:
                conditions.append(f"{column} IN (SELECT id FROM sel_{facet})")
        return conditions

    def counts(self, filters, facets=FACET_NAMES):
        """(total, {facet: {value: count}}) in one statement."""
        ctes, params, has_q = self._ctes(filters)
        selects = []
        for facet in facets:
            conditions = ["fv.language = %s", "fv.facet = %s"]
            conditions += self._restrictions("fv.practice_id", filters, has_q, skip=facet)
            selects.append(
                f"SELECT fv.facet AS facet, fv.value AS value, COUNT(*) AS n "
                f"FROM {FACET_TABLE} fv WHERE {' AND '.join(conditions)} "
                f"GROUP BY fv.facet, fv.value"
            )
            params += [filters.language, facet]
        conditions = ["r.language = %s"] + self._restrictions("r.page_id", filters, has_q)
        selects.append(
            f"SELECT '' AS facet, '' AS value, COUNT(*) AS n FROM {RECORD_TABLE} r "
            f"WHERE {' AND '.join(conditions)}"
        )
        params.append(filters.language)
        sql = ctes + " UNION ALL ".join(selects)
        counts = {facet: {} for facet in facets}
        total = 0
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            for facet, value, n in cursor.fetchall():
                if facet == "":
                    total = n
                else:
                    counts[facet][value] = n
        return total, counts

    def hits(self, filters, offset, limit):
        """One page of hits (dicts), sorted as asked."""
        ctes, params, has_q = self._ctes(filters)
        join = ""
        if has_q and filters.sort == "relevance":
            join = "JOIN matched m ON m.id = r.page_id "
            order = "m.rank, r.sort_title, r.page_id"
        elif filters.sort == "title":
            order = "r.sort_title, r.page_id"
        else:
            order = "r.year IS NULL, r.year DESC, r.published_at DESC, r.page_id DESC"
        conditions = ["r.language = %s"] + self._restrictions(
            "r.page_id", filters, has_q and not join
        )
        params.append(filters.language)
        sql = (
            f"{ctes}SELECT r.page_id, r.title, r.url, r.summary, r.lrg, r.country, r.region, "
            f"r.status, r.year FROM {RECORD_TABLE} r {join}"
            f"WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params += [limit, offset]
        columns = ("page_id", "title", "url", "summary", "lrg", "country", "region")
        columns += ("status", "year")
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            hits = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        self._attach_keys(hits)
        return hits

    def _attach_keys(self, hits):
        """Each hit's themes, GCM objectives and groups (keys): one query for the page."""
        for hit in hits:
            hit["keys"] = {facet: [] for facet in CARD_FACETS}
        if not hits:
            return
        by_id = {hit["page_id"]: hit for hit in hits}
        placeholders = ", ".join(["%s"] * len(by_id))
        facets = ", ".join(["%s"] * len(CARD_FACETS))
        sql = (
            f"SELECT practice_id, facet, value FROM {FACET_TABLE} "
            f"WHERE practice_id IN ({placeholders}) AND facet IN ({facets}) ORDER BY id"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*by_id, *CARD_FACETS])
            for practice_id, facet, value in cursor.fetchall():
                by_id[practice_id]["keys"][facet].append(value)

    def search(self, filters, per_page):
        """Total, counts and the asked page of hits (the last page if it is past the end)."""
        total, counts = self.counts(filters)
        page, clamped = clamp_page(filters.page, total, per_page)
        hits = self.hits(filters, (page - 1) * per_page, per_page) if total else []
        return EngineResult(total=total, counts=counts, hits=hits, page=page, page_clamped=clamped)

    # --- Index maintenance -------------------------------------------------
    def write(self, documents):
        """Replace the full-text rows of these practices (records are saved by the indexer)."""
        if self.vendor != "sqlite" or not documents:
            return
        with transaction.atomic(), self.connection.cursor() as cursor:
            ids = [doc["page_id"] for doc in documents]
            self._delete_fts(cursor, ids)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body, lrg, country) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (d["page_id"], d["title"], d["summary"], d["body"], d["lrg"], d["country_text"])
                    for d in documents
                ],
            )

    def delete(self, page_ids):
        if self.vendor != "sqlite" or not page_ids:
            return
        with self.connection.cursor() as cursor:
            self._delete_fts(cursor, list(page_ids))

    def clear(self):
        if self.vendor == "sqlite":
            with self.connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")

    @staticmethod
    def _delete_fts(cursor, ids):
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", chunk)
