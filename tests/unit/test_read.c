/* test_read.c — the input readers (read.h): text, jsonl, petrarch-xml,
 * detection, failures and recovery, bounded memory, input lists.
 *
 * Results are compared as transcripts, one line per reader_next() result:
 *   "S <line> <id> <date>"              a story
 *   "F <line> <id or -> <message>"      a failed record
 * Inputs are built in memory or written to a temporary directory. */
#include "../harness.h"
#include "read.h"
#include "read_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/dyad-test-read-XXXXXX";

/* ---- helpers ---- */

/* A growable string for transcripts and generated inputs. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sb_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void sb_fill(sbuf *b, char c, size_t n)
{
    char chunk[4096];
    memset(chunk, c, sizeof chunk);
    while (n) {
        size_t k = n < sizeof chunk ? n : sizeof chunk;
        sb_add(b, chunk, k);
        n -= k;
    }
}

/* The result of one reader_next() call as a transcript line. */
static void note(sbuf *t, read_status st, const story *s, const read_failure *f)
{
    if (st == READ_STORY)
        sb_printf(t, "S %ld %s %s\n", s->line, s->id, s->date);
    else
        sb_printf(t, "F %ld %s %s\n", f->line, f->id ? f->id : "-", f->message);
}

/* Reads r to the end (and once more, which must give READ_END again);
 * returns the transcript (caller frees) and closes r. */
static char *drain(reader *r)
{
    sbuf t = { 0 };
    arena *a = arena_new();
    story s;
    read_failure f;
    read_status st;
    sb_add(&t, "", 0);
    for (int guard = 0; guard < 100000 && (st = reader_next(r, a, &s, &f)) != READ_END; guard++) {
        note(&t, st, &s, &f);
        arena_reset(a);
    }
    if (reader_next(r, a, &s, &f) != READ_END) sb_add(&t, "NOT-END\n", 8);
    arena_free(a);
    reader_close(r);
    return t.p;
}

static char *drain_memory(const char *data, const char *name, input_format fmt)
{
    return drain(reader_open_memory(data, strlen(data), name, fmt));
}

/* Writes data to tmpdir/name; returns the path (static buffer). */
static const char *write_file(const char *name, const char *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) { perror(path); abort(); }
    if (len && fwrite(data, 1, len, fp) != len) abort();
    fclose(fp);
    return path;
}

static void make_dir(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (mkdir(path, 0700) != 0 && errno != EEXIST) { perror(path); abort(); }
}

