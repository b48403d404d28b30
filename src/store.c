/* store.c — opening the event store, its schema, runs, and writing one
 * story per transaction (see store.h). */
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cameo.h"
#include "result.h"
#include "sha256.h"

#define BUSY_TIMEOUT_MS 60000

static const char schema_sql[] =
    "CREATE TABLE runs ("
    " run_id INTEGER PRIMARY KEY, dyad_version TEXT NOT NULL, command TEXT,"
    " started TEXT NOT NULL, finished TEXT, dictionaries TEXT NOT NULL, models TEXT,"
    " options TEXT, stories_read INTEGER, stories_coded INTEGER, stories_discarded INTEGER,"
    " stories_failed INTEGER, sentences INTEGER, events INTEGER);"
    "CREATE TABLE stories ("
    " story_id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT, outlet TEXT, url TEXT,"
    " origin TEXT, line INTEGER, text_length INTEGER NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('coded', 'discarded')), discard_reason TEXT,"
    " sentences INTEGER NOT NULL, dropped INTEGER NOT NULL, events INTEGER NOT NULL,"
    " run_id INTEGER REFERENCES runs(run_id), coded_at TEXT NOT NULL);"
    "CREATE TABLE sentences ("
    " sentence_key INTEGER PRIMARY KEY AUTOINCREMENT,"
    " story_id TEXT NOT NULL REFERENCES stories(story_id),"
    " number INTEGER NOT NULL, sentence_id TEXT NOT NULL, text TEXT NOT NULL,"
    " UNIQUE (story_id, number));"
    /* The text index is brought up to date in batches (store_sync_text);
     * sentences with keys up to indexed_upto are in it.  Keys are never
     * reused (AUTOINCREMENT), so a deleted sentence above the mark was
     * never indexed and must not be deleted from the index. */
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences',"
    " content_rowid='sentence_key');"
    "CREATE TABLE text_index (indexed_upto INTEGER NOT NULL);"
    "INSERT INTO text_index VALUES (0);"
    /* Deleting from the index waits for the next update too: the
     * sentence is kept here until then (FTS5 needs its text). */
    "CREATE TABLE text_index_deleted (sentence_key INTEGER PRIMARY KEY, text TEXT NOT NULL);"
    "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences"
    " WHEN old.sentence_key <= (SELECT indexed_upto FROM text_index) BEGIN"
    " INSERT INTO text_index_deleted VALUES (old.sentence_key, old.text); END;"
    "CREATE TABLE actors (code TEXT PRIMARY KEY, country TEXT, role TEXT);"
    "CREATE TABLE cameo (code TEXT PRIMARY KEY, name TEXT NOT NULL, quad_class INTEGER,"
    " goldstein REAL, plover TEXT);"
    "CREATE TABLE events ("
    " event_id INTEGER PRIMARY KEY, date TEXT NOT NULL, source TEXT, target TEXT,"
    " code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER, goldstein REAL,"
    " plover TEXT, location TEXT, location_country TEXT, lat REAL, lon REAL,"
    " source_name TEXT, target_name TEXT, mentions INTEGER NOT NULL,"
    " stories INTEGER NOT NULL, sources INTEGER NOT NULL, added TEXT NOT NULL);"
    "CREATE UNIQUE INDEX events_key ON events"
    " (date, ifnull(source, ''), ifnull(target, ''), code, ifnull(location, ''));"
    "CREATE INDEX events_dyad ON events (source, target);"
    "CREATE TABLE mentions ("
    " mention_id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(event_id),"
    " story_id TEXT NOT NULL REFERENCES stories(story_id),"
    " sentence_key INTEGER NOT NULL REFERENCES sentences(sentence_key),"
    " sentence_id TEXT NOT NULL, sentence_number INTEGER NOT NULL,"
    " source_text TEXT, target_text TEXT, verb_text TEXT,"
    " source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,"
    " verb_start INTEGER, verb_end INTEGER,"
    " source_orig_start INTEGER, source_orig_end INTEGER, target_orig_start INTEGER,"
    " target_orig_end INTEGER, verb_orig_start INTEGER, verb_orig_end INTEGER,"
    " dictionary_file TEXT, dictionary_line INTEGER);"
    "CREATE INDEX mentions_event ON mentions (event_id);"
    "CREATE INDEX mentions_story ON mentions (story_id);"
    "CREATE TABLE quotes ("
    " quote_id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(story_id),"
    " sentence_key INTEGER REFERENCES sentences(sentence_key), sentence_id TEXT NOT NULL,"
    " kind TEXT NOT NULL, speaker TEXT, speaker_name TEXT, speaker_code TEXT,"
    " addressee TEXT, addressee_code TEXT, text TEXT NOT NULL, start INTEGER, end INTEGER);"
    "CREATE INDEX quotes_story ON quotes (story_id);";

