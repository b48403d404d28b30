/* test_store.c — the SQLite event store (store.h): what a story writes,
 * replacing a story, the event counts, schema versions, runs, queries,
 * the plot's structure and the exports' column counts.
 *
 * The corpus: three stories of 2024-01-02 saying "China praised Russia."
 * (outlets Reuters, AP, AP) are one event CHN -> RUS 051 with 3 mentions,
 * 3 stories and 2 outlets; a fourth, "Russian troops attacked Ukraine in
 * Kyiv." (2024-02-10, no outlet), is RUSMIL -> UKR 190 at Kyiv. */
#include <expat.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cameo.h"
#include "dyad.h"
#include "harness.h"
#include "sha256.h"

#define PRAISE "China praised Russia."
#define ATTACK "Russian troops attacked Ukraine in Kyiv."

static const char corpus[] =
    "{\"id\":\"a\",\"date\":\"2024-01-02\",\"source\":\"Reuters\",\"text\":\"" PRAISE "\"}\n"
    "{\"id\":\"b\",\"date\":\"2024-01-02\",\"source\":\"AP\",\"text\":\"" PRAISE "\"}\n"
    "{\"id\":\"c\",\"date\":\"2024-01-02\",\"source\":\"AP\",\"text\":\"" PRAISE "\"}\n"
    "{\"id\":\"d\",\"date\":\"2024-02-10\",\"text\":\"" ATTACK "\"}\n";

static char dir[64];
static dyad_coder *coder;

/* dir/name, in a buffer the next call reuses. */
static const char *temp_path(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Codes the JSON Lines in `jsonl` (shallow rules) into the store. */
static int code_into(dyad_store *s, const char *jsonl)
{
    const char *path = temp_path("in.jsonl");
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(jsonl, f);
    fclose(f);
    const char *paths[] = {path};
    dyad_input *in = dyad_input_open(paths, 1, DYAD_INPUT_JSONL);
    dyad_story *st;
    int rc = 0, status;
    while ((status = dyad_input_next(in, &st)) != DYAD_END)
        if (status == DYAD_STORY && dyad_store_write(s, dyad_code(coder, st)) != 0) rc = -1;
    dyad_input_close(in);
    return rc;
}

/* The integer the SQL gives on the store's file (-1 on an error). */
static long long sql_int(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_open(db, &h) != SQLITE_OK) return -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return v;
}

static dyad_store *fresh_store(const char *name)
{
    char err[1024] = "";
    const char *p = temp_path(name);
    char wal[160];
    unlink(p);
    snprintf(wal, sizeof wal, "%s-wal", p);
    unlink(wal);
    dyad_store *s = dyad_store_open(p, 0, err, sizeof err);
    if (!s) printf("  cannot open %s: %s\n", p, err);
    return s;
}

#define PRAISE_EVENT "SELECT %s FROM events WHERE source = 'CHN' AND target = 'RUS' AND code = '051'"

static long long praise(const char *db, const char *column)
{
    char sql[256];
    snprintf(sql, sizeof sql, PRAISE_EVENT, column);
    return sql_int(db, sql);
}

static void test_story_rows(void)
{
    dyad_store *s = fresh_store("rows.db");
    CHECK(s != NULL);
    if (!s) return;
    CHECK_INT(code_into(s, corpus), 0);
    dyad_store_close(s);
    char db[128];
    snprintf(db, sizeof db, "%s", temp_path("rows.db"));
    CHECK_INT(sql_int(db, "SELECT count(*) FROM stories"), 4);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences"), 4);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM mentions"), 4);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM events"), 2);
    CHECK_INT(praise(db, "mentions"), 3);
    CHECK_INT(praise(db, "stories"), 3);
    CHECK_INT(praise(db, "sources"), 2);
    CHECK_INT(praise(db, "quad_class"), cameo_lookup("051")->quad_class);
    CHECK_INT(praise(db, "goldstein * 10"), (long long)(cameo_lookup("051")->goldstein * 10));
    CHECK_INT(sql_int(db, "SELECT count(*) FROM events WHERE source = 'RUSMIL' AND target = "
                          "'UKR' AND code = '190' AND location = 'Kyiv' AND mentions = 1 AND "
                          "sources = 0 AND quad_class = 4 AND date = '2024-02-10'"), 1);
    /* the verb's offsets: "praised" is bytes 6..13 of the sentence */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM mentions WHERE story_id = 'a' AND "
                          "verb_start = 6 AND verb_end = 13 AND verb_text = 'praised' AND "
                          "source_start = 0 AND source_end = 5 AND target_start = 14"), 1);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM actors WHERE code = 'RUSMIL' AND country = "
                          "'RUS' AND role = 'MIL'"), 1);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                          "'kyiv'"), 1);
}