/* The next result of r, which must be a story; *s filled. */
static int next_story(reader *r, arena *a, story *s)
{
    read_failure f;
    return reader_next(r, a, s, &f) == READ_STORY;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- names, dates, UTF-8 ---- */

static void test_format_names(void)
{
    CHECK_INT(input_format_parse("text"), INPUT_TEXT);
    CHECK_INT(input_format_parse("jsonl"), INPUT_JSONL);
    CHECK_INT(input_format_parse("petrarch-xml"), INPUT_PETRARCH_XML);
    CHECK_INT(input_format_parse("xml"), INPUT_PETRARCH_XML);
    CHECK_INT(input_format_parse("auto"), INPUT_AUTO);
    CHECK_INT(input_format_parse("csv"), -1);
    CHECK_INT(input_format_parse(NULL), -1);
    CHECK_STR(input_format_name(INPUT_TEXT), "text");
    CHECK_STR(input_format_name(INPUT_JSONL), "jsonl");
    CHECK_STR(input_format_name(INPUT_PETRARCH_XML), "petrarch-xml");
}

static void test_parse_date(void)
{
    int y = 0, m = 0, d = 0;
    CHECK_INT(parse_story_date("2024-04-09", 10, &y, &m, &d), 0);
    CHECK(y == 2024 && m == 4 && d == 9);
    CHECK_INT(parse_story_date("19950101", 8, &y, &m, &d), 0);
    CHECK(y == 1995 && m == 1 && d == 1);
    CHECK_INT(parse_story_date("2024-02-29", 10, &y, &m, &d), 0);
    CHECK_INT(parse_story_date("2000-02-29", 10, &y, &m, &d), 0);
    CHECK_INT(parse_story_date("2023-02-29", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("1900-02-29", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-13-01", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-00-10", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-04-31", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-04-00", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("20240230", 8, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024/04/09", 10, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-4-9", 8, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("2024-04-09", 9, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("", 0, &y, &m, &d), -1);
    CHECK_INT(parse_story_date("0000-01-01", 10, &y, &m, &d), -1);
    CHECK(y == 2000 && m == 2 && d == 29);   /* failures leave the outputs alone */
}

static void test_utf8_offset(void)
{
    CHECK_INT(utf8_invalid_offset("", 0), -1);
    CHECK_INT(utf8_invalid_offset("plain ascii text, long enough for words", 39), -1);
    CHECK_INT(utf8_invalid_offset("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x98\x80", 18), -1);
    CHECK_INT(utf8_invalid_offset("\xf4\x8f\xbf\xbf", 4), -1);          /* U+10FFFF */
    CHECK_INT(utf8_invalid_offset("\xed\x9f\xbf", 3), -1);              /* U+D7FF */
    CHECK_INT(utf8_invalid_offset("abc\xff", 4), 3);
    CHECK_INT(utf8_invalid_offset("0123456789abcdef\x80", 17), 16);     /* lone continuation */
    CHECK_INT(utf8_invalid_offset("ab\xc0\xaf", 4), 2);                 /* overlong '/' */
    CHECK_INT(utf8_invalid_offset("\xc1\xbf", 2), 0);                   /* overlong */
    CHECK_INT(utf8_invalid_offset("x\xe0\x80\xaf", 4), 1);              /* overlong 3-byte */
    CHECK_INT(utf8_invalid_offset("xy\xf0\x8f\xbf\xbf", 6), 2);         /* overlong 4-byte */
    CHECK_INT(utf8_invalid_offset("\xed\xa0\x80", 3), 0);               /* surrogate U+D800 */
    CHECK_INT(utf8_invalid_offset("a\xed\xbf\xbf", 4), 1);              /* surrogate U+DFFF */
    CHECK_INT(utf8_invalid_offset("\xf4\x90\x80\x80", 4), 0);           /* U+110000 */
    CHECK_INT(utf8_invalid_offset("\xf5\x80\x80\x80", 4), 0);
    CHECK_INT(utf8_invalid_offset("ok \xe2\x82", 5), 3);                /* truncated at the end */
    CHECK_INT(utf8_invalid_offset("\xe2\x82x", 3), 0);                  /* truncated inside */
    CHECK_INT(utf8_invalid_offset("a\0b", 3), -1);                      /* NUL is UTF-8 */
}

/* ---- text ---- */

static void test_text_basic(void)
{
    const char *in = "date 2024-04-09\n\nHeadline\nBody \xe2\x80\x9cquoted\xe2\x80\x9d.\n";
    reader *r = reader_open_memory(in, strlen(in), "corpus/lavrov-xi.txt", INPUT_AUTO);
    arena *a = arena_new();
    story s;
    CHECK_INT(reader_format(r), INPUT_TEXT);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "lavrov-xi");
    CHECK_STR(s.date, "2024-04-09");
    CHECK(s.year == 2024 && s.month == 4 && s.day == 9);
    CHECK_STR(s.text, "Headline\nBody \xe2\x80\x9cquoted\xe2\x80\x9d.\n");
    CHECK_INT(s.text_len, strlen(s.text));
    CHECK_INT(s.line, 3);
    CHECK_STR(s.origin, "corpus/lavrov-xi.txt");
    CHECK(s.title == NULL && s.source == NULL && s.url == NULL && s.category == NULL);
    read_failure f;
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    reader_close(r);
    arena_free(a);
}

static void test_text_blanks_and_crlf(void)
{
    const char *in = "\n  \r\n\t date 2024-04-09 \t\r\n\r\n \r\n  Indented first line\r\nsecond\r\n";
    reader *r = reader_open_memory(in, strlen(in), "x.txt", INPUT_TEXT);
    arena *a = arena_new();
    story s;
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.text, "  Indented first line\r\nsecond\r\n");
    CHECK_INT(s.line, 6);
    CHECK_STR(s.date, "2024-04-09");
    CHECK_STR(s.id, "x");
    reader_close(r);
    /* YYYYMMDD on the date line, a BOM, no final newline */
    const char *in2 = "\xef\xbb\xbf" "date 20240409\nText";
    r = reader_open_memory(in2, strlen(in2), "-", INPUT_AUTO);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.date, "2024-04-09");
    CHECK_STR(s.text, "Text");
    CHECK_STR(s.id, "stdin");
    CHECK_STR(s.origin, "-");
    CHECK_INT(s.line, 2);
    reader_close(r);
    arena_free(a);
}

static void test_text_failures(void)
{
    char *t;
    t = drain_memory("Hello world\nmore\n", "a/notes.txt", INPUT_AUTO);
    CHECK_STR(t, "F 1 notes no date line: the first line is \"Hello world\", expected \"date YYYY-MM-DD\"\n");
    free(t);
    t = drain_memory("\n\ndate 2023-02-29\nText\n", "s.txt", INPUT_TEXT);
    CHECK_STR(t, "F 3 s impossible date \"2023-02-29\"\n");
    free(t);
    t = drain_memory("date 2024-13-01\nText\n", "s.txt", INPUT_TEXT);
    CHECK_STR(t, "F 1 s impossible date \"2024-13-01\"\n");
    free(t);
    t = drain_memory("date 9 April 2024\nText\n", "s.txt", INPUT_TEXT);
    CHECK_STR(t, "F 1 s bad date \"9 April 2024\" (expected YYYY-MM-DD or YYYYMMDD)\n");
    free(t);
    t = drain_memory("date 2024-04-09\n\n  \t\n", "s.txt", INPUT_TEXT);
    CHECK_STR(t, "F 1 s text is empty\n");
    free(t);
    t = drain_memory("date 2024-04-09\nabc\xff rest\n", "s.txt", INPUT_TEXT);
    CHECK_STR(t, "F 2 s invalid UTF-8 at byte 19\n");
    free(t);
    t = drain_memory("", "empty.txt", INPUT_AUTO);
    CHECK_STR(t, "F 1 empty no date line: the file is empty\n");
    free(t);
    t = drain_memory("dated 2024-04-09\nx", "s.txt", INPUT_TEXT);
    CHECK(strstr(t, "no date line") != NULL);
    free(t);
    reader *r = reader_open_memory("date 2024-04-09\na\0b", 19, "nul.txt", INPUT_TEXT);
    t = drain(r);
    CHECK_STR(t, "F 2 nul NUL byte at byte 17\n");
    free(t);
}

/* A message quoting input keeps to printable UTF-8, whatever the bytes. */
static void test_text_quoting(void)
{
    char *t = drain_memory("\x01\xff\"x\\ and a very long first line that goes on and on and on\n",
                           "q.txt", INPUT_TEXT);
    CHECK_STR(t, "F 1 q no date line: the first line is \"\\x01\\xFF\\x22x\\x5C and a very long first "
                 "line that go...\", expected \"date YYYY-MM-DD\"\n");
    CHECK_INT(utf8_invalid_offset(t, strlen(t)), -1);
    free(t);
}

/* ---- detection ---- */

static void test_detect(void)
{
    struct { const char *data, *name; int want; } cases[] = {
        { "{\"id\":1}", "x", INPUT_JSONL },
        { "\xef\xbb\xbf \n {\"id\":1}", "x", INPUT_JSONL },
        { "  <Sentences/>", "x", INPUT_PETRARCH_XML },
        { "date 2024-04-09\nx", "x", INPUT_TEXT },
        { "hello", "x", INPUT_TEXT },
        { "", "x", INPUT_TEXT },
        { "date 2024-04-09\nx", "x.jsonl", INPUT_JSONL },
        { "{}", "x.txt", INPUT_TEXT },
        { "{}", "x.XML", INPUT_PETRARCH_XML },
        { "<a/>", "dir.jsonl/x.ndjson", INPUT_JSONL },
        { "<a/>", "x.json", INPUT_JSONL },
        { "{}", "x.csv", INPUT_JSONL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        reader *r = reader_open_memory(cases[i].data, strlen(cases[i].data), cases[i].name, INPUT_AUTO);
        CHECK_INT(reader_format(r), cases[i].want);
        reader_close(r);
    }
    reader *r = reader_open_memory("{}", 2, "x.txt", INPUT_PETRARCH_XML);
    CHECK_INT(reader_format(r), INPUT_PETRARCH_XML);
    reader_close(r);
    char *t = drain_memory("hello\n", "x", INPUT_AUTO);
    CHECK(strncmp(t, "F 1 x no date line", 18) == 0);
    free(t);
}

/* ---- jsonl ---- */

static void test_jsonl_basic(void)
{
    const char *in =
        "{\"id\": \"s1\", \"date\": \"2024-04-09\", \"text\": \"Lavrov met Xi.\", \"title\": \"T\","
        " \"source\": \"Agency\", \"url\": \"https://x/1\", \"extra\": {\"a\": [1, 2, {\"b\": null}]}}\n"
        "\n"
        "   \t\n"
        "{\"id\": 42, \"date\": \"20240410\", \"text\": \"caf\\u00e9 \\\"q\\\"\\n\\ud83d\\ude00\","
        " \"title\": null}\r\n"
        "{\"text\":\"dup\",\"id\":-0,\"date\":\"2024-04-11\",\"text\":\"last wins\"}";
    reader *r = reader_open_memory(in, strlen(in), "feed.jsonl", INPUT_AUTO);
    arena *a = arena_new();
    story s;
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "s1");
    CHECK_STR(s.text, "Lavrov met Xi.");
    CHECK_STR(s.title, "T");
    CHECK_STR(s.source, "Agency");
    CHECK_STR(s.url, "https://x/1");
    CHECK_INT(s.line, 1);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "42");
    CHECK_STR(s.date, "2024-04-10");
    CHECK_STR(s.text, "caf\xc3\xa9 \"q\"\n\xf0\x9f\x98\x80");
    CHECK_INT(s.text_len, strlen(s.text));
    CHECK(s.title == NULL && s.source == NULL && s.url == NULL);
    CHECK_INT(s.line, 4);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "0");
    CHECK_STR(s.text, "last wins");
    CHECK_INT(s.line, 5);
    read_failure f;
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    reader_close(r);
    arena_free(a);
}