/* ---- errors and small helpers ---- */

int store_fail(dyad_store *s, const char *what)
{
    snprintf(s->error, sizeof s->error, "%s: %s", what, sqlite3_errmsg(s->db));
    return -1;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int exec(dyad_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : store_fail(s, sql);
}

/* The integer a one-row, one-column statement gives; -1 on an error. */
static long long pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

const char *dyad_store_error(const dyad_store *s) { return s->error; }

/* ---- the schema ---- */

/* The CAMEO table, refreshed at every open for writing. */
static int fill_cameo(dyad_store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO cameo VALUES (?, ?, ?, ?, ?)", -1,
                           &st, NULL) != SQLITE_OK)
        return store_fail(s, "cameo table");
    int rc = 0;
    for (int i = 0; i < cameo_count() && rc == 0; i++) {
        const cameo_info *c = cameo_at(i);
        sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, c->quad_class);
        sqlite3_bind_double(st, 4, c->goldstein);
        sqlite3_bind_text(st, 5, c->plover, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = store_fail(s, "cameo table");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Migrations from older schema versions would go here, one step each;
 * version 1 is the first, so there is none yet. */
static int check_version(dyad_store *s, const char *path, char *err, size_t errlen)
{
    long long version = pragma_int(s->db, "PRAGMA user_version");
    long long app = pragma_int(s->db, "PRAGMA application_id");
    long long tables = pragma_int(s->db, "SELECT count(*) FROM sqlite_schema");
    if (version < 0 || app < 0 || tables < 0) {
        set_err(err, errlen, "%s: cannot read the database: %s", path, sqlite3_errmsg(s->db));
        return -1;
    }
    if (tables == 0) return 1;   /* empty: to be created */
    if (app != STORE_APPLICATION_ID) {
        set_err(err, errlen, "%s: an SQLite database, but not a dyad event store", path);
        return -1;
    }
    if (version != DYAD_STORE_SCHEMA_VERSION) {
        set_err(err, errlen, "%s: event store schema version %lld, but this dyad (%s) reads "
                "version %d only; %s", path, version, DYAD_VERSION, DYAD_STORE_SCHEMA_VERSION,
                version > DYAD_STORE_SCHEMA_VERSION ? "use a newer dyad"
                                                    : "re-code the stories into a new file");
        return -1;
    }
    return 0;
}

/* Creates the schema if the file is empty, inside one write transaction
 * so that two processes opening a new file do not both create it. */
static int ensure_schema(dyad_store *s, const char *path, char *err, size_t errlen)
{
    if (exec(s, "BEGIN IMMEDIATE") != 0) {
        set_err(err, errlen, "%s: %s", path, s->error);
        return -1;
    }
    int state = check_version(s, path, err, errlen);
    char pragmas[128];
    snprintf(pragmas, sizeof pragmas, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
             DYAD_STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
    if (state > 0 && (exec(s, schema_sql) != 0 || exec(s, pragmas) != 0)) {
        set_err(err, errlen, "%s: cannot create the schema: %s", path, s->error);
        state = -1;
    }
    if (state >= 0 && fill_cameo(s) != 0) {
        set_err(err, errlen, "%s: %s", path, s->error);
        state = -1;
    }
    if (exec(s, state < 0 ? "ROLLBACK" : "COMMIT") != 0 && state >= 0) {
        set_err(err, errlen, "%s: %s", path, s->error);
        state = -1;
    }
    return state < 0 ? -1 : 0;
}

/* ---- the text index ---- */

/* Takes the sentences deleted since the last time out of the index and
 * adds those inserted, in one transaction (see the schema). */
int store_sync_text(dyad_store *s)
{
    static const char sql[] =
        "BEGIN IMMEDIATE;"
        "INSERT INTO sentences_fts(sentences_fts, rowid, text)"
        " SELECT 'delete', sentence_key, text FROM text_index_deleted;"
        "DELETE FROM text_index_deleted;"
        "INSERT INTO sentences_fts(rowid, text) SELECT sentence_key, text FROM sentences"
        " WHERE sentence_key > (SELECT indexed_upto FROM text_index);"
        "UPDATE text_index SET indexed_upto ="
        " max(indexed_upto, (SELECT ifnull(max(sentence_key), 0) FROM sentences));"
        "COMMIT";
    s->unindexed = 0;
    if (exec(s, sql) == 0) return 0;
    char why[sizeof s->error];
    memcpy(why, s->error, sizeof why);
    if (!sqlite3_get_autocommit(s->db)) exec(s, "ROLLBACK");
    snprintf(s->error, sizeof s->error, "updating the text index: %.900s", why);
    return -1;
}

/* ---- open and close ---- */

static int prepare_writer(dyad_store *s);

/* Turns the write-ahead log on.  Changing the journal mode needs the file
 * to itself, and SQLite answers "database is locked" at once, without its
 * busy handler, while another process holds it (two writers opening a
 * new file together): so wait and retry here, up to the busy timeout. */
static int set_wal(dyad_store *s)
{
    for (int waited = 0;; waited += 20) {
        int rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK) break;
        if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
            return store_fail(s, "PRAGMA journal_mode = WAL");
        sqlite3_sleep(20);
    }
    return exec(s, "PRAGMA synchronous = NORMAL");
}

/* Readies a writer on a file whose schema is checked (or empty): the
 * write-ahead log, the schema, the statements, the text index. */
static int open_writer(dyad_store *s, const char *path, char *err, size_t errlen)
{
    /* WAL: readers never block the writer; NORMAL sync keeps every
     * committed story through a killed process (only power loss may drop
     * the last few), and makes a commit cheap. */
    if (set_wal(s) != 0 || ensure_schema(s, path, err, errlen) != 0) return -1;
    if (prepare_writer(s) != 0 || store_sync_text(s) != 0) {
        set_err(err, errlen, "%s: %s", path, s->error);
        return -1;
    }
    return 0;
}

dyad_store *dyad_store_open(const char *path, int read_only, char *err, size_t errlen)
{
    dyad_store *s = xcalloc(1, sizeof *s);
    s->read_only = read_only;
    if (err && errlen) err[0] = '\0';
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL) == SQLITE_OK ? 0 : -1;
    if (rc != 0)
        set_err(err, errlen, "%s: cannot open: %s", path,
                s->db ? sqlite3_errmsg(s->db) : "out of memory");
    if (rc == 0) {
        sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
        sqlite3_extended_result_codes(s->db, 1);
        /* checked before anything is changed: another program's file
         * stays as it is */
        int state = check_version(s, path, err, errlen);
        if (state > 0 && read_only)
            set_err(err, errlen, "%s: an empty file, not a dyad event store", path);
        rc = state < 0 || (state > 0 && read_only) ? -1 : 0;
    }
    if (rc == 0 && !read_only && open_writer(s, path, err, errlen) != 0) {
        if (err && errlen && !err[0]) set_err(err, errlen, "%s: %s", path, s->error);
        rc = -1;
    }
    if (rc != 0) {
        dyad_store_close(s);
        return NULL;
    }
    return s;
}

