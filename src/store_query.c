/* store_query.c — `dyad query`: the filters of a dyad_query as SQL over
 * the events table, events or per-period counts written as an aligned
 * table, TSV or JSON Lines (see store.h). */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---- filters ---- */

static int add_param(store_filter *f, const char *v)
{
    if (f->n_params == STORE_MAX_PARAMS) return -1;
    f->params[f->n_params++] = v;
    return 0;
}

static void add_sql(store_filter *f, const char *sql)
{
    size_t n = strlen(f->sql);
    snprintf(f->sql + n, sizeof f->sql - n, " AND %s", sql);
}

/* A LIKE pattern matching codes that start with v ('%' and '_' in v are
 * taken literally); codes are ASCII, and LIKE ignores their case. */
static const char *prefix_pattern(store_filter *f, const char *v)
{
    char *p = f->owned[f->n_params];
    size_t n = 0, cap = sizeof f->owned[0];
    for (; *v && n + 3 < cap; v++) {
        if (*v == '%' || *v == '_' || *v == '\\') p[n++] = '\\';
        p[n++] = *v;
    }
    p[n++] = '%';
    p[n] = '\0';
    return p;
}

static int actor_filter(store_filter *f, const dyad_query *q)
{
    const char *like = " LIKE ? ESCAPE '\\'";
    char sql[256];
    if (q->source && q->target && q->either_direction) {
        snprintf(sql, sizeof sql, "((e.source%s AND e.target%s) OR (e.source%s AND e.target%s))",
                 like, like, like, like);
        add_sql(f, sql);
        const char *order[] = {q->source, q->target, q->target, q->source};
        for (int i = 0; i < 4; i++)
            if (add_param(f, prefix_pattern(f, order[i]))) return -1;
        return 0;
    }
    if (q->source) {
        snprintf(sql, sizeof sql, "e.source%s", like);
        add_sql(f, sql);
        if (add_param(f, prefix_pattern(f, q->source))) return -1;
    }
    if (q->target) {
        snprintf(sql, sizeof sql, "e.target%s", like);
        add_sql(f, sql);
        if (add_param(f, prefix_pattern(f, q->target))) return -1;
    }
    return 0;
}

/* YYYY-MM-DD, checked so that a typo is an error and not an empty answer. */
static int is_day(const char *d)
{
    int y, m, day;
    char tail;
    return strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 &&
           m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* Dates: an event dated to a month or a year counts from its first day. */
static int date_filter(dyad_store *s, store_filter *f, const dyad_query *q)
{
    const char *bounds[2] = {q->from, q->to};
    const char *sql[2] = {"substr(e.date || '-01-01', 1, 10) >= ?",
                          "substr(e.date || '-01-01', 1, 10) <= ?"};
    for (int i = 0; i < 2; i++) {
        if (!bounds[i]) continue;
        if (!is_day(bounds[i])) {
            snprintf(s->error, sizeof s->error, "%s %s: not a date YYYY-MM-DD",
                     i ? "--to" : "--from", bounds[i]);
            return -1;
        }
        add_sql(f, sql[i]);
        if (add_param(f, bounds[i])) return -1;
    }
    return 0;
}

int store_filter_sql(dyad_store *s, const dyad_query *q, store_filter *f)
{
    memset(f, 0, sizeof *f);
    strcpy(f->sql, "1");
    s->error[0] = '\0';
    int rc = actor_filter(f, q) || date_filter(s, f, q);
    if (!rc && q->code) { add_sql(f, "e.code = ?"); rc = add_param(f, q->code); }
    if (!rc && q->root) { add_sql(f, "e.root = ?"); rc = add_param(f, q->root); }
    if (!rc && q->country) {
        add_sql(f, "(substr(e.source, 1, 3) = upper(?) OR substr(e.target, 1, 3) = upper(?)"
                   " OR e.location_country = upper(?))");
        rc = add_param(f, q->country) || add_param(f, q->country) || add_param(f, q->country);
    }
    /* a writer's own stories since the last update must be found too */
    if (!rc && q->text && s->stmts && s->unindexed && store_sync_text(s) != 0) return -1;
    if (!rc && q->text) {
        add_sql(f, "e.event_id IN (SELECT m.event_id FROM mentions m WHERE m.sentence_key IN"
                   " (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))");
        rc = add_param(f, q->text);
    }
    if (rc && !s->error[0]) snprintf(s->error, sizeof s->error, "too many filters");
    return rc ? -1 : 0;
}

sqlite3_stmt *store_prepare_filtered(dyad_store *s, const char *sql, const store_filter *f)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, "query");
        return NULL;
    }
    for (int i = 0; i < f->n_params; i++)
        sqlite3_bind_text(st, i + 1, f->params[i], -1, SQLITE_STATIC);
    return st;
}

