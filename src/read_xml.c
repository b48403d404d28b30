/* read_xml.c — PETRARCH XML, streamed through expat.
 *
 *   <Sentence date="19950101" id="DEMO-00" category="DEMO">
 *   <EventCoding .../>  <Text> Arnor is about to ... </Text>  <Parse>...</Parse>
 *   </Sentence>
 *
 * Each Sentence is one story: id and date attributes (category optional),
 * the character data of its <Text>.  Everything else is ignored.  The
 * parser is suspended at each </Sentence>, so one record is held at a time.
 *
 * Recovery: after a fatal XML error the broken record fails, the input is
 * searched for the next "<Sentence" from the error position, and a fresh
 * parser continues there inside a synthetic <dyad-resync> root.  In such a
 * session errors outside any Sentence (the file's own closing tags, say)
 * are not records and pass silently.  Each session starts further into the
 * input than the last, so recovery always ends. */
#include "read_internal.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define XML_KEEP (64u * 1024u)        /* fed bytes kept in the window for recovery */
#define WRAP_OPEN "<dyad-resync>"
#define WRAP_CLOSE "</dyad-resync>"
#define TAG "<Sentence"
#define TAG_LEN 9

struct rd_xml {
    XML_Parser p;             /* NULL between a failure and the next session */
    rd_off start;             /* stream offset where the session's input begins */
    long start_line;          /* its line */
    long long prefix;         /* bytes of WRAP_OPEN fed before it */
    rd_off fed;               /* input fed to the parser up to here */
    rd_off progress;          /* end of the last parse event */
    rd_off resync_from;       /* where to search for the next session */
    int resync, suspended, final, aborted;
    rd_off abort_at;          /* a nested <Sentence> tag */
    char *encoding;           /* declared by the document, for later sessions */
    /* the Sentence being read (its text is in r->rec) */
    int in_sentence, text_depth, has_text, over;
    long rec_line;
    rd_buf id, date, category;   /* NUL-terminated values; len 0 = absent */
    rd_buf config;            /* <Config> settings since the last record, "o=v\n" */
    /* the reader_next() call in progress */
    reader *r;
    arena *a;
    story *out;
    read_failure *fail;
    int have_result;
    read_status result;
};

/* Stream offset of parser byte index idx (never before the session start). */
static rd_off abs_offset(const rd_xml *x, long long idx)
{
    return idx > x->prefix ? x->start + (rd_off)(idx - x->prefix) : x->start;
}

/* Line of the input for a parser line number. */
static long abs_line(const rd_xml *x, long parser_line)
{
    return x->start_line + parser_line - 1;
}

/* Records that the parser has got past the current event. */
static void mark_progress(rd_xml *x)
{
    long long idx = (long long)XML_GetCurrentByteIndex(x->p) + XML_GetCurrentByteCount(x->p);
    rd_off end = abs_offset(x, idx);
    if (end > x->progress) x->progress = end;
}

/* Copies an attribute value with its NUL. */
static void set_attr(rd_buf *b, const char *v)
{
    rd_buf_set(b, v, strlen(v) + 1);
}

/* A <Sentence> start tag: a new record. */
static void sentence_begin(rd_xml *x, const XML_Char **atts)
{
    x->in_sentence = 1;
    x->text_depth = x->has_text = x->over = 0;
    x->rec_line = abs_line(x, (long)XML_GetCurrentLineNumber(x->p));
    x->r->rec.len = x->id.len = x->date.len = x->category.len = 0;
    for (size_t i = 0; atts[i]; i += 2) {
        if (strcmp(atts[i], "id") == 0) set_attr(&x->id, atts[i + 1]);
        else if (strcmp(atts[i], "date") == 0) set_attr(&x->date, atts[i + 1]);
        else if (strcmp(atts[i], "category") == 0) set_attr(&x->category, atts[i + 1]);
    }
}

/* A <Sentence> inside an open one: the open one was never closed.  Stops
 * the parser; recovery restarts at the new tag. */
static void abort_nested(rd_xml *x)
{
    x->aborted = 1;
    x->abort_at = abs_offset(x, (long long)XML_GetCurrentByteIndex(x->p));
    XML_StopParser(x->p, XML_FALSE);
}