/* ---- the writer's statements ---- */

enum {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_TOUCH_OLD, ST_DELETE_MENTIONS, ST_DELETE_SENTENCES, ST_DELETE_QUOTES,
    ST_STORY, ST_SENTENCE, ST_FIND_EVENT, ST_NEW_EVENT, ST_ACTOR, ST_MENTION, ST_TOUCH,
    ST_QUOTE,
    ST_RECOUNT, ST_DROP_EMPTY, ST_CLEAR_TOUCHED,
    ST_COUNT
};

static const char *const writer_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_TOUCH_OLD] = "INSERT OR IGNORE INTO temp.touched SELECT event_id FROM mentions"
                     " WHERE story_id = ?1",
    [ST_DELETE_MENTIONS] = "DELETE FROM mentions WHERE story_id = ?1",
    [ST_DELETE_SENTENCES] = "DELETE FROM sentences WHERE story_id = ?1",
    [ST_DELETE_QUOTES] = "DELETE FROM quotes WHERE story_id = ?1",
    [ST_QUOTE] = "INSERT INTO quotes VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                 " ?11, ?12)",
    [ST_STORY] = "INSERT OR REPLACE INTO stories VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                 " ?10, ?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [ST_SENTENCE] = "INSERT INTO sentences (story_id, number, sentence_id, text)"
                    " VALUES (?1, ?2, ?3, ?4)",
    [ST_FIND_EVENT] = "SELECT event_id FROM events WHERE date = ?1"
                      " AND ifnull(source, '') = ifnull(?2, '') AND ifnull(target, '') = ifnull(?3, '')"
                      " AND code = ?4 AND ifnull(location, '') = ifnull(?5, '')",
    [ST_NEW_EVENT] = "INSERT INTO events (date, source, target, code, location, root, quad_class,"
                     " goldstein, plover, location_country, lat, lon, source_name, target_name,"
                     " mentions, stories, sources, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                     " ?9, ?10, ?11, ?12, ?13, ?14, 0, 0, 0,"
                     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [ST_ACTOR] = "INSERT OR IGNORE INTO actors VALUES (?1, substr(?1, 1, 3),"
                 " nullif(substr(?1, 4), ''))",
    [ST_MENTION] = "INSERT INTO mentions VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                   " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    [ST_TOUCH] = "INSERT OR IGNORE INTO temp.touched VALUES (?1)",
    [ST_RECOUNT] = "UPDATE events SET"
                   " mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.event_id),"
                   " stories = (SELECT count(DISTINCT story_id) FROM mentions m"
                   "   WHERE m.event_id = events.event_id),"
                   " sources = (SELECT count(DISTINCT s.outlet) FROM mentions m"
                   "   JOIN stories s USING (story_id) WHERE m.event_id = events.event_id)"
                   " WHERE event_id IN (SELECT event_id FROM temp.touched)",
    [ST_DROP_EMPTY] = "DELETE FROM events WHERE mentions = 0"
                      " AND event_id IN (SELECT event_id FROM temp.touched)",
    [ST_CLEAR_TOUCHED] = "DELETE FROM temp.touched",
};