static void test_jsonl_continuation(void)
{
    sbuf in = { 0 };
    for (int i = 1; i <= 7; i++) {
        if (i == 4) sb_printf(&in, "{\"id\": \"s4\", \"date\": \"2024-04-09\", \"text\": \"cut\n");
        else sb_printf(&in, "{\"id\": \"s%d\", \"date\": \"2024-04-09\", \"text\": \"Story %d.\"}\n", i, i);
    }
    char *t = drain_memory(in.p, "feed.jsonl", INPUT_JSONL);
    CHECK_STR(t, "S 1 s1 2024-04-09\n"
                 "S 2 s2 2024-04-09\n"
                 "S 3 s3 2024-04-09\n"
                 "F 4 - malformed JSON at column 47: premature end of input near '\"cut'\n"
                 "S 5 s5 2024-04-09\n"
                 "S 6 s6 2024-04-09\n"
                 "S 7 s7 2024-04-09\n");
    free(t);
    free(in.p);
}

static void test_jsonl_failures(void)
{
    const char *in =
        "{\"id\":\"a\",\"date\":\"2023-02-29\",\"text\":\"x\"}\n"
        "{bad json}\n"
        "[1, 2]\n"
        "\"just a string\"\n"
        "{\"date\":\"2024-01-01\",\"text\":\"x\"}\n"
        "{\"id\":\"b\",\"text\":\"x\"}\n"
        "{\"id\":\"c\",\"date\":\"2024-01-01\"}\n"
        "{\"id\":true,\"date\":\"2024-01-01\",\"text\":\"x\"}\n"
        "{\"id\":\"\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n"
        "{\"id\":\"d\",\"date\":20240101,\"text\":\"x\"}\n"
        "{\"id\":\"e\",\"date\":\"2024-01-01\",\"text\":7}\n"
        "{\"id\":\"f\",\"date\":\"2024-01-01\",\"text\":\"x\",\"title\":[\"t\"]}\n"
        "{\"id\":\"g\",\"date\":\"2024-01-01\",\"text\":\"\"}\n"
        "{\"id\":\"h\",\"date\":\"2024-01-01\",\"text\":\" \\n\\t \"}\n"
        "{\"id\":\"i\",\"date\":\"2024-01-01\",\"text\":\"caf\xc3\"}\n"
        "{\"id\":\"j\",\"date\":\"01/01/2024\",\"text\":\"x\"}\n"
        "{\"id\":\"k\",\"date\":\"2024-01-01\",\"text\":\"a\\u0000b\"}\n"
        "{\"id\":\"l\",\"date\":\"2024-01-01\",\"text\":\"x\"} trailing\n"
        "{\"id\":1.5,\"date\":\"2024-01-01\",\"text\":\"ok\"}\n";
    char *t = drain_memory(in, "bad.jsonl", INPUT_AUTO);
    CHECK_STR(t,
        "F 1 a impossible date \"2023-02-29\"\n"
        "F 2 - malformed JSON at column 4: string or '}' expected near 'bad'\n"
        "F 3 - expected a JSON object, got an array\n"
        "F 4 - malformed JSON at column 15: '[' or '{' expected near '\"just a string\"'\n"
        "F 5 - missing \"id\"\n"
        "F 6 b missing \"date\"\n"
        "F 7 c missing \"text\"\n"
        "F 8 - \"id\" must be a string or a number, not a boolean\n"
        "F 9 - \"id\" is empty\n"
        "F 10 d \"date\" must be a string, not a number\n"
        "F 11 e \"text\" must be a string, not a number\n"
        "F 12 f \"title\" must be a string, not an array\n"
        "F 13 g text is empty\n"
        "F 14 h text is only white space\n"
        "F 15 - invalid UTF-8 at byte 509 (column 42)\n"
        "F 16 j bad date \"01/01/2024\" (expected YYYY-MM-DD or YYYYMMDD)\n"
        "F 17 - malformed JSON at column 47: \\u0000 is not allowed without JSON_ALLOW_NUL near '\"a\\u0000b\"'\n"
        "F 18 - malformed JSON at column 50: end of file expected near 'trailing'\n"
        "S 19 1.5 2024-01-01\n");
    free(t);
}