/* The record's id, or NULL. */
static const char *record_id(const rd_xml *x)
{
    return x->id.len > 1 ? x->id.p : NULL;
}

/* Checks the finished record; fills the date of out, or says what is wrong. */
static int check_record(rd_xml *x, story *out, char *msg, size_t size)
{
    const char *text = x->r->rec.p ? x->r->rec.p : "";
    if (!x->date.len) snprintf(msg, size, "<Sentence> has no date attribute");
    else if (rd_date_problem(x->date.p, x->date.len - 1, out, msg, size) != 0) return -1;
    else if (x->over) snprintf(msg, size, RD_LIMIT_TEXT);
    else if (!x->has_text) snprintf(msg, size, "<Sentence> has no <Text>");
    else return rd_text_problem(text, x->r->rec.len, 0, msg, size);
    return -1;
}

/* The finished record as a story or a failure (in the call's arena). */
static read_status sentence_result(rd_xml *x)
{
    char msg[RD_MSG];
    const char *id = record_id(x);
    story *out = x->out;
    rd_buf *text = &x->r->rec;
    rd_story_begin(x->r, x->a, out, x->rec_line);
    if (!id) return rd_fail(x->r, x->a, x->fail, x->rec_line, NULL, "<Sentence> has no id attribute");
    if (check_record(x, out, msg, sizeof msg) != 0)
        return rd_fail(x->r, x->a, x->fail, x->rec_line, id, "%s", msg);
    out->id = arena_strdup(x->a, id);
    out->text = arena_strndup(x->a, text->p ? text->p : "", text->len);
    out->text_len = text->len;
    out->category = x->category.len ? arena_strdup(x->a, x->category.p) : NULL;
    out->config = x->config.len ? arena_strndup(x->a, x->config.p, x->config.len) : NULL;
    x->config.len = 0;
    return READ_STORY;
}

/* </Sentence>: hands the record over and suspends the parser. */
static void sentence_end(rd_xml *x)
{
    x->in_sentence = 0;
    x->result = sentence_result(x);
    x->have_result = 1;
    XML_StopParser(x->p, XML_TRUE);
}

/* <Config option="..." value="...">: kept for the next record, which
 * hands it to the coder (story.config). */
static void config_setting(rd_xml *x, const XML_Char **atts)
{
    const char *option = NULL, *value = NULL;
    for (size_t i = 0; atts[i]; i += 2) {
        if (strcmp(atts[i], "option") == 0) option = atts[i + 1];
        else if (strcmp(atts[i], "value") == 0) value = atts[i + 1];
    }
    if (!option || !value || strchr(option, '\n') || strchr(value, '\n')) return;
    if (x->config.len > 4096) return;      /* bounded: a file of only settings */
    rd_buf_append(&x->config, option, strlen(option));
    rd_buf_append(&x->config, "=", 1);
    rd_buf_append(&x->config, value, strlen(value));
    rd_buf_append(&x->config, "\n", 1);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rd_xml *x = ud;
    if (x->aborted) return;
    mark_progress(x);
    if (strcmp(name, "Sentence") == 0) {
        if (x->in_sentence) abort_nested(x);
        else sentence_begin(x, atts);
    } else if (!x->in_sentence && strcmp(name, "Config") == 0) {
        config_setting(x, atts);
    } else if (x->text_depth > 0 || (x->in_sentence && strcmp(name, "Text") == 0)) {
        x->text_depth++;
        x->has_text = 1;
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    rd_xml *x = ud;
    if (x->aborted) return;
    mark_progress(x);
    if (x->text_depth > 0) x->text_depth--;
    else if (x->in_sentence && strcmp(name, "Sentence") == 0) sentence_end(x);
}

/* Character data: kept inside <Text>, up to the record limit. */
static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    rd_xml *x = ud;
    if (x->aborted) return;
    mark_progress(x);
    if (x->text_depth == 0 || x->over) return;
    if (x->r->rec.len + (size_t)len > DYAD_MAX_STORY_BYTES) x->over = 1;
    else rd_buf_append(&x->r->rec, s, (size_t)len);
}