static int prepare_writer(dyad_store *s)
{
    if (exec(s, "CREATE TEMP TABLE IF NOT EXISTS touched (event_id INTEGER PRIMARY KEY)") != 0)
        return -1;
    s->stmts = xcalloc(ST_COUNT, sizeof *s->stmts);
    for (int k = 0; k < ST_COUNT; k++)
        if (sqlite3_prepare_v3(s->db, writer_sql[k], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[k],
                               NULL) != SQLITE_OK)
            return store_fail(s, "preparing the writer");
    return 0;
}

void dyad_store_close(dyad_store *s)
{
    if (!s) return;
    if (s->stmts && s->unindexed) store_sync_text(s);
    if (s->stmts)
        for (int k = 0; k < ST_COUNT; k++) sqlite3_finalize(s->stmts[k]);
    free(s->stmts);
    sqlite3_close(s->db);
    free(s);
}

/* ---- binding and stepping ---- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, int i, long long v) { sqlite3_bind_int64(st, i, v); }

/* Runs a statement that returns no row; -1 (error set) on failure. */
static int step_done(dyad_store *s, int k)
{
    sqlite3_stmt *st = s->stmts[k];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, writer_sql[k]);
}

/* Runs one of the statements that take the story id alone. */
static int step_story(dyad_store *s, int k, const char *story_id)
{
    bind_text(s->stmts[k], 1, story_id);
    return step_done(s, k);
}

/* ---- runs ---- */

/* The dictionaries of c as a JSON array of {kind, file, sha256}. */
static void json_dictionaries(FILE *f, const dyad_coder *c)
{
    fputc('[', f);
    for (size_t i = 0; i < dyad_coder_dictionary_count(c); i++) {
        const char *kind, *hash, *name = dyad_coder_dictionary(c, i, &kind, &hash);
        fputs(i ? ",{\"kind\":" : "{\"kind\":", f);
        store_json_string(f, kind);
        fputs(",\"file\":", f);
        store_json_string(f, name);
        fputs(",\"sha256\":", f);
        store_json_string(f, *hash ? hash : NULL);
        fputc('}', f);
    }
    fputc(']', f);
}