/* jansson's message quotes input cut mid-character; ours stays UTF-8. */
static void test_jsonl_message_utf8(void)
{
    char *t = drain_memory("{\"i\\u006\xc5\x99\":\"2024\"}\n", "m.jsonl", INPUT_JSONL);
    CHECK(strncmp(t, "F 1 - malformed JSON at column ", 31) == 0);
    CHECK(strstr(t, "\\xC5") != NULL);
    CHECK_INT(utf8_invalid_offset(t, strlen(t)), -1);
    free(t);
}

/* The fast scanner and jansson agree, or the fast one declines. */
static void test_json_fast_path(void)
{
    static const char *const agree[] = {
        "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"t\"}",
        " { \"id\" : 12 , \"text\" : \"a\\\\b\\/c\\b\\f\\r\\t\" , \"url\" : null } ",
        "{\"id\":-7,\"title\":true,\"source\":false,\"x\":[[],{}],\"date\":{}}",
        "{\"text\":\"\\u00E9\\u4e2d\\uD834\\uDD1E\",\"id\":[1]}",
        "{}",
        "{\"a\":{\"b\":{\"c\":[1,-2,\"x\",null,true]}},\"id\":\"q\"}",
    };
    static const char *const declined[] = {
        "{\"id\":1.5}", "{\"id\":1e3}", "{\"id\":12345678901234567890}", "{\"i\\u0064\":\"x\"}",
        "{\"id\":\"\\ud800\"}", "{\"id\":\"\\u0000\"}", "{\"id\":\"a\tb\"}", "{\"id\":01}",
        "{\"id\":\"x\"", "[1]", "{\"id\":\"x\"} y", "{\"id\":tru}", "{\"id\":\"\\x\"}", "",
    };
    arena *a = arena_new();
    char msg[RD_MSG];
    for (size_t i = 0; i < sizeof agree / sizeof agree[0]; i++) {
        rd_jfields fast, full;
        const char *s = agree[i];
        CHECK(rd_json_fast(s, strlen(s), a, &fast) == 1);
        CHECK(rd_json_full(s, strlen(s), a, &full, msg, sizeof msg) == 0);
        const rd_jv *x = &fast.id, *y = &full.id;
        for (int k = 0; k < 6; k++) {
            CHECK_INT(x[k].type, y[k].type);
            CHECK(x[k].n == y[k].n && (x[k].n == 0 || memcmp(x[k].s, y[k].s, x[k].n) == 0));
        }
    }
    for (size_t i = 0; i < sizeof declined / sizeof declined[0]; i++) {
        rd_jfields f;
        CHECK_INT(rd_json_fast(declined[i], strlen(declined[i]), a, &f), 0);
    }
    arena_free(a);
}

/* ---- petrarch-xml ---- */

static const char xml_doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                              /* 1 */
    "<Validation>\n"                                                            /* 2 */
    "<Environment><Verbfile>v.txt</Verbfile></Environment>\n"                   /* 3 */
    "<Sentences>\n"                                                             /* 4 */
    "<!-- a comment with <Sentence> inside -->\n"                               /* 5 */
    "<Sentence date=\"19950101\" id=\"T-01\" category=\"DEMO\" sentence=\"true\">\n" /* 6 */
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
    "<Text>\n"                                                                  /* 8 */
    "Arnor restored ties &amp; trade\n"
    "   with Gondor.\n"
    "</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>\n"
    "</Sentence>\n"                                                             /* 13 */
    "<Sentence date=\"2024-04-09\" id=\"T-02\">\n"                              /* 14 */
    "<Text>Second <b>bold</b> one.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20240410\" id=\"T-02\"><Text>Same id.</Text></Sentence>\n" /* 17 */
    "</Sentences>\n"
    "</Validation>\n";

static void test_xml_basic(void)
{
    reader *r = reader_open_memory(xml_doc, strlen(xml_doc), "units.xml", INPUT_AUTO);
    arena *a = arena_new();
    story s;
    CHECK_INT(reader_format(r), INPUT_PETRARCH_XML);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "T-01");
    CHECK_STR(s.date, "1995-01-01");
    CHECK_STR(s.category, "DEMO");
    CHECK_STR(s.text, "\nArnor restored ties & trade\n   with Gondor.\n");
    CHECK_INT(s.line, 6);
    CHECK_STR(s.origin, "units.xml");
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "T-02");
    CHECK_STR(s.text, "Second bold one.");
    CHECK(s.category == NULL);
    CHECK_INT(s.line, 14);
    reader_close(r);
    arena_free(a);
    char *t = drain_memory(xml_doc, "units.xml", INPUT_PETRARCH_XML);
    CHECK_STR(t, "S 6 T-01 1995-01-01\nS 14 T-02 2024-04-09\nS 17 T-02 2024-04-10\n");
    free(t);
}

/* n records "<Sentence date=.. id="R<i>"><Text>Story <i>.</Text></Sentence>",
 * record i on lines 3i-1 .. 3i+1; record `bad` gets `broken` as its text line. */