/* Comments, processing instructions, white space between elements. */
static void XMLCALL on_other(void *ud, const XML_Char *s, int len)
{
    (void)s;
    (void)len;
    mark_progress(ud);
}

/* <?xml ... encoding="..."?>: remembered for recovery sessions. */
static void XMLCALL on_decl(void *ud, const XML_Char *version, const XML_Char *encoding,
                            int standalone)
{
    rd_xml *x = ud;
    (void)version;
    (void)standalone;
    if (encoding && !x->encoding && strncasecmp(encoding, "UTF-16", 6) != 0)
        x->encoding = xstrdup(encoding);
}

/* Starts a parser at src.pos; a recovery session gets the wrapper root. */
static void session_start(reader *r, int resync)
{
    rd_xml *x = r->xml;
    x->p = XML_ParserCreate(resync ? x->encoding : NULL);
    if (!x->p) {
        fputs("dyad: out of memory (XML parser)\n", stderr);
        abort();
    }
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetDefaultHandlerExpand(x->p, on_other);
    if (!resync) XML_SetXmlDeclHandler(x->p, on_decl);
    x->start = x->fed = x->progress = r->src.base + r->src.pos;
    x->start_line = rd_line_at(&r->src, x->start);
    x->resync = resync;
    x->prefix = resync ? (long long)strlen(WRAP_OPEN) : 0;
    if (resync) XML_Parse(x->p, WRAP_OPEN, (int)x->prefix, 0);
}

/* Frees the session's parser and forgets the open record. */
static void session_end(rd_xml *x)
{
    if (x->p) XML_ParserFree(x->p);
    x->p = NULL;
    x->in_sentence = x->text_depth = 0;
    x->suspended = x->final = x->aborted = 0;
}

/* First "<Sentence" followed by white space, '>' or '/' in p[0..n), or NULL. */
static const char *find_tag(const char *p, size_t n)
{
    const char *end = p + n;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) <= TAG_LEN) return NULL;
        if (memcmp(p, TAG, TAG_LEN) == 0 &&
            (rd_is_blank(p[TAG_LEN]) || p[TAG_LEN] == '>' || p[TAG_LEN] == '/'))
            return p;
        p++;
    }
    return NULL;
}

/* Looks for the next Sentence from x->resync_from and starts a recovery
 * session there.  Returns 0 when the input has no more. */
static int session_resync(reader *r)
{
    rd_source *s = &r->src;
    rd_off from = r->xml->resync_from;
    if (from < s->base) from = s->base;
    s->pos = from - s->base < s->len ? (size_t)(from - s->base) : s->len;
    for (;;) {
        const char *hit = find_tag(s->data + s->pos, s->len - s->pos);
        if (hit) {
            s->pos = (size_t)(hit - s->data);
            session_start(r, 1);
            return 1;
        }
        if (s->eof) return 0;
        s->pos = s->len - s->pos > TAG_LEN ? s->len - TAG_LEN : s->pos;
        rd_fill(s, s->pos);
    }
}

/* Ends the session with a failed (or, in recovery outside a Sentence,
 * silently skipped) stretch of input: `at` is where the trouble is. */
static void session_fail(reader *r, rd_off at, long line, const char *msg)
{
    rd_xml *x = r->xml;
    if (x->in_sentence || !x->resync) {
        x->result = x->in_sentence
            ? rd_fail(r, x->a, x->fail, x->rec_line, record_id(x), "%s", msg)
            : rd_fail(r, x->a, x->fail, line, NULL, "%s", msg);
        x->have_result = 1;
    }
    x->resync_from = at > x->start ? at : x->start + 1;
    session_end(x);
}

/* 1 when the input at stream offset `at` is not valid UTF-8. */
static int bad_utf8_at(const rd_source *s, rd_off at)
{
    if (at < s->base || at >= s->base + s->len) return 0;
    size_t i = (size_t)(at - s->base), n = s->len - i;
    if (n < 4 && !s->eof) return 0;
    return utf8_invalid_offset(s->data + i, n < 4 ? n : 4) == 0;
}

