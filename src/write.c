/* write.c — see write.h. */
#include "write.h"

#include <string.h>

/* ---- JSON ---- */

static void json_string(FILE *out, const char *s)
{
    if (!s) { fputs("null", out); return; }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20) fprintf(out, "\\u%04x", *p);
            else putc(*p, out);
        }
    }
    putc('"', out);
}

static void json_key(FILE *out, const char *key, int first)
{
    if (!first) putc(',', out);
    json_string(out, key);
    putc(':', out);
}

static void json_span(FILE *out, const char *key, const span *s)
{
    json_key(out, key, 0);
    if (!s->present) { fputs("null", out); return; }
    fprintf(out, "{\"start\":%u,\"end\":%u,\"orig_start\":%u,\"orig_end\":%u}",
            s->start, s->end, s->orig_start, s->orig_end);
}

static void json_location(FILE *out, const dyad_event *e)
{
    json_key(out, "location", 0);
    if (!e->loc_name) { fputs("null", out); return; }
    fputs("{\"name\":", out);
    json_string(out, e->loc_name);
    fputs(",\"country\":", out);
    json_string(out, e->loc_country);
    if (e->has_coords) fprintf(out, ",\"lat\":%.4f,\"lon\":%.4f}", e->lat, e->lon);
    else fputs(",\"lat\":null,\"lon\":null}", out);
}

static void json_cameo(FILE *out, const dyad_event *e)
{
    json_key(out, "code", 0);
    json_string(out, e->code);
    json_key(out, "root", 0);
    json_string(out, e->root);
    json_key(out, "quad_class", 0);
    if (e->cameo) fprintf(out, "%d", e->cameo->quad_class); else fputs("null", out);
    json_key(out, "goldstein", 0);
    if (e->cameo) fprintf(out, "%.1f", e->cameo->goldstein); else fputs("null", out);
    json_key(out, "plover", 0);
    json_string(out, e->cameo ? e->cameo->plover : NULL);
}

static void json_evidence(FILE *out, const dyad_event *e)
{
    json_key(out, "evidence", 0);
    putc('{', out);
    json_key(out, "dictionary", 1);
    fputs("{\"file\":", out);
    json_string(out, e->dict_file);
    fprintf(out, ",\"line\":%ld}", e->dict_line);
    json_span(out, "source", &e->src);
    json_span(out, "target", &e->tgt);
    json_span(out, "verb", &e->verb);
    putc('}', out);
}

int write_event_jsonl(FILE *out, const dyad_event *e)
{
    putc('{', out);
    json_key(out, "story_id", 1);    json_string(out, e->story_id);
    json_key(out, "sentence_id", 0); json_string(out, e->sentence_id);
    json_key(out, "story_date", 0);  json_string(out, e->story_date);
    json_key(out, "date", 0);        json_string(out, e->date);
    json_key(out, "source", 0);      json_string(out, e->source);
    json_key(out, "target", 0);      json_string(out, e->target);
    json_key(out, "source_text", 0); json_string(out, e->source_text);
    json_key(out, "target_text", 0); json_string(out, e->target_text);
    json_cameo(out, e);
    json_key(out, "verb_text", 0);   json_string(out, e->verb_text);
    json_location(out, e);
    json_key(out, "text", 0);        json_string(out, e->text);
    json_evidence(out, e);
    json_key(out, "date_text", 0);   json_string(out, e->date_text);
    json_key(out, "mentions", 0);    fprintf(out, "%u", e->mentions);
    json_key(out, "sentence_ids", 0);
    putc('[', out);
    for (size_t k = 0; k < e->n_sentence_ids; k++) {
        if (k) putc(',', out);
        json_string(out, e->sentence_ids[k]);
    }
    putc(']', out);
    json_key(out, "quoted_by", 0);
    if (e->quoted_by) {
        fputs("{\"speaker\":", out);
        json_string(out, e->quoted_by);
        fputs(",\"code\":", out);
        json_string(out, e->quoted_by_code);
        putc('}', out);
    } else {
        fputs("null", out);
    }
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}

int write_quote_jsonl(FILE *out, const dyad_quote *q)
{
    putc('{', out);
    json_key(out, "story_id", 1);       json_string(out, q->story_id);
    json_key(out, "sentence_id", 0);    json_string(out, q->sentence_id);
    json_key(out, "kind", 0);           json_string(out, q->direct ? "direct" : "reported");
    json_key(out, "speaker", 0);        json_string(out, q->speaker);
    json_key(out, "speaker_name", 0);   json_string(out, q->speaker_name);
    json_key(out, "speaker_code", 0);   json_string(out, q->speaker_code);
    json_key(out, "addressee", 0);      json_string(out, q->addressee);
    json_key(out, "addressee_code", 0); json_string(out, q->addressee_code);
    json_key(out, "text", 0);           json_string(out, q->text);
    fprintf(out, ",\"start\":%u,\"end\":%u}\n", q->orig_start, q->orig_end);
    return ferror(out) ? -1 : 0;
}

/* ---- TSV ---- */