/* The models of p as a JSON array of {file, sha256}. */
static void json_models(FILE *f, const dyad_parser *p)
{
    static const char *const names[] = {"dyad-tagger.model", "dyad-parser.model"};
    fputc('[', f);
    for (size_t i = 0; i < 2; i++) {
        char path[4096], hex[65];
        snprintf(path, sizeof path, "%s/%s", dyad_parser_model_dir(p), names[i]);
        fputs(i ? ",{\"file\":" : "{\"file\":", f);
        store_json_string(f, path);
        fputs(",\"sha256\":", f);
        store_json_string(f, sha256_file_hex(path, hex) == 0 ? hex : NULL);
        fputc('}', f);
    }
    fputc(']', f);
}

static void json_options(FILE *f, const dyad_coder *c)
{
    dyad_coder_options o;
    dyad_coder_get_options(c, &o);
    fprintf(f, "{\"require_dyad\":%s,\"unknown_agents\":%s,\"modal_intent\":%s,"
            "\"new_actor_length\":%d}", o.require_dyad ? "true" : "false",
            o.unknown_agents ? "true" : "false", o.modal_intent ? "true" : "false",
            o.new_actor_length);
}

/* Text written by fn(f, arg) into a malloc'd string. */
static char *json_text(void (*fn)(FILE *, const void *), const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    fn(f, arg);
    fclose(f);
    return buf;
}

static void dictionaries_fn(FILE *f, const void *c) { json_dictionaries(f, c); }
static void models_fn(FILE *f, const void *p) { json_models(f, p); }
static void options_fn(FILE *f, const void *c) { json_options(f, c); }

int dyad_store_run_begin(dyad_store *s, const dyad_coder *c, const dyad_parser *p,
                         const char *command)
{
    sqlite3_stmt *st;
    const char *sql = "INSERT INTO runs (dyad_version, command, started, dictionaries, models,"
                      " options) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?3, ?4, ?5)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "recording the run");
    char *dicts = json_text(dictionaries_fn, c);
    char *models = p ? json_text(models_fn, p) : NULL;
    char *options = json_text(options_fn, c);
    bind_text(st, 1, DYAD_VERSION);
    bind_text(st, 2, command);
    bind_text(st, 3, dicts ? dicts : "[]");
    bind_text(st, 4, models);
    bind_text(st, 5, options);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "recording the run");
    sqlite3_finalize(st);
    free(dicts);
    free(models);
    free(options);
    if (rc == 0) s->run_id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int dyad_store_run_end(dyad_store *s, const dyad_run_counts *n)
{
    if (s->unindexed && store_sync_text(s) != 0) return -1;
    if (!s->run_id) return 0;
    sqlite3_stmt *st;
    const char *sql = "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
                      " stories_read = ?2, stories_coded = ?3, stories_discarded = ?4,"
                      " stories_failed = ?5, sentences = ?6, events = ?7 WHERE run_id = ?1";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "recording the end of the run");
    const size_t v[] = {n->read, n->coded, n->discarded, n->failed, n->sentences, n->events};
    bind_int(st, 1, s->run_id);
    for (int i = 0; i < 6; i++) bind_int(st, i + 2, (long long)v[i]);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "recording the end of the run");
    sqlite3_finalize(st);
    return rc;
}

/* ---- one story ---- */

static int write_story_row(dyad_store *s, const dyad_result *r)
{
    const story *st = r->st;
    sqlite3_stmt *q = s->stmts[ST_STORY];
    bind_text(q, 1, st->id);
    bind_text(q, 2, st->date);
    bind_text(q, 3, st->title);
    bind_text(q, 4, st->source);
    bind_text(q, 5, st->url);
    bind_text(q, 6, st->origin);
    bind_int(q, 7, st->line);
    bind_int(q, 8, (long long)st->text_len);
    bind_text(q, 9, r->status == DYAD_DISCARDED ? "discarded" : "coded");
    bind_text(q, 10, r->status == DYAD_DISCARDED ? r->discard_reason : NULL);
    bind_int(q, 11, (long long)r->n_kept);
    bind_int(q, 12, (long long)r->n_dropped);
    bind_int(q, 13, (long long)r->n_events);
    if (s->run_id) bind_int(q, 14, s->run_id); else sqlite3_bind_null(q, 14);
    return step_done(s, ST_STORY);
}

/* Inserts the kept sentences; keys[number] gets each one's key.  Numbers
 * are given before the discards dictionary drops sentences, so they may
 * exceed the count of kept ones, never the count of all. */