const char *store_period_sql(const char *by)
{
    static const struct { const char *name, *sql; } periods[] = {
        {"day", "CASE WHEN length(e.date) = 10 THEN e.date END"},
        /* 'weekday 0' moves to the Sunday on or after; six days back is
         * the Monday that starts the week. */
        {"week", "CASE WHEN length(e.date) = 10 THEN date(e.date, 'weekday 0', '-6 days') END"},
        {"month", "CASE WHEN length(e.date) >= 7 THEN substr(e.date, 1, 7) END"},
        {"year", "substr(e.date, 1, 4)"},
    };
    for (size_t k = 0; by && k < sizeof periods / sizeof periods[0]; k++)
        if (strcmp(by, periods[k].name) == 0) return periods[k].sql;
    return NULL;
}

/* ---- writing rows ---- */

int dyad_table_format_parse(const char *name)
{
    if (!strcmp(name, "table")) return DYAD_TABLE_TEXT;
    if (!strcmp(name, "tsv")) return DYAD_TABLE_TSV;
    if (!strcmp(name, "jsonl") || !strcmp(name, "json")) return DYAD_TABLE_JSONL;
    return -1;
}

/* A value as text: NULL is empty, tabs and line breaks become spaces. */
static void plain_value(FILE *out, sqlite3_stmt *st, int col)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    for (; v && *v; v++) putc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, out);
}

static void json_value(FILE *out, sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL: fputs("null", out); break;
    case SQLITE_INTEGER: fprintf(out, "%lld", (long long)sqlite3_column_int64(st, col)); break;
    case SQLITE_FLOAT: fprintf(out, "%.10g", sqlite3_column_double(st, col)); break;
    default: store_json_string(out, (const char *)sqlite3_column_text(st, col));
    }
}

/* Bytes of a UTF-8 string that are not continuation bytes: its width in
 * columns, near enough for codes, dates and names. */
static size_t text_width(const unsigned char *v)
{
    size_t n = 0;
    for (; v && *v; v++) n += (*v & 0xC0) != 0x80;
    return n;
}

#define MAX_COLUMNS 64

/* Aligned columns: a first pass over the rows measures them. */
static int write_text_table(dyad_store *s, sqlite3_stmt *st, FILE *out)
{
    int nc = sqlite3_column_count(st) < MAX_COLUMNS ? sqlite3_column_count(st) : MAX_COLUMNS;
    size_t width[MAX_COLUMNS];
    int rc;
    for (int c = 0; c < nc; c++) width[c] = strlen(sqlite3_column_name(st, c));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int c = 0; c < nc; c++) {
            size_t w = text_width(sqlite3_column_text(st, c));
            if (w > width[c]) width[c] = w;
        }
    if (rc != SQLITE_DONE) return store_fail(s, "query");
    sqlite3_reset(st);
    for (int c = 0; c < nc; c++)
        fprintf(out, "%-*s%s", c + 1 < nc ? (int)width[c] : 0, sqlite3_column_name(st, c),
                c + 1 < nc ? "  " : "\n");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int c = 0; c < nc; c++) {
            int numeric = sqlite3_column_type(st, c) == SQLITE_INTEGER ||
                          sqlite3_column_type(st, c) == SQLITE_FLOAT;
            size_t w = text_width(sqlite3_column_text(st, c));
            size_t pad = c + 1 < nc || numeric ? width[c] - w : 0;
            if (numeric) fprintf(out, "%*s", (int)pad, "");
            plain_value(out, st, c);
            if (!numeric) fprintf(out, "%*s", (int)pad, "");
            fputs(c + 1 < nc ? "  " : "\n", out);
        }
    return rc == SQLITE_DONE ? 0 : store_fail(s, "query");
}

