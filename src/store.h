/* store.h — the event store behind dyad_store (dyad.h): what `dyad code
 * --db FILE` writes and `dyad query`, `dyad plot` and `dyad export` read.
 * An SQLite database (schema version DYAD_STORE_SCHEMA_VERSION in PRAGMA
 * user_version, PRAGMA application_id 0x64796164 "dyad"):
 *
 *   runs       one row per `dyad code --db` run: version, command, the
 *              dictionaries and models with their SHA-256, options, start,
 *              end (NULL while running or when killed) and counts
 *   stories    one row per story id (coded or discarded), with its outlet
 *   sentences  the kept sentences as cleaned, with an FTS5 index
 *              (sentences_fts) brought up to date every STORE_TEXT_BATCH
 *              stories, at the end of a run and whenever a writer opens
 *              the file: indexing each story in its own transaction
 *              would cost FTS5 a segment per story (4 times slower)
 *   actors     every actor code met: country (first three letters) and role
 *   events     one row per distinct (date, source, target, code, location),
 *              GDELT-style, with CAMEO fields and counts of mentions, stories
 *              and distinct outlets
 *   mentions   one row per sentence reporting an event: the words and byte
 *              offsets of source, target and verb, the dictionary line
 *   quotes     reserved for quotations (created empty)
 *   cameo      the CAMEO table (name, quad class, Goldstein, PLOVER)
 *
 * Writing (store.c): one transaction per story (BEGIN IMMEDIATE, so that
 * two writers queue on the busy timeout instead of deadlocking).  A story
 * id already present is replaced: its mentions, sentences and row go, the
 * new ones come in, and the counts of every event either touched are
 * recomputed from the mentions (events left with none are deleted).  So
 * the counts are maintained, not a view, and a re-run is idempotent.
 *
 * Reading (store_query.c, store_plot.c, store_export.c): the filters of a
 * dyad_query become one WHERE clause over `events e` (store_filter_sql).
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <sqlite3.h>

#include "dyad.h"

#define STORE_APPLICATION_ID 0x64796164   /* "dyad" */
#define STORE_MAX_PARAMS 24
#define STORE_TEXT_BATCH 1000

struct dyad_store {
    sqlite3 *db;
    int read_only;
    long long run_id;            /* the run begun last; 0 when none */
    sqlite3_stmt **stmts;        /* the writer's prepared statements */
    int unindexed;               /* stories written since the text index was updated */
    char error[1024];
};

/* Brings the text index up to date (store.c); -1 with the error set. */
int store_sync_text(dyad_store *s);

/* Sets the store's error to "WHAT: sqlite's message" and returns -1. */
int store_fail(dyad_store *s, const char *what);

/* A WHERE clause for the filters of q over `events e`, with its values in
 * order ("1" when no filter); -1 (error set) when a filter is malformed. */
typedef struct store_filter {
    char sql[2048];
    const char *params[STORE_MAX_PARAMS];
    char owned[STORE_MAX_PARAMS][80];   /* LIKE patterns built from q */
    int n_params;
} store_filter;

int store_filter_sql(dyad_store *s, const dyad_query *q, store_filter *f);

/* Prepares sql with the filter's values bound; NULL (error set) on failure. */
sqlite3_stmt *store_prepare_filtered(dyad_store *s, const char *sql, const store_filter *f);

/* The SQL expression of an event's period for "day", "week" (the Monday
 * that starts it), "month", "year"; NULL for another name. */
const char *store_period_sql(const char *by);

/* The SQL of a query's events (or with q->by its periods) over the
 * filter f; NULL (error set) on a bad q->by.  The caller frees it. */
char *store_query_sql(dyad_store *s, const dyad_query *q, const store_filter *f);

/* Writes every row of st as an aligned table, TSV (with a header row when
 * header is set) or JSON Lines; finalizes st. */
int store_write_rows(dyad_store *s, sqlite3_stmt *st, dyad_table_format f, int header,
                     FILE *out);

/* Writes a JSON string (or null). */
void store_json_string(FILE *out, const char *s);

#endif