/* The parser stopped with an error: describe it and fail the record. */
static void on_error(reader *r)
{
    rd_xml *x = r->xml;
    char msg[RD_MSG];
    enum XML_Error code = XML_GetErrorCode(x->p);
    rd_off at = x->aborted ? x->abort_at
                           : abs_offset(x, (long long)XML_GetCurrentByteIndex(x->p));
    long line = abs_line(x, (long)XML_GetCurrentLineNumber(x->p));
    long col = (long)XML_GetCurrentColumnNumber(x->p) + 1;
    if (x->aborted)
        snprintf(msg, sizeof msg, "<Sentence> not closed before the next <Sentence> at line %ld", line);
    else if (code == XML_ERROR_INVALID_TOKEN && bad_utf8_at(&r->src, at))
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %llu (line %ld)", at, line);
    else if (x->final && x->in_sentence)
        snprintf(msg, sizeof msg, "the input ends inside <Sentence> (XML error at line %ld: %s)",
                 line, XML_ErrorString(code));
    else
        snprintf(msg, sizeof msg, "XML error at line %ld, column %ld: %s", line, col,
                 XML_ErrorString(code));
    session_fail(r, at, line, msg);
}

/* Feeds the parser its next piece of input (the end when there is none).
 * Returns 0 on a read error. */
static int feed(reader *r, enum XML_Status *st)
{
    rd_xml *x = r->xml;
    rd_source *s = &r->src;
    if (s->pos == s->len && !s->eof)
        rd_fill(s, s->len > XML_KEEP ? s->len - XML_KEEP : 0);
    if (s->err) return 0;
    size_t n = s->len - s->pos < RD_CHUNK ? s->len - s->pos : RD_CHUNK;
    if (n == 0) {
        x->final = 1;
        *st = x->resync ? XML_Parse(x->p, WRAP_CLOSE, (int)strlen(WRAP_CLOSE), 1)
                        : XML_Parse(x->p, "", 0, 1);
        return 1;
    }
    const char *chunk = s->data + s->pos;
    s->pos += n;
    x->fed = s->base + s->pos;
    *st = XML_Parse(x->p, chunk, (int)n, 0);
    return 1;
}

/* A single token (a comment, a tag) that has grown past the record limit
 * without the parser getting through it: fail and recover. */
static int check_size(reader *r)
{
    rd_xml *x = r->xml;
    if (x->fed <= x->progress || x->fed - x->progress <= DYAD_MAX_STORY_BYTES) return 0;
    session_fail(r, x->fed, rd_line_at(&r->src, x->fed), RD_LIMIT_TEXT);
    return 1;
}

/* Runs the parser one step: resume, or feed the next piece.  Returns 0 on
 * a read error. */
static int step(reader *r)
{
    rd_xml *x = r->xml;
    enum XML_Status st;
    if (x->suspended) st = XML_ResumeParser(x->p);
    else if (!feed(r, &st)) return 0;
    x->suspended = st == XML_STATUS_SUSPENDED;
    if (st == XML_STATUS_ERROR) on_error(r);
    else if (!x->have_result && check_size(r)) return 1;
    else if (st == XML_STATUS_OK && x->final) {
        session_end(x);
        r->done = 1;
    }
    return 1;
}

read_status rd_xml_next(reader *r, arena *a, story *out, read_failure *fail)
{
    rd_xml *x = r->xml;
    x->a = a;
    x->out = out;
    x->fail = fail;
    x->have_result = 0;
    while (!r->done) {
        if (!x->p && !session_resync(r)) break;
        if (!step(r)) return rd_read_error(r, a, fail);
        if (x->have_result) return x->result;
    }
    r->done = 1;
    if (r->src.err) return rd_read_error(r, a, fail);
    return READ_END;
}

void rd_xml_init(reader *r)
{
    rd_xml *x = xcalloc(1, sizeof *x);
    x->r = r;
    r->xml = x;
    session_start(r, 0);
}

void rd_xml_free(reader *r)
{
    rd_xml *x = r->xml;
    if (!x) return;
    session_end(x);
    rd_buf_free(&x->id);
    rd_buf_free(&x->date);
    rd_buf_free(&x->category);
    rd_buf_free(&x->config);
    free(x->encoding);
    free(x);
    r->xml = NULL;
}