static char *xml_records(int n, int bad, const char *broken)
{
    sbuf b = { 0 };
    sb_printf(&b, "<Sentences>\n");
    for (int i = 1; i <= n; i++) {
        sb_printf(&b, "<Sentence date=\"20240101\" id=\"R%d\">\n", i);
        if (i == bad) sb_printf(&b, "%s\n", broken);
        else sb_printf(&b, "<Text>Story %d.</Text>\n", i);
        sb_printf(&b, "</Sentence>\n");
    }
    sb_printf(&b, "</Sentences>\n");
    return b.p;
}

static void test_xml_cut(void)
{
    char *xml = xml_records(5, 0, NULL);
    char *cut = strstr(xml, "Story 4") + 3;
    *cut = '\0';
    char *t = drain_memory(xml, "cut.xml", INPUT_AUTO);
    CHECK_STR(t, "S 2 R1 2024-01-01\nS 5 R2 2024-01-01\nS 8 R3 2024-01-01\n"
                 "F 11 R4 the input ends inside <Sentence> (XML error at line 12: no element found)\n");
    free(t);
    /* cut inside a start tag */
    strcpy(xml, "<Sentences>\n<Sentence date=\"20240101\" id=\"R1\"><Text>A.</Text></Sentence>\n<Sentence da");
    t = drain_memory(xml, "cut.xml", INPUT_AUTO);
    CHECK_STR(t, "S 2 R1 2024-01-01\nF 3 - XML error at line 3, column 1: unclosed token\n");
    free(t);
    free(xml);
}

static void test_xml_resync(void)
{
    struct { const char *broken, *want; } cases[] = {
        { "<Text>Story two.</Txet>", "F 5 R2 XML error at line 6, column 19: mismatched tag\n" },
        { "<Text>Story &nbsp; two.</Text>", "F 5 R2 XML error at line 6, column 13: undefined entity\n" },
        { "<Text>Story \xc3\x28 two.</Text>", "F 5 R2 invalid UTF-8 at byte 128 (line 6)\n" },
        { "<Text>Story two.", "F 5 R2 <Sentence> not closed before the next <Sentence> at line 7\n" },
        { "<Text>Story <two.</Text>", "F 5 R2 XML error at line 6, column 18: not well-formed (invalid token)\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *xml = xml_records(4, 2, cases[i].broken);
        if (strcmp(cases[i].broken, "<Text>Story two.") == 0) {
            char *end = strstr(xml, "</Sentence>\n<Sentence date=\"20240101\" id=\"R3\"");
            memmove(end, end + 12, strlen(end + 12) + 1);   /* drop R2's </Sentence> */
        }
        char *t = drain_memory(xml, "bad.xml", INPUT_AUTO);
        sbuf want = { 0 };
        sb_printf(&want, "S 2 R1 2024-01-01\n%sS %d R3 2024-01-01\nS %d R4 2024-01-01\n",
                  cases[i].want, i == 3 ? 7 : 8, i == 3 ? 10 : 11);
        CHECK_STR(t, want.p);
        free(want.p);
        free(t);
        free(xml);
    }
}

static void test_xml_failures(void)
{
    const char *xml =
        "<Sentences>\n"
        "<Sentence date=\"20240101\"><Text>No id.</Text></Sentence>\n"
        "<Sentence id=\"a\"><Text>No date.</Text></Sentence>\n"
        "<Sentence id=\"b\" date=\"20230229\"><Text>Bad date.</Text></Sentence>\n"
        "<Sentence id=\"c\" date=\"2024-01-01\"><Parse>(S)</Parse></Sentence>\n"
        "<Sentence id=\"d\" date=\"2024-01-01\"><Text>\n   \n</Text></Sentence>\n"
        "<Sentence id=\"e\" date=\"2024-01-01\"><Text></Text></Sentence>\n"
        "<Sentence id=\"f\" date=\"2024-01-01\"/>\n"
        "<Sentence id=\"g\" date=\"2024-01-01\"><Text>Fine.</Text></Sentence>\n"
        "</Sentences>\n"
        "<trailing/>\n";
    char *t = drain_memory(xml, "f.xml", INPUT_AUTO);
    CHECK_STR(t,
        "F 2 - <Sentence> has no id attribute\n"
        "F 3 a <Sentence> has no date attribute\n"
        "F 4 b impossible date \"20230229\"\n"
        "F 5 c <Sentence> has no <Text>\n"
        "F 6 d text is only white space\n"
        "F 9 e text is empty\n"
        "F 10 f <Sentence> has no <Text>\n"
        "S 11 g 2024-01-01\n"
        "F 13 - XML error at line 13, column 1: junk after document element\n");
    free(t);
    t = drain_memory("", "empty.xml", INPUT_AUTO);
    CHECK_STR(t, "F 1 - XML error at line 1, column 1: no element found\n");
    free(t);
    t = drain_memory("<Sentences></Sentences>", "none.xml", INPUT_AUTO);
    CHECK_STR(t, "");
    free(t);
}

/* Recovery sessions decode with the encoding the document declared. */
static void test_xml_encoding(void)
{
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<Sentences>\n"
        "<Sentence id=\"a\" date=\"20240101\"><Text>Caf\xe9</Text></Sentence>\n"
        "<Sentence id=\"b\" date=\"20240101\"><Text>x</Tex></Sentence>\n"
        "<Sentence id=\"c\" date=\"20240101\"><Text>Na\xefve</Text></Sentence>\n"
        "</Sentences>\n";
    reader *r = reader_open_memory(xml, strlen(xml), "latin.xml", INPUT_AUTO);
    arena *a = arena_new();
    story s;
    read_failure f;
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.text, "Caf\xc3\xa9");
    CHECK_INT(reader_next(r, a, &s, &f), READ_FAILED);
    CHECK_STR(f.id, "b");
    CHECK_INT(f.line, 4);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "c");
    CHECK_STR(s.text, "Na\xc3\xafve");
    CHECK_INT(s.line, 5);
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    reader_close(r);
    arena_free(a);
}

/* ---- limits ---- */

