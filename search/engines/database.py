# ruff: noqa: S608 -- SQL is assembled from constant table/facet names and %s
# placeholders only; every value a visitor sends goes through query parameters.
"""The database engine: exact disjunctive facet counts from bitsets of page ids.

The narrow facet table (``PracticeFacetValue``) is the source of truth. Each
server turns one language's rows into a bitset per facet value (a Python
int with bit *n* set when the practice shown through page *n* has the value;
in each language a practice is shown through exactly one page) and keeps them while the
language's index version (``PracticeIndexState``, one indexed query per
request) is unchanged. Counting a value with the other facets' selections
applied is then an AND and a popcount: all twelve facets cost well under a
millisecond at 10,000 practices, where GROUP BY queries cost tens.

Full text goes through one SQLite FTS5 table per language (migration 0007,
rowid = the page shown; its text and, for a translation, the original's) or
PostgreSQL's full-text search; other databases fall back to ``LIKE``.
A request runs the version query, the full-text query (with ``q``), and two
small queries for the 20 hits shown.

``counts_sql`` computes the same counts with one SQL statement (GROUP BY per
facet); the tests check both agree.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from search.engines import EngineResult, clamp_page
from search.facets import FACET_NAMES

FTS_PREFIX = "search_practicefts_"
RECORD_TABLE = "search_practicerecord"
FACET_TABLE = "search_practicefacetvalue"
STATE_TABLE = "search_practiceindexstate"
MAX_TOKENS = 16
WORD = re.compile(r"\w+", re.UNICODE)
# FTS5 column weights for bm25(): title, summary, body, lrg, country.
BM25_WEIGHTS = "10.0, 4.0, 1.0, 3.0, 2.0"
CARD_FACETS = ("theme", "gcm", "principle", "gcr_objective", "group")
# Results ranked by bm25 among themselves up to this many, else from the best matches.
SMALL_RESULT = 2000
# Walk the pre-sorted ids (testing each against the result bits) up to this many steps.
SCAN_LIMIT = 20000
POSTGRES_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "simple"}


def fts_table(language):
    """The FTS5 table of one library language (the code is checked: it goes into SQL)."""
    if not re.fullmatch(r"[a-z]{2,3}", language or ""):
        raise ValueError(f"Not a library language: {language!r}")
    return FTS_PREFIX + language


def search_tokens(q):
    """The words of a search, lower-cased, at most ``MAX_TOKENS``."""
    return WORD.findall((q or "").lower())[:MAX_TOKENS]


def fts5_query(tokens):
    """An FTS5 MATCH expression: every word required, each quoted (no operators)."""
    return " ".join('"{}"'.format(token.replace('"', "")) for token in tokens)


@dataclass
class Snapshot:
    """One language's postings as this server holds them, for one index version."""

    version: str
    everything: int
    postings: dict  # facet -> {value: bitset of page ids}
    newest: list  # page ids, newest first
    by_title: list  # page ids by title
    newest_rank: dict  # page id -> position in "newest" order
    title_rank: dict


# (database alias, language) -> Snapshot. A cache only: checked against the
# database's version on every request, so no server ever serves stale counts.
_SNAPSHOTS = {}


def bits_from_ids(ids):
    """A bitset (int) with bit ``id`` set for each id."""
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for page_id in ids:
        buffer[page_id >> 3] |= 1 << (page_id & 7)
    return int.from_bytes(buffer, "little")


def first_in(ordered_ids, bits, offset, limit):
    """The ids of ``ordered_ids`` set in ``bits``, from the ``offset``-th, at most ``limit``."""
    found = []
    wanted = offset + limit
    for page_id in ordered_ids:
        if bits >> page_id & 1:
            found.append(page_id)
            if len(found) == wanted:
                break
    return found[offset:]