static void test_recoding_replaces(void)
{
    dyad_store *s = fresh_store("recode.db");
    if (!s) { CHECK(s != NULL); return; }
    char db[128];
    snprintf(db, sizeof db, "%s", temp_path("recode.db"));
    CHECK_INT(code_into(s, corpus), 0);
    CHECK_INT(code_into(s, corpus), 0);   /* the same again: nothing doubles */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM mentions"), 4);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences"), 4);
    CHECK_INT(praise(db, "mentions"), 3);
    /* b now criticizes: the praise loses a mention, AP stays through c */
    CHECK_INT(code_into(s, "{\"id\":\"b\",\"date\":\"2024-01-02\",\"source\":\"AP\","
                           "\"text\":\"China criticized Russia.\"}\n"), 0);
    CHECK_INT(praise(db, "mentions"), 2);
    CHECK_INT(praise(db, "sources"), 2);
    CHECK_INT(sql_int(db, "SELECT mentions FROM events WHERE code = '111'"), 1);
    /* c says nothing codable: the praise keeps a's mention only */
    CHECK_INT(code_into(s, "{\"id\":\"c\",\"date\":\"2024-01-02\",\"source\":\"AP\","
                           "\"text\":\"The weather was fine.\"}\n"), 0);
    CHECK_INT(praise(db, "mentions"), 1);
    CHECK_INT(praise(db, "sources"), 1);
    /* a too: the event has no mention left and goes */
    CHECK_INT(code_into(s, "{\"id\":\"a\",\"date\":\"2024-01-02\",\"source\":\"Reuters\","
                           "\"text\":\"Nothing happened.\"}\n"), 0);
    CHECK_INT(praise(db, "count(*)"), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM events"), 2);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM stories"), 4);
    CHECK_INT(sql_int(db, "SELECT events FROM stories WHERE story_id = 'c'"), 0);
    dyad_store_close(s);
    /* the text index follows: the old praise sentences are gone from it */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                          "'praised'"), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                          "'weather'"), 1);
}

/* A sentence the discards dictionary drops keeps the numbers of those
 * after it: "China praised Russia." is sentence 2 of 2, the only one kept. */
static void test_discarded_sentence(void)
{
    char err[1024] = "";
    FILE *f = fopen(temp_path("discards.txt"), "w");
    if (f) { fputs("BASEBALL\n", f); fclose(f); }
    dyad_dict_config cfg = {.dictionary_dir = dir, .discards = "discards.txt",
                            .use_builtin_defaults = 1};
    dyad_coder *plain = coder;
    coder = dyad_coder_new(&cfg, NULL, NULL, err, sizeof err);
    dyad_store *s = coder ? fresh_store("discard.db") : NULL;
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(code_into(s, "{\"id\":\"x\",\"date\":\"2024-03-01\",\"text\":"
                               "\"Baseball was played. " PRAISE "\"}\n"), 0);
        dyad_store_close(s);
        char db[128];
        snprintf(db, sizeof db, "%s", temp_path("discard.db"));
        CHECK_INT(sql_int(db, "SELECT count(*) FROM sentences WHERE number = 2"), 1);
        CHECK_INT(sql_int(db, "SELECT count(*) FROM mentions WHERE sentence_number = 2"), 1);
        CHECK_INT(sql_int(db, "SELECT sentences FROM stories"), 1);
    }
    dyad_coder_free(coder);
    coder = plain;
}