static void test_oversize_memory(void)
{
    size_t big = DYAD_MAX_STORY_BYTES + 1;
    sbuf b = { 0 };
    sb_printf(&b, "date 2024-04-09\n");
    sb_fill(&b, 'a', big);
    char *t = drain(reader_open_memory(b.p, b.len, "big.txt", INPUT_AUTO));
    CHECK_STR(t, "F 2 big record longer than 16 MiB\n");
    free(t);
    b.len = 0;
    sb_printf(&b, "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n{\"id\":\"big\",\"text\":\"");
    sb_fill(&b, 'a', big);
    sb_printf(&b, "\"}\n{\"id\":\"c\",\"date\":\"2024-01-01\",\"text\":\"y\"}\n");
    t = drain(reader_open_memory(b.p, b.len, "big.jsonl", INPUT_AUTO));
    CHECK_STR(t, "S 1 a 2024-01-01\nF 2 - record longer than 16 MiB\nS 3 c 2024-01-01\n");
    free(t);
    b.len = 0;
    sb_printf(&b, "<Sentences>\n<Sentence id=\"big\" date=\"20240101\"><Text>");
    sb_fill(&b, 'a', big);
    sb_printf(&b, "</Text></Sentence>\n<Sentence id=\"c\" date=\"20240101\"><Text>y</Text></Sentence>\n</Sentences>\n");
    t = drain(reader_open_memory(b.p, b.len, "big.xml", INPUT_AUTO));
    CHECK_STR(t, "F 2 big record longer than 16 MiB\nS 3 c 2024-01-01\n");
    free(t);
    /* exactly at the limit is fine */
    b.len = 0;
    sb_printf(&b, "date 2024-04-09\n");
    sb_fill(&b, 'a', DYAD_MAX_STORY_BYTES);
    t = drain(reader_open_memory(b.p, b.len, "limit.txt", INPUT_AUTO));
    CHECK_STR(t, "S 2 limit 2024-04-09\n");
    free(t);
    free(b.p);
}

/* Files larger than the window: the reader keeps one record plus its window. */
static void test_oversize_files(void)
{
    size_t big = DYAD_MAX_STORY_BYTES + 3 * RD_CHUNK / 2;
    sbuf b = { 0 };
    sb_printf(&b, "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n{\"id\":\"big\",\"text\":\"");
    sb_fill(&b, 'a', big);
    sb_printf(&b, "\"}\r\n{\"id\":\"c\",\"date\":\"2024-01-01\",\"text\":\"y\"}\n");
    const char *path = write_file("big.jsonl", b.p, b.len);
    read_failure f;
    reader *r = reader_open(path, INPUT_AUTO, &f);
    arena *a = arena_new();
    story s;
    CHECK(next_story(r, a, &s));
    CHECK_INT(reader_next(r, a, &s, &f), READ_FAILED);
    CHECK_STR(f.message, "record longer than 16 MiB");
    CHECK_INT(f.line, 2);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "c");
    CHECK_INT(s.line, 3);
    CHECK(r->rec.cap <= DYAD_MAX_STORY_BYTES);
    reader_close(r);
    /* one line, no newline at all: fails once, nothing buffered beyond the limit */
    b.len = 0;
    sb_fill(&b, 'x', big);
    path = write_file("noline.jsonl", b.p, b.len);
    r = reader_open(path, INPUT_AUTO, &f);
    CHECK_INT(reader_next(r, a, &s, &f), READ_FAILED);
    CHECK_STR(f.message, "record longer than 16 MiB");
    CHECK(r->rec.cap <= DYAD_MAX_STORY_BYTES);
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    reader_close(r);
    /* text: the file is one record */
    b.len = 0;
    sb_printf(&b, "date 2024-04-09\n");
    sb_fill(&b, 'a', big);
    char *t = drain(reader_open(write_file("big.txt", b.p, b.len), INPUT_AUTO, &f));
    CHECK_STR(t, "F 2 big record longer than 16 MiB\n");
    free(t);
    /* XML: a comment too long for one token fails; the next Sentence is read */
    b.len = 0;
    sb_printf(&b, "<Sentences>\n<!-- ");
    sb_fill(&b, 'c', big);
    sb_printf(&b, " -->\n<Sentence id=\"c\" date=\"20240101\"><Text>y</Text></Sentence>\n</Sentences>\n");
    t = drain(reader_open(write_file("comment.xml", b.p, b.len), INPUT_AUTO, &f));
    CHECK(strncmp(t, "F ", 2) == 0 && strstr(t, "record longer than 16 MiB\n") != NULL);
    CHECK(strstr(t, "\nS 3 c 2024-01-01\n") != NULL);
    free(t);
    arena_free(a);
    free(b.p);
}