def ids_from_bits(bits):
    """The ids set in a bitset, ascending."""
    binary = bin(bits)[:1:-1]  # lowest bit first, without "0b"
    ids, position = [], binary.find("1")
    while position != -1:
        ids.append(position)
        position = binary.find("1", position + 1)
    return ids


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
            table = fts_table(filters.language)
            sql = (
                f"SELECT f.rowid AS id, bm25({table}, {BM25_WEIGHTS}) AS rank "
                f"FROM {table} f WHERE {table} MATCH %s"
            )
            return sql, [fts5_query(tokens)], True
        if self.vendor == "postgresql":
            # The configuration is inlined (from a fixed table, never from the request)
            # so the query matches the partial GIN index of migration 0006.
            config = POSTGRES_CONFIGS.get(filters.language, "simple")
            vector = f"to_tsvector('{config}'::regconfig, document)"
            query = f"plainto_tsquery('{config}'::regconfig, %s)"
            sql = (
                f"SELECT page_id AS id, -ts_rank({vector}, {query}) AS rank "
                f"FROM {RECORD_TABLE} WHERE language = %s AND {vector} @@ {query}"
            )
            text = " ".join(tokens)
            return sql, [text, filters.language, text], True
        conditions = " AND ".join(["LOWER(document) LIKE %s"] * len(tokens))
        sql = (
            f"SELECT page_id AS id, 0 AS rank FROM {RECORD_TABLE} "
            f"WHERE language = %s AND {conditions}"
        )
        return sql, [filters.language, *(f"%{token}%" for token in tokens)], False

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

    def counts_sql(self, filters, facets=FACET_NAMES):
        """(total, {facet: {value: count}}) in one SQL statement (the reference)."""
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

    def _attach_keys(self, hits, language):
        """Each hit's themes, GCM objectives and principles, GCR objectives and groups (keys):
        one query for the page."""
        for hit in hits:
            hit["keys"] = {facet: [] for facet in CARD_FACETS}
        if not hits:
            return
        by_id = {hit["page_id"]: hit for hit in hits}
        placeholders = ", ".join(["%s"] * len(by_id))
        facets = ", ".join(["%s"] * len(CARD_FACETS))
        sql = (
            f"SELECT practice_id, facet, value FROM {FACET_TABLE} "
            f"WHERE language = %s AND practice_id IN ({placeholders}) AND facet IN ({facets}) "
            "ORDER BY id"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [language, *by_id, *CARD_FACETS])
            for practice_id, facet, value in cursor.fetchall():
                by_id[practice_id]["keys"][facet].append(value)

    # --- Bitsets ------------------------------------------------------------
    def version(self, language):
        """The language's index version: one indexed query."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {STATE_TABLE} WHERE language = %s", [language])
            row = cursor.fetchone()
        return row[0] if row else ""

    def snapshot(self, language, version=None):
        """This server's postings for a language, rebuilt when the version changed."""
        version = self.version(language) if version is None else version
        key = (self.connection.alias, language)
        snapshot = _SNAPSHOTS.get(key)
        if snapshot is None or snapshot.version != version:
            snapshot = self._build_snapshot(language, version)
            _SNAPSHOTS[key] = snapshot
        return snapshot

    def _build_snapshot(self, language, version):
        ids_by_value = defaultdict(list)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT facet, value, practice_id FROM {FACET_TABLE} WHERE language = %s",
                [language],
            )
            for facet, value, practice_id in cursor.fetchall():
                ids_by_value[(facet, value)].append(practice_id)
            cursor.execute(
                f"SELECT page_id FROM {RECORD_TABLE} WHERE language = %s "
                "ORDER BY year IS NULL, year DESC, published_at DESC, page_id DESC",
                [language],
            )
            newest = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT page_id FROM {RECORD_TABLE} WHERE language = %s "
                "ORDER BY sort_title, page_id",
                [language],
            )
            by_title = [row[0] for row in cursor.fetchall()]
        postings = defaultdict(dict)
        for (facet, value), ids in ids_by_value.items():
            postings[facet][value] = bits_from_ids(ids)
        return Snapshot(
            version=version,
            everything=bits_from_ids(newest),
            postings=dict(postings),
            newest=newest,
            by_title=by_title,
            newest_rank={page_id: rank for rank, page_id in enumerate(newest)},
            title_rank={page_id: rank for rank, page_id in enumerate(by_title)},
        )

    def _matched(self, filters):
        """(bitset, ids in relevance order or None) of the practices matching ``q``.

        On SQLite only the ids are read here (ranking every match with bm25
        costs four times more); ``_relevance_page`` ranks just what it shows.
        """
        tokens = search_tokens(filters.q)
        if not tokens:
            return None, None
        if self.vendor == "sqlite":
            table = fts_table(filters.language)
            sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
            with self.connection.cursor() as cursor:
                cursor.execute(sql, [fts5_query(tokens)])
                ids = [row[0] for row in cursor.fetchall()]
            return bits_from_ids(ids), None
        matched_sql, params, _ranked = self._matched_cte(filters)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM ({matched_sql}) m ORDER BY rank, id", params)
            ids = [row[0] for row in cursor.fetchall()]
        return bits_from_ids(ids), ids

    def _relevance_page(self, filters, result, total, matched_total, offset, limit):
        """The ids of one page in bm25 order, ranking as few matches as possible (SQLite)."""
        match = fts5_query(search_tokens(filters.q))
        table = fts_table(filters.language)
        ranking = f"ORDER BY bm25({table}, {BM25_WEIGHTS}), rowid"
        with self.connection.cursor() as cursor:
            if total <= SMALL_RESULT:
                # Rank only the results: their ids go in as one JSON parameter.
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s "
                    f"AND +rowid IN (SELECT value FROM json_each(%s)) {ranking} "
                    "LIMIT %s OFFSET %s",
                    [match, json.dumps(ids_from_bits(result)), limit, offset],
                )
                return [row[0] for row in cursor.fetchall()]
            # Most matches are results: rank the best few matches and keep the results.
            wanted = offset + limit
            fetch = min(matched_total, max(wanted * 2, wanted * matched_total // total + 50))
            while True:
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s {ranking} LIMIT %s",
                    [match, fetch],
                )
                kept = [row[0] for row in cursor.fetchall() if result >> row[0] & 1]
                if len(kept) >= wanted or fetch >= matched_total:
                    return kept[offset:wanted]
                fetch = min(matched_total, fetch * 4)

    @staticmethod
    def _selection_bits(snapshot, filters):
        """{facet: OR of its selected values' bitsets}."""
        union = {}
        for facet, values in filters.selected:
            bits = 0
            postings = snapshot.postings.get(facet, {})
            for value in values:
                bits |= postings.get(value, 0)
            union[facet] = bits
        return union

    def _compute(self, filters, version=None, facets=FACET_NAMES):
        snapshot = self.snapshot(filters.language, version)
        matched_bits, ranked_ids = self._matched(filters)
        base = snapshot.everything if matched_bits is None else snapshot.everything & matched_bits
        selections = self._selection_bits(snapshot, filters)
        counts = {}
        for facet in facets:
            mask = base
            for other, bits in selections.items():
                if other != facet:
                    mask &= bits
            counts[facet] = {
                value: n
                for value, bits in snapshot.postings.get(facet, {}).items()
                if (n := (bits & mask).bit_count())
            }
        result = base
        for bits in selections.values():
            result &= bits
        matched_total = base.bit_count() if matched_bits is not None else 0
        return snapshot, result, counts, (ranked_ids, matched_total)

    def search(self, filters, per_page, version=None):
        """Total, counts and the asked page of hits (the last page if it is past the end)."""
        snapshot, result, counts, (ranked_ids, matched_total) = self._compute(filters, version)
        total = result.bit_count()
        page, clamped = clamp_page(filters.page, total, per_page)
        offset = (page - 1) * per_page
        relevance = filters.sort == "relevance" and search_tokens(filters.q)
        if not total:
            page_ids = []
        elif relevance and ranked_ids is None:
            page_ids = self._relevance_page(filters, result, total, matched_total, offset, per_page)
        elif relevance:
            page_ids = first_in(ranked_ids, result, offset, per_page)
        else:
            order = snapshot.by_title if filters.sort == "title" else snapshot.newest
            if (offset + per_page) * len(order) // total <= SCAN_LIMIT:
                page_ids = first_in(order, result, offset, per_page)
            else:
                rank = snapshot.title_rank if filters.sort == "title" else snapshot.newest_rank
                found = sorted(ids_from_bits(result), key=rank.__getitem__)
                page_ids = found[offset : offset + per_page]
        hits = self._records(page_ids, filters.language)
        return EngineResult(total=total, counts=counts, hits=hits, page=page, page_clamped=clamped)

    def matching_ids(self, filters, version=None):
        """Every page id of the filter's results (the library's, all pages), newest first."""
        snapshot, result, _counts, _ranking = self._compute(filters, version, facets=())
        return [page_id for page_id in snapshot.newest if result >> page_id & 1]

    def _records(self, page_ids, language):
        if not page_ids:
            return []
        placeholders = ", ".join(["%s"] * len(page_ids))
        columns = ("page_id", "text_language", "title", "url", "summary", "lrg", "country")
        columns += ("region", "status", "year")
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM {RECORD_TABLE} "
                f"WHERE language = %s AND page_id IN ({placeholders})",
                [language, *page_ids],
            )
            by_id = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}
        hits = [by_id[page_id] for page_id in page_ids if page_id in by_id]
        for hit in hits:
            hit["language"] = hit.pop("text_language")
        self._attach_keys(hits, language)
        return hits

    # --- Index maintenance -------------------------------------------------
    def write(self, documents):
        """Add the full-text rows of these documents (records are saved by the indexer).

        Each goes into its library language's table, under the id of the page
        shown, with the words of every text the document searches.
        """
        if self.vendor != "sqlite" or not documents:
            return
        by_language = {}
        for doc in documents:
            by_language.setdefault(doc["language"], []).append(doc)
        with transaction.atomic(), self.connection.cursor() as cursor:
            for language, docs in by_language.items():
                cursor.executemany(
                    f"INSERT INTO {fts_table(language)} "
                    "(rowid, title, summary, body, lrg, country) VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (
                            d["page_id"],
                            " ".join(d["texts"]["title"]),
                            " ".join(d["texts"]["summary"]),
                            " ".join(d["texts"]["body"]),
                            d["lrg"],
                            d["country_text"],
                        )
                        for d in docs
                    ],
                )

    def delete(self, page_ids):
        """Remove the full-text rows of these pages, in every language."""
        if self.vendor != "sqlite" or not page_ids:
            return
        ids = list(page_ids)
        with self.connection.cursor() as cursor:
            for language in _languages():
                table = fts_table(language)
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    placeholders = ", ".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", chunk)

    def clear(self):
        if self.vendor == "sqlite":
            with self.connection.cursor() as cursor:
                for language in _languages():
                    cursor.execute(f"DELETE FROM {fts_table(language)}")


def _languages():
    return [code for code, _name in settings.LANGUAGES]