/* Text with tabs and line breaks made spaces; NULL is empty. */
static void tsv_text(FILE *out, const char *s)
{
    for (; s && *s; s++) putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void tsv_field(FILE *out, const char *s, int last)
{
    tsv_text(out, s);
    putc(last ? '\n' : '\t', out);
}

static void tsv_span(FILE *out, const span *s)
{
    if (s->present) fprintf(out, "%u\t%u\t", s->start, s->end);
    else fputs("\t\t", out);
}

int write_tsv_header(FILE *out)
{
    fputs("story_id\tsentence_id\tstory_date\tdate\tsource\ttarget\tsource_text\t"
          "target_text\tcode\troot\tquad_class\tgoldstein\tplover\tverb_text\t"
          "location_name\tlocation_country\tlocation_lat\tlocation_lon\ttext\t"
          "source_start\tsource_end\ttarget_start\ttarget_end\tverb_start\tverb_end\t"
          "dictionary_file\tdictionary_line\tdate_text\tquoted_by\tquoted_by_code\t"
          "mentions\tsentence_ids\n", out);
    return ferror(out) ? -1 : 0;
}

int write_event_tsv(FILE *out, const dyad_event *e)
{
    const char *fields[] = {e->story_id, e->sentence_id, e->story_date, e->date, e->source,
                            e->target, e->source_text, e->target_text, e->code, e->root};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) tsv_field(out, fields[k], 0);
    if (e->cameo) fprintf(out, "%d\t%.1f\t", e->cameo->quad_class, e->cameo->goldstein);
    else fputs("\t\t", out);
    tsv_field(out, e->cameo ? e->cameo->plover : NULL, 0);
    tsv_field(out, e->verb_text, 0);
    tsv_field(out, e->loc_name, 0);
    tsv_field(out, e->loc_country, 0);
    if (e->has_coords) fprintf(out, "%.4f\t%.4f\t", e->lat, e->lon); else fputs("\t\t", out);
    tsv_field(out, e->text, 0);
    tsv_span(out, &e->src);
    tsv_span(out, &e->tgt);
    tsv_span(out, &e->verb);
    tsv_field(out, e->dict_file, 0);
    fprintf(out, "%ld\t", e->dict_line);
    tsv_field(out, e->date_text, 0);
    tsv_field(out, e->quoted_by, 0);
    tsv_field(out, e->quoted_by_code, 0);
    fprintf(out, "%u\t", e->mentions);
    for (size_t k = 0; k < e->n_sentence_ids; k++) {
        if (k) putc(',', out);
        tsv_text(out, e->sentence_ids[k]);
    }
    putc('\n', out);
    return ferror(out) ? -1 : 0;
}

/* ---- Phoenix ---- */

/* Splits a CAMEO actor code into country (3 letters) and role (the rest),
 * as the Phoenix columns want them. */
static void actor_columns(FILE *out, const char *code)
{
    char entity[4] = "", role[4] = "";
    if (code && strlen(code) >= 3) {
        memcpy(entity, code, 3);
        snprintf(role, sizeof role, "%.3s", code + 3);
    }
    fprintf(out, "%s\t%s\t%s\t\t", code ? code : "", entity, role);
}

int write_event_phoenix(FILE *out, const dyad_event *e, size_t event_number)
{
    const char *d = e->date;   /* YYYY-MM-DD, YYYY-MM or YYYY */
    char compact[9] = "";
    int y = 0, m = 0, day = 0;
    sscanf(d, "%d-%d-%d", &y, &m, &day);
    snprintf(compact, sizeof compact, "%04d%02d%02d", y, m, day);
    fprintf(out, "%s-%zu\t%s\t%d\t%d\t%d\t", e->sentence_id, event_number, compact, y, m, day);
    actor_columns(out, e->source);
    actor_columns(out, e->target);
    fprintf(out, "%s\t%s\t", e->code, e->root);
    if (e->cameo) fprintf(out, "%d\t%.1f\t", e->cameo->quad_class, e->cameo->goldstein);
    else fputs("\t\t", out);
    fputs("\t", out);   /* issues */
    if (e->has_coords) fprintf(out, "%.4f\t%.4f\t", e->lat, e->lon); else fputs("\t\t", out);
    tsv_field(out, e->loc_name, 0);
    fputs("\t", out);   /* state name */
    tsv_field(out, e->loc_country, 0);
    tsv_field(out, e->sentence_id, 0);
    fputs("\t\n", out); /* URLs, news sources */
    return ferror(out) ? -1 : 0;
}

/* ---- text ---- */

int write_event_text(FILE *out, const dyad_event *e)
{
    fprintf(out, "%-10s  %s -> %s  %s", e->date, e->source ? e->source : "---",
            e->target ? e->target : "---", e->code);
    if (e->cameo) fprintf(out, " (%s)", e->cameo->name);
    if (e->loc_name) fprintf(out, ", %s", e->loc_name);
    fprintf(out, "  [%s: \"%s\"]\n", e->sentence_id, e->verb_text ? e->verb_text : "");
    return ferror(out) ? -1 : 0;
}

/* ---- temporal expressions ---- */

int write_time_expression_jsonl(FILE *out, const char *story_id,
                                const dyad_time_expression *x)
{
    putc('{', out);
    json_key(out, "story_id", 1); json_string(out, story_id);
    fprintf(out, ",\"start\":%zu,\"end\":%zu", x->start, x->end);
    json_key(out, "text", 0);     json_string(out, x->text);
    json_key(out, "type", 0);     json_string(out, x->type);
    json_key(out, "value", 0);    json_string(out, x->value);
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