/* Records crossing window boundaries, recovery far into a file. */
static void test_large_files(void)
{
    sbuf b = { 0 };
    int n = 3000;
    for (int i = 1; i <= n; i++)
        sb_printf(&b, "{\"id\":\"s%d\",\"date\":\"2024-01-01\",\"text\":\"%0*d\"}\n", i, 300 + i % 700, i);
    read_failure f;
    reader *r = reader_open(write_file("many.jsonl", b.p, b.len), INPUT_AUTO, &f);
    arena *a = arena_new();
    story s;
    int count = 0, lines_ok = 1;
    while (next_story(r, a, &s)) {
        count++;
        lines_ok &= s.line == count && (int)s.text_len == 300 + count % 700;
        arena_reset(a);
    }
    CHECK_INT(count, n);
    CHECK(lines_ok);
    reader_close(r);
    /* records longer than the window but within the limit */
    size_t long_len = 3 * RD_CHUNK + 17;
    b.len = 0;
    sb_printf(&b, "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\"}\n{\"id\":\"long\",\"date\":\"2024-01-01\",\"text\":\"");
    sb_fill(&b, 'a', long_len);
    sb_printf(&b, "\"}\n{\"id\":\"c\",\"date\":\"2024-01-01\",\"text\":\"y\"}\n");
    r = reader_open(write_file("long.jsonl", b.p, b.len), INPUT_AUTO, &f);
    CHECK(next_story(r, a, &s));
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "long");
    CHECK_INT(s.text_len, long_len);
    CHECK_INT(s.line, 2);
    CHECK(next_story(r, a, &s));
    CHECK_INT(s.line, 3);
    reader_close(r);
    b.len = 0;
    sb_printf(&b, "\n\ndate 2024-01-01\n\n");
    sb_fill(&b, 'a', long_len);
    r = reader_open(write_file("long.txt", b.p, b.len), INPUT_AUTO, &f);
    CHECK(next_story(r, a, &s));
    CHECK_INT(s.text_len, long_len);
    CHECK_INT(s.line, 5);
    reader_close(r);
    b.len = 0;
    sb_printf(&b, "<Sentences>\n<Sentence id=\"long\" date=\"20240101\"><Text>");
    sb_fill(&b, 'a', long_len);
    sb_printf(&b, "</Text></Sentence>\n<Sentence id=\"c\" date=\"20240101\"><Text>y</Text></Sentence>\n</Sentences>\n");
    r = reader_open(write_file("long.xml", b.p, b.len), INPUT_AUTO, &f);
    CHECK(next_story(r, a, &s));
    CHECK_INT(s.text_len, long_len);
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "c");
    CHECK_INT(s.line, 3);
    reader_close(r);
    /* XML: corrupt every 500th record of 6000 (about 2 MB) */
    b.len = 0;
    sb_printf(&b, "<Sentences>\n");
    for (int i = 1; i <= 6000; i++) {
        sb_printf(&b, "<Sentence date=\"20240101\" id=\"R%d\">\n<Parse>%0*d</Parse>\n", i, 200, i);
        sb_printf(&b, i % 500 ? "<Text>Story.</Text>\n</Sentence>\n" : "<Text>Story.</Txt>\n</Sentence>\n");
    }
    sb_printf(&b, "</Sentences>\n");
    char *t = drain(reader_open(write_file("many.xml", b.p, b.len), INPUT_AUTO, &f));
    int stories = 0, fails = 0, lines_ok2 = 1;
    for (char *line = t; *line; line = strchr(line, '\n') + 1) {
        long ln = strtol(line + 2, NULL, 10);
        int id = atoi(strchr(line + 2, 'R') + 1);
        lines_ok2 &= ln == 2 + 4L * (id - 1);
        if (*line == 'S') stories++;
        else fails += id % 500 == 0;
    }
    CHECK_INT(stories, 6000 - 12);
    CHECK_INT(fails, 12);
    CHECK(lines_ok2);
    free(t);
    arena_free(a);
    free(b.p);
}

/* ---- files, standard input, lists ---- */

static void test_open_errors(void)
{
    read_failure f = { 0 };
    char path[600];
    snprintf(path, sizeof path, "%s/missing.txt", tmpdir);
    CHECK(reader_open(path, INPUT_AUTO, &f) == NULL);
    CHECK_STR(f.origin, path);
    CHECK_STR(f.message, "cannot open: No such file or directory");
    CHECK(reader_open(tmpdir, INPUT_AUTO, &f) == NULL);
    CHECK_STR(f.message, "cannot open: is a directory");
}

/* Random bytes fail at once with "no date line".  The text reader reads
 * /dev/urandom itself; detection (INPUT_AUTO) gets a finite sample whose
 * first byte is not '{' or '<': random bytes that happen to start so are
 * read as JSON or XML, an endless stream of bad records (about one run in
 * a hundred). */
static void test_urandom(void)
{
    read_failure f;
    if (access("/dev/urandom", R_OK) != 0) {
        printf("SKIP test_urandom: no /dev/urandom\n");
        return;
    }
    char sample[256];
    snprintf(sample, sizeof sample, "%s/random.bin", tmpdir);
    FILE *in = fopen("/dev/urandom", "rb"), *out = fopen(sample, "wb");
    CHECK(in && out);
    if (!in || !out) { if (in) fclose(in); if (out) fclose(out); return; }
    unsigned char buf[65536];
    size_t got = fread(buf, 1, sizeof buf, in);
    buf[0] = 0xff;
    fwrite(buf, 1, got, out);
    fclose(in);
    fclose(out);
    for (int fmt = INPUT_AUTO; fmt <= INPUT_TEXT; fmt++) {
        double t0 = now();
        reader *r = reader_open(fmt == INPUT_AUTO ? sample : "/dev/urandom", (input_format)fmt, &f);
        arena *a = arena_new();
        story s;
        CHECK(r != NULL);
        CHECK_INT(reader_next(r, a, &s, &f), READ_FAILED);
        CHECK(strncmp(f.message, "no date line", 12) == 0);
        CHECK_STR(f.id, fmt == INPUT_AUTO ? "random" : "urandom");
        CHECK_INT(utf8_invalid_offset(f.message, strlen(f.message)), -1);
        CHECK_INT(reader_next(r, a, &s, &f), READ_END);
        reader_close(r);
        arena_free(a);
        CHECK(now() - t0 < 2.0);
    }
}

/* Reads "-" with fd 0 replaced by `fd`. */
static char *drain_stdin(int fd, input_format fmt)
{
    int saved = dup(STDIN_FILENO);
    read_failure f;
    dup2(fd, STDIN_FILENO);
    close(fd);
    char *t = drain(reader_open("-", fmt, &f));
    dup2(saved, STDIN_FILENO);
    close(saved);
    return t;
}

static void test_stdin_file(void)
{
    const char *text = "\n date 2024-04-09\n\nFrom standard input.\n";
    int fd = open(write_file("in.txt", text, strlen(text)), O_RDONLY);
    char *t = drain_stdin(fd, INPUT_AUTO);
    CHECK_STR(t, "S 4 stdin 2024-04-09\n");
    free(t);
}