static int write_sentences(dyad_store *s, const dyad_result *r, long long *keys)
{
    const doc *d = &r->d;
    for (size_t i = 0; i < d->n_sents; i++) {
        const sentence *se = &d->sents[i];
        if (se->status != SENT_KEPT || se->number <= 0) continue;
        char sid[64];
        snprintf(sid, sizeof sid, ":%d", se->number);
        sqlite3_stmt *q = s->stmts[ST_SENTENCE];
        size_t idlen = strlen(r->st->id);
        char *full = xmalloc(idlen + sizeof sid);
        memcpy(full, r->st->id, idlen);
        strcpy(full + idlen, r->st->is_record ? "" : sid);
        bind_text(q, 1, r->st->id);
        bind_int(q, 2, se->number);
        bind_text(q, 3, full);
        sqlite3_bind_text(q, 4, d->clean + se->start, (int)(se->end - se->start), SQLITE_TRANSIENT);
        free(full);
        if (step_done(s, ST_SENTENCE) != 0) return -1;
        if ((size_t)se->number <= d->n_sents) keys[se->number] = sqlite3_last_insert_rowid(s->db);
    }
    return 0;
}

/* The id of the event e reports, inserted when new; -1 on an error. */
static long long event_id(dyad_store *s, const dyad_event *e)
{
    sqlite3_stmt *q = s->stmts[ST_FIND_EVENT];
    bind_text(q, 1, e->date);
    bind_text(q, 2, e->source);
    bind_text(q, 3, e->target);
    bind_text(q, 4, e->code);
    bind_text(q, 5, e->loc_name);
    long long id = 0;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) id = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(s, "finding an event");
    if (id) return id;
    q = s->stmts[ST_NEW_EVENT];
    bind_text(q, 1, e->date);
    bind_text(q, 2, e->source);
    bind_text(q, 3, e->target);
    bind_text(q, 4, e->code);
    bind_text(q, 5, e->loc_name);
    bind_text(q, 6, e->root);
    if (e->cameo) {
        bind_int(q, 7, e->cameo->quad_class);
        sqlite3_bind_double(q, 8, e->cameo->goldstein);
        bind_text(q, 9, e->cameo->plover);
    }
    bind_text(q, 10, e->loc_country);
    if (e->has_coords) {
        sqlite3_bind_double(q, 11, e->lat);
        sqlite3_bind_double(q, 12, e->lon);
    }
    bind_text(q, 13, e->source_text);
    bind_text(q, 14, e->target_text);
    if (step_done(s, ST_NEW_EVENT) != 0) return -1;
    return sqlite3_last_insert_rowid(s->db);
}

static int note_actor(dyad_store *s, const char *code)
{
    if (!code || !*code) return 0;
    bind_text(s->stmts[ST_ACTOR], 1, code);
    return step_done(s, ST_ACTOR);
}

static void bind_span(sqlite3_stmt *q, int col, const span *sp)
{
    if (!sp->present) return;   /* NULLs, after clear_bindings */
    bind_int(q, col, sp->start);
    bind_int(q, col + 1, sp->end);
    bind_int(q, col + 6, sp->orig_start);
    bind_int(q, col + 7, sp->orig_end);
}

/* The mention of event e in its k-th sentence (e->sentence_ids): the
 * words and evidence are the first sentence's; a later sentence that
 * reports the same event (resolve.h, one event once) has its sentence
 * only. */
static int write_mention(dyad_store *s, const dyad_event *e, size_t k, long long event_key,
                         long long sentence_key)
{
    sqlite3_stmt *q = s->stmts[ST_MENTION];
    bind_int(q, 1, event_key);
    bind_text(q, 2, e->story_id);
    bind_int(q, 3, sentence_key);
    bind_text(q, 4, e->sentence_ids[k]);
    bind_int(q, 5, e->sentence_numbers[k]);
    if (k == 0) {
        bind_text(q, 6, e->source_text);
        bind_text(q, 7, e->target_text);
        bind_text(q, 8, e->verb_text);
        bind_span(q, 9, &e->src);
        bind_span(q, 11, &e->tgt);
        bind_span(q, 13, &e->verb);
    }
    bind_text(q, 21, e->dict_file);
    bind_int(q, 22, e->dict_line);
    return step_done(s, ST_MENTION);
}