static void make_db(const char *name, const char *sql)
{
    sqlite3 *h;
    unlink(temp_path(name));
    if (sqlite3_open(temp_path(name), &h) == SQLITE_OK) sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
}

static void test_schema_versions(void)
{
    char err[1024] = "";
    dyad_store *s = fresh_store("v.db");
    CHECK(s != NULL);
    dyad_store_close(s);
    CHECK_INT(sql_int(temp_path("v.db"), "PRAGMA user_version"), DYAD_STORE_SCHEMA_VERSION);
    /* a newer dyad's store */
    make_db("new.db", "CREATE TABLE t(x); PRAGMA application_id = 1685676388; "
                      "PRAGMA user_version = 99;");
    CHECK(dyad_store_open(temp_path("new.db"), 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "schema version 99") != NULL);
    CHECK(strstr(err, "newer dyad") != NULL);
    /* some other program's database is left alone */
    make_db("other.db", "CREATE TABLE t(x);");
    CHECK(dyad_store_open(temp_path("other.db"), 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a dyad event store") != NULL);
    CHECK_INT(sql_int(temp_path("other.db"), "SELECT count(*) FROM sqlite_schema"), 1);
    CHECK_INT(sql_int(temp_path("other.db"), "SELECT count(*) FROM pragma_journal_mode "
                                             "WHERE journal_mode = 'delete'"), 1);
    /* not a database at all */
    FILE *f = fopen(temp_path("text.db"), "w");
    if (f) { fputs("just some text that is long enough to be a header...\n", f); fclose(f); }
    CHECK(dyad_store_open(temp_path("text.db"), 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a database") != NULL);
}

static void test_runs(void)
{
    dyad_store *s = fresh_store("runs.db");
    if (!s) { CHECK(s != NULL); return; }
    char db[128];
    snprintf(db, sizeof db, "%s", temp_path("runs.db"));
    CHECK_INT(dyad_store_run_begin(s, coder, NULL, "dyad code test"), 0);
    CHECK_INT(code_into(s, corpus), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM runs WHERE finished IS NULL"), 1);
    dyad_run_counts n = {4, 4, 0, 0, 4, 4};
    CHECK_INT(dyad_store_run_end(s, &n), 0);
    dyad_store_close(s);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM runs WHERE finished IS NOT NULL AND "
                          "stories_read = 4 AND events = 4 AND models IS NULL AND "
                          "command = 'dyad code test'"), 1);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM stories WHERE run_id = 1"), 4);
    /* the dictionaries and their hashes, as the coder reports them */
    const char *kind, *hash, *name = dyad_coder_dictionary(coder, 0, &kind, &hash);
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM runs, json_each(runs.dictionaries) j "
             "WHERE j.value ->> 'file' = '%s' AND j.value ->> 'sha256' = '%s'", name, hash);
    CHECK(name != NULL && strlen(hash) == 64);
    CHECK_INT(sql_int(db, sql), 1);
}

static void test_sha256(void)
{
    char hex[65];
    sha256_hex("abc", 3, hex);   /* FIPS 180-2, appendix B.1 */
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";   /* B.2 */
    sha256_hex(two, strlen(two), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* ---- reading ---- */

static dyad_store *corpus_store(void)
{
    dyad_store *s = fresh_store("read.db");
    if (s && code_into(s, corpus) != 0) { dyad_store_close(s); return NULL; }
    return s;
}

/* What fn writes, in a malloc'd string. */
#define CAPTURE(buf, len, call) \
    do { FILE *f_ = open_memstream(&(buf), &(len)); call; fclose(f_); } while (0)

static void test_query_by_month(void)
{
    dyad_store *s = corpus_store();
    if (!s) { CHECK(s != NULL); return; }
    dyad_query q = {0};
    q.source = "chn";   /* the start of a code, in any case */
    q.target = "RUS";
    q.by = "month";
    char *out = NULL;
    size_t len = 0;
    int rc;
    CAPTURE(out, len, rc = dyad_store_query(s, &q, DYAD_TABLE_TSV, f_));
    CHECK_INT(rc, 0);
    char want[512];
    snprintf(want, sizeof want, "period\tevents\tmentions\tgoldstein_sum\tgoldstein_mean\t"
             "verbal_coop\tmaterial_coop\tverbal_conflict\tmaterial_conflict\n"
             "2024-01\t1\t3\t%.1f\t%.1f\t1\t0\t0\t0\n", cameo_lookup("051")->goldstein,
             cameo_lookup("051")->goldstein);
    CHECK_STR(out, want);
    free(out);
    /* either direction, by year, as JSON Lines */
    q.source = "UKR";
    q.target = "RUS";
    q.either_direction = 1;
    q.by = "year";
    CAPTURE(out, len, rc = dyad_store_query(s, &q, DYAD_TABLE_JSONL, f_));
    CHECK(out && strstr(out, "{\"period\":\"2024\",\"events\":1,\"mentions\":1,") == out);
    CHECK(out && strstr(out, "\"material_conflict\":1}\n") != NULL);
    free(out);
    dyad_store_close(s);
}

static void test_query_filters(void)
{
    dyad_store *s = corpus_store();
    if (!s) { CHECK(s != NULL); return; }
    struct { dyad_query q; int rows; } cases[] = {
        {{.code = "190"}, 1},
        {{.root = "05"}, 1},
        {{.country = "UKR"}, 1},
        {{.from = "2024-01-03"}, 1},
        {{.to = "2024-01-02"}, 1},
        {{.from = "2024-01-01", .to = "2024-12-31"}, 2},
        {{.text = "troops"}, 1},
        {{.text = "praised AND china"}, 1},
        {{.source = "RUS"}, 1},   /* RUSMIL */
        {{.source = "R"}, 1},
        {{.target = "RUS", .source = "USA"}, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *out = NULL;
        size_t len = 0, lines = 0;
        int rc;
        CAPTURE(out, len, rc = dyad_store_query(s, &cases[k].q, DYAD_TABLE_TSV, f_));
        for (size_t i = 0; i < len; i++) lines += out[i] == '\n';
        if (rc != 0 || (int)lines != cases[k].rows + 1) {
            printf("  case %zu: rc %d, %zu lines\n", k, rc, lines);
            CHECK(0);
        }
        free(out);
    }
    dyad_query bad = {.from = "2024-13-45"};
    CHECK(dyad_store_query(s, &bad, DYAD_TABLE_TSV, stdout) != 0);
    CHECK(strstr(dyad_store_error(s), "--from 2024-13-45") != NULL);
    dyad_store_close(s);
}

/* The plot's elements, as expat reads them. */
typedef struct svg_count {
    int svg, title, series, axes, polylines, paths, legend;
    char names[256];
} svg_count;

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(atts[i], name)) return atts[i + 1];
    return NULL;
}

static void XMLCALL svg_start(void *ud, const char *el, const char **atts)
{
    svg_count *c = ud;
    const char *cls = attr(atts, "class");
    c->svg += !strcmp(el, "svg");
    c->title += !strcmp(el, "title");
    c->polylines += !strcmp(el, "polyline");
    c->paths += !strcmp(el, "path");
    if (strcmp(el, "g") || !cls) return;
    c->axes += !strncmp(cls, "axis ", 5);
    c->legend += !strcmp(cls, "legend");
    if (!strcmp(cls, "series")) {
        c->series++;
        strncat(c->names, attr(atts, "data-series"), sizeof c->names - strlen(c->names) - 2);
        strcat(c->names, " ");
    }
}

static void test_plot_structure(void)
{
    dyad_store *s = corpus_store();
    if (!s) { CHECK(s != NULL); return; }
    dyad_query q = {.source = "RUS", .target = "UKR", .by = "month"};
    char *out = NULL;
    size_t len = 0;
    int rc;
    CAPTURE(out, len, rc = dyad_store_plot(s, &q, "Russia & Ukraine", f_));
    CHECK_INT(rc, 0);
    XML_Parser p = XML_ParserCreate("UTF-8");
    svg_count c = {0};
    XML_SetUserData(p, &c);
    XML_SetStartElementHandler(p, svg_start);
    CHECK_INT(XML_Parse(p, out, (int)len, 1), XML_STATUS_OK);
    XML_ParserFree(p);
    CHECK_INT(c.svg, 1);
    CHECK_INT(c.title, 1);
    CHECK_INT(c.axes, 3);
    CHECK_INT(c.legend, 1);
    CHECK_INT(c.series, 5);
    CHECK_INT(c.polylines, 4);
    CHECK_INT(c.paths, 1);
    CHECK_STR(c.names, "verbal_coop material_coop verbal_conflict material_conflict "
                       "goldstein_mean ");
    CHECK(strstr(out, "<title>Russia &amp; Ukraine</title>") != NULL);
    CHECK(strstr(out, ">2024-02</text>") != NULL);
    free(out);
    /* January to February with no RUS-UKR event in January: two periods */
    q.source = NULL;
    q.target = NULL;
    CAPTURE(out, len, rc = dyad_store_plot(s, &q, NULL, f_));
    CHECK_INT(rc, 0);
    CHECK(strstr(out, ">2024-01</text>") && strstr(out, ">2024-02</text>"));
    free(out);
    dyad_store_close(s);
}

/* Number of rows, and whether each has n tab-separated fields. */
static int rows_with_fields(const char *text, int n, int *rows)
{
    int fields = 1, ok = 1;
    *rows = 0;
    for (const char *p = text; p && *p; p++) {
        if (*p == '\t') fields++;
        if (*p == '\n') { ok &= fields == n; fields = 1; ++*rows; }
    }
    return ok;
}

static void test_exports(void)
{
    dyad_store *s = corpus_store();
    if (!s) { CHECK(s != NULL); return; }
    static const struct { const char *format; int fields, rows; } cases[] = {
        {"gdelt-events", 61, 2}, {"gdelt-mentions", 16, 4}, {"phoenix", 26, 2},
    };
    dyad_query all = {0};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *out = NULL;
        size_t len = 0;
        int rc, rows;
        CAPTURE(out, len, rc = dyad_store_export(s, cases[k].format, &all, f_));
        CHECK_INT(rc, 0);
        CHECK(rows_with_fields(out, cases[k].fields, &rows));
        CHECK_INT(rows, cases[k].rows);
        free(out);
    }
    char *out = NULL;
    size_t len = 0;
    int rc;
    dyad_query praise_only = {.code = "051"};
    CAPTURE(out, len, rc = dyad_store_export(s, "gdelt-events", &praise_only, f_));
    CHECK_INT(rc, 0);
    /* GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code: 2024 +
     * (1 * 30 + 2) / 365 = 2024.0877 */
    CHECK(out && strstr(out, "\t20240102\t202401\t2024\t2024.0877\tCHN\t") != NULL);
    free(out);
    CAPTURE(out, len, rc = dyad_store_export(s, "plover-json", &praise_only, f_));
    CHECK_INT(rc, 0);
    json_error_t jerr;
    json_t *j = json_loads(out ? out : "", 0, &jerr);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "event_type")), cameo_lookup("051")->plover);
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "actor"), "code")), "CHN");
    CHECK_INT(json_array_size(json_object_get(j, "story_ids")), 3);
    CHECK_INT(json_array_size(json_object_get(j, "sources")), 2);
    json_decref(j);
    free(out);
    CHECK(dyad_store_export(s, "gdelt-1.0", &all, stdout) != 0);
    dyad_store_close(s);
}

int main(void)
{
    char err[1024];
    snprintf(dir, sizeof dir, "/tmp/dyad_store_XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    coder = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    RUN(test_sha256);
    RUN(test_story_rows);
    RUN(test_recoding_replaces);
    RUN(test_discarded_sentence);
    RUN(test_schema_versions);
    RUN(test_runs);
    RUN(test_query_by_month);
    RUN(test_query_filters);
    RUN(test_plot_structure);
    RUN(test_exports);
    dyad_coder_free(coder);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) printf("could not remove %s\n", dir);
    return harness_report("test_store");
}