static int write_tsv_rows(dyad_store *s, sqlite3_stmt *st, FILE *out, int header)
{
    int nc = sqlite3_column_count(st), rc;
    for (int c = 0; header && c < nc; c++)
        fprintf(out, "%s%c", sqlite3_column_name(st, c), c + 1 < nc ? '\t' : '\n');
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int c = 0; c < nc; c++) {
            plain_value(out, st, c);
            putc(c + 1 < nc ? '\t' : '\n', out);
        }
    return rc == SQLITE_DONE ? 0 : store_fail(s, "query");
}

static int write_jsonl_rows(dyad_store *s, sqlite3_stmt *st, FILE *out)
{
    int nc = sqlite3_column_count(st), rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < nc; c++) {
            fputs(c ? "," : "{", out);
            store_json_string(out, sqlite3_column_name(st, c));
            putc(':', out);
            json_value(out, st, c);
        }
        fputs("}\n", out);
    }
    return rc == SQLITE_DONE ? 0 : store_fail(s, "query");
}

/* Writes every row of st in format f (TSV without a header when
 * header is 0); finalizes st. */
int store_write_rows(dyad_store *s, sqlite3_stmt *st, dyad_table_format f, int header,
                     FILE *out)
{
    int rc = f == DYAD_TABLE_TEXT    ? write_text_table(s, st, out)
             : f == DYAD_TABLE_JSONL ? write_jsonl_rows(s, st, out)
                                     : write_tsv_rows(s, st, out, header);
    sqlite3_finalize(st);
    if (rc == 0 && ferror(out)) {
        snprintf(s->error, sizeof s->error, "error writing the output");
        rc = -1;
    }
    return rc;
}

/* ---- the query ---- */

static const char events_sql[] =
    "SELECT e.event_id, e.date, e.source, e.target, e.code, c.name AS event, e.quad_class,"
    " e.goldstein, e.plover, e.location, e.mentions, e.stories, e.sources"
    " FROM events e LEFT JOIN cameo c ON c.code = e.code WHERE %s"
    " ORDER BY e.date, e.event_id%s";

static const char periods_sql[] =
    "SELECT %s AS period, count(*) AS events, sum(e.mentions) AS mentions,"
    " round(sum(e.goldstein), 2) AS goldstein_sum, round(avg(e.goldstein), 2) AS goldstein_mean,"
    " sum(e.quad_class = 1) AS verbal_coop, sum(e.quad_class = 2) AS material_coop,"
    " sum(e.quad_class = 3) AS verbal_conflict, sum(e.quad_class = 4) AS material_conflict"
    " FROM events e WHERE %s GROUP BY period HAVING period IS NOT NULL ORDER BY period%s";

/* The SQL of q: its events, or with q->by its periods; NULL (error set)
 * when q->by is not a period.  The caller frees it. */
char *store_query_sql(dyad_store *s, const dyad_query *q, const store_filter *f)
{
    char limit[48] = "";
    if (q->limit > 0) snprintf(limit, sizeof limit, " LIMIT %ld", q->limit);
    const char *period = store_period_sql(q->by);
    if (q->by && !period) {
        snprintf(s->error, sizeof s->error, "--by %s: not day, week, month or year", q->by);
        return NULL;
    }
    size_t n = sizeof periods_sql + strlen(f->sql) + 256 + sizeof limit;
    char *sql = xmalloc(n);
    if (period) snprintf(sql, n, periods_sql, period, f->sql, limit);
    else snprintf(sql, n, events_sql, f->sql, limit);
    return sql;
}

int dyad_store_query(dyad_store *s, const dyad_query *q, dyad_table_format fmt, FILE *out)
{
    store_filter f;
    if (store_filter_sql(s, q, &f) != 0) return -1;
    char *sql = store_query_sql(s, q, &f);
    if (!sql) return -1;
    sqlite3_stmt *st = store_prepare_filtered(s, sql, &f);
    free(sql);
    return st ? store_write_rows(s, st, fmt, 1, out) : -1;
}