/* A pipe written in pieces by another process: no seeking, no size. */
static void test_stdin_pipe(void)
{
    int p[2];
    if (pipe(p) != 0) { CHECK(0); return; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char line[256];
        for (int i = 1; i <= 20000; i++) {
            int n = snprintf(line, sizeof line, "{\"id\":%d,\"date\":\"2024-01-01\",\"text\":\"Piped story %d.\"}\n", i, i);
            if (write(p[1], line, (size_t)n) != n) _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    char *t = drain_stdin(p[0], INPUT_AUTO);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    size_t lines = 0;
    for (char *c = t; (c = strchr(c, '\n')); c++) lines++;
    CHECK_INT(lines, 20000);
    CHECK(strncmp(t, "S 1 1 2024-01-01\n", 17) == 0);
    CHECK(strstr(t, "\nS 20000 20000 2024-01-01\n") != NULL);
    CHECK(strstr(t, "F ") == NULL);
    free(t);
}

static void test_input_list(void)
{
    const char *files[] = { "tree/b.xml", "tree/a/2.txt", "tree/a/1.jsonl", "tree/a/10.JSON",
                            "tree/c.csv", "tree/.hidden.txt", "tree/.hid/x.txt", "tree/sub/deep/z.ndjson",
                            "tree/notes.md" };
    make_dir("tree");
    make_dir("tree/a");
    make_dir("tree/.hid");
    make_dir("tree/sub");
    make_dir("tree/sub/deep");
    make_dir("tree/empty");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) write_file(files[i], "x", 1);
    char root[600], loop[600], md[600], missing[600];
    snprintf(root, sizeof root, "%s/tree", tmpdir);
    snprintf(loop, sizeof loop, "%s/tree/sub/loop", tmpdir);
    snprintf(md, sizeof md, "%s/tree/notes.md", tmpdir);
    snprintf(missing, sizeof missing, "%s/nope.txt", tmpdir);
    CHECK(symlink("..", loop) == 0);
    const char *args[] = { root, "-", md, missing };
    input_list *l = input_list_new(args, 4);
    const char *want[] = { "a/1.jsonl", "a/10.JSON", "a/2.txt", "b.xml", "sub/deep/z.ndjson" };
    for (size_t i = 0; i < 5; i++) {
        const char *got = input_list_next(l);
        char full[700];
        snprintf(full, sizeof full, "%s/%s", root, want[i]);
        CHECK_STR(got, full);
    }
    CHECK_STR(input_list_next(l), "-");
    CHECK_STR(input_list_next(l), md);
    CHECK_STR(input_list_next(l), missing);
    CHECK(input_list_next(l) == NULL);
    CHECK(input_list_next(l) == NULL);
    input_list_free(l);
    /* a trailing slash does not double up */
    char slash[700];
    snprintf(slash, sizeof slash, "%s/tree/a/", tmpdir);
    const char *args2[] = { slash };
    l = input_list_new(args2, 1);
    char want2[800];
    snprintf(want2, sizeof want2, "%s1.jsonl", slash);
    CHECK_STR(input_list_next(l), want2);
    input_list_free(l);
    l = input_list_new(NULL, 0);
    CHECK(input_list_next(l) == NULL);
    input_list_free(l);
}

/* ---- shared data ---- */

static const char *shared_path(const char *rel, char *buf, size_t size)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    snprintf(buf, size, "%s/%s", shared, rel);
    return access(buf, R_OK) == 0 ? buf : NULL;
}

static void test_shared_story(void)
{
    char buf[1024];
    const char *path = shared_path("stories/lavrov-xi-beijing-2024-04-09.txt", buf, sizeof buf);
    if (!path) { printf("SKIP test_shared_story: %s not found\n", buf); return; }
    read_failure f;
    reader *r = reader_open(path, INPUT_AUTO, &f);
    arena *a = arena_new();
    story s;
    CHECK(next_story(r, a, &s));
    CHECK_STR(s.id, "lavrov-xi-beijing-2024-04-09");
    CHECK_STR(s.date, "2024-04-09");
    CHECK(strncmp(s.text, "Sergei Lavrov's visit to Beijing", 32) == 0);
    CHECK(s.line > 1);
    CHECK(strstr(s.text, "With the contribution of agencies") != NULL);
    CHECK_INT(reader_next(r, a, &s, &f), READ_END);
    reader_close(r);
    arena_free(a);
}

static void test_shared_petrarch(void)
{
    char buf[1024];
    const char *path = shared_path("petrarch2/unit-test/PETR.UnitTest.records.xml", buf, sizeof buf);
    if (!path) { printf("SKIP test_shared_petrarch: %s not found\n", buf); return; }
    read_failure f;
    char *t = drain(reader_open(path, INPUT_AUTO, &f));
    int stories = 0, agents18 = 0;
    for (char *line = t; *line; line = strchr(line, '\n') + 1) {
        stories += *line == 'S';
        agents18 += strncmp(strchr(line + 2, ' ') + 1, "AGENTS-18 ", 10) == 0;
    }
    CHECK_INT(stories, 284);
    CHECK(strstr(t, "F ") == NULL);
    CHECK(strncmp(t, "S 61 DEMO-00 1995-01-01\n", 24) == 0);
    CHECK(strstr(t, " FINAL-RECORD 1995-01-04\n") != NULL);
    CHECK_INT(agents18, 2);
    free(t);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    RUN(test_format_names);
    RUN(test_parse_date);
    RUN(test_utf8_offset);
    RUN(test_text_basic);
    RUN(test_text_blanks_and_crlf);
    RUN(test_text_failures);
    RUN(test_text_quoting);
    RUN(test_detect);
    RUN(test_jsonl_basic);
    RUN(test_jsonl_continuation);
    RUN(test_jsonl_failures);
    RUN(test_jsonl_message_utf8);
    RUN(test_json_fast_path);
    RUN(test_xml_basic);
    RUN(test_xml_cut);
    RUN(test_xml_resync);
    RUN(test_xml_failures);
    RUN(test_xml_encoding);
    RUN(test_oversize_memory);
    RUN(test_oversize_files);
    RUN(test_large_files);
    RUN(test_open_errors);
    RUN(test_urandom);
    RUN(test_stdin_file);
    RUN(test_stdin_pipe);
    RUN(test_input_list);
    RUN(test_shared_story);
    RUN(test_shared_petrarch);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("warning: could not remove %s\n", tmpdir);
    return harness_report("read");
}