static int write_event(dyad_store *s, const dyad_event *e, const long long *keys, size_t n_keys)
{
    for (size_t k = 0; k < e->n_sentence_ids; k++) {
        int n = e->sentence_numbers[k];
        if (n <= 0 || (size_t)n > n_keys || !keys[n]) {
            snprintf(s->error, sizeof s->error, "story %s: an event in sentence %d, which is "
                     "not a kept sentence", e->story_id, n);
            return -1;
        }
    }
    long long id = event_id(s, e);
    if (id < 0 || note_actor(s, e->source) || note_actor(s, e->target)) return -1;
    for (size_t k = 0; k < e->n_sentence_ids; k++)
        if (write_mention(s, e, k, id, keys[e->sentence_numbers[k]]) != 0) return -1;
    bind_int(s->stmts[ST_TOUCH], 1, id);
    return step_done(s, ST_TOUCH);
}

/* One quote (quotes.h): who said what, in which sentence. */
static int write_quote(dyad_store *s, const dyad_quote *qu, const long long *keys,
                       size_t n_keys)
{
    sqlite3_stmt *q = s->stmts[ST_QUOTE];
    bind_text(q, 1, qu->story_id);
    if (qu->sentence_number > 0 && (size_t)qu->sentence_number <= n_keys &&
        keys[qu->sentence_number])
        bind_int(q, 2, keys[qu->sentence_number]);
    bind_text(q, 3, qu->sentence_id);
    bind_text(q, 4, qu->direct ? "direct" : "reported");
    bind_text(q, 5, qu->speaker);
    bind_text(q, 6, qu->speaker_name);
    bind_text(q, 7, qu->speaker_code);
    bind_text(q, 8, qu->addressee);
    bind_text(q, 9, qu->addressee_code);
    bind_text(q, 10, qu->text);
    bind_int(q, 11, qu->orig_start);
    bind_int(q, 12, qu->orig_end);
    return step_done(s, ST_QUOTE);
}

/* Everything of one story, inside the caller's transaction. */
static int replace_story(dyad_store *s, const dyad_result *r)
{
    const char *id = r->st->id;
    if (step_story(s, ST_TOUCH_OLD, id) || step_story(s, ST_DELETE_MENTIONS, id) ||
        step_story(s, ST_DELETE_SENTENCES, id) || step_story(s, ST_DELETE_QUOTES, id) ||
        write_story_row(s, r))
        return -1;
    long long *keys = xcalloc(r->d.n_sents + 1, sizeof *keys);
    int rc = write_sentences(s, r, keys);
    for (size_t k = 0; rc == 0 && k < r->n_events; k++)
        rc = write_event(s, &r->events[k], keys, r->d.n_sents);
    for (size_t k = 0; rc == 0 && k < r->n_quotes; k++)
        rc = write_quote(s, &r->quotes[k], keys, r->d.n_sents);
    free(keys);
    if (rc == 0) rc = step_done(s, ST_RECOUNT);
    if (rc == 0) rc = step_done(s, ST_DROP_EMPTY);
    if (rc == 0) rc = step_done(s, ST_CLEAR_TOUCHED);
    return rc;
}

int dyad_store_write(dyad_store *s, const dyad_result *r)
{
    if (s->read_only) {
        snprintf(s->error, sizeof s->error, "the store was opened read-only");
        return -1;
    }
    if (step_done(s, ST_BEGIN) != 0) return -1;
    int rc = replace_story(s, r);
    if (rc == 0) rc = step_done(s, ST_COMMIT);
    if (rc != 0) {
        char why[sizeof s->error];
        memcpy(why, s->error, sizeof why);
        if (sqlite3_get_autocommit(s->db) == 0) step_done(s, ST_ROLLBACK);
        memcpy(s->error, why, sizeof why);
        return rc;
    }
    return ++s->unindexed >= STORE_TEXT_BATCH ? store_sync_text(s) : 0;
}

/* ---- JSON strings (shared by the readers) ---- */

void store_json_string(FILE *out, const char *s)
{
    if (!s) { fputs("null", out); return; }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') { putc('\\', out); putc(*p, out); }
        else if (*p == '\n') fputs("\\n", out);
        else if (*p == '\t') fputs("\\t", out);
        else if (*p == '\r') fputs("\\r", out);
        else if (*p < 0x20) fprintf(out, "\\u%04x", *p);
        else putc(*p, out);
    }
    putc('"', out);
}
