/* parser_io.c — the parser's sections of a dyad model file.
 *
 *   parser.meta    u32 x 8: layout version (PARSER_LAYOUT_VERSION), trans
 *                  bits, label bits, labels, trans stride, label stride,
 *                  trans scale, label scale (the scales are float bits)
 *   parser.labels  label names, each NUL-terminated, in label order
 *   parser.trans   u32 rows, then per non-zero row: u32 index, stride int16
 *                  (weight = value * scale)
 *   parser.label   the same for the label table
 * Every integer (and float bit pattern) is stored little-endian, whatever
 * the host.  The layout version changes whenever the sections or the
 * features they weigh change: a model written by other code is refused
 * with a message naming both versions, not misread.
 */
#include "parser_internal.h"

#include <stdlib.h>
#include <string.h>

#include "weights.h"

/* 4: the tagger-doubt features.  3: explicit little-endian integers,
 * this version check (2 was host order with no message of its own).
 * Version 3 models are still read, and parsed without the tagger-doubt
 * features they were trained without. */
#define PARSER_LAYOUT_VERSION 4u
#define PARSER_OLDEST_VERSION 3u
#define META_N 8

/* Little-endian writers and readers. */
static void put_u16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put_u32(unsigned char *p, uint32_t v)
{
    put_u16(p, (uint16_t)v);
    put_u16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get_u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)get_u16(p) | (uint32_t)get_u16(p + 2) << 16;
}

/* The bit pattern of a float, and back. */
static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float bits_float(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* 1 when row r of t has a non-zero weight. */
static int row_used(const qtable *t, size_t r)
{
    const int16_t *w = t->w + r * (size_t)t->row;
    for (int c = 0; c < t->stride; c++)
        if (w[c] != 0)
            return 1;
    return 0;
}

/* Serialises the non-zero rows of t into a new buffer; NULL on OOM. */
static unsigned char *pack_table(const qtable *t, size_t *len)
{
    size_t rows = (size_t)1 << t->bits, used = 0;
    for (size_t r = 0; r < rows; r++)
        used += row_used(t, r);
    size_t rowb = 4 + (size_t)t->stride * 2;
    unsigned char *buf = malloc(4 + used * rowb);
    if (!buf)
        return NULL;
    put_u32(buf, (uint32_t)used);
    unsigned char *p = buf + 4;
    for (size_t r = 0; r < rows; r++) {
        if (!row_used(t, r))
            continue;
        put_u32(p, (uint32_t)r);
        const int16_t *w = t->w + r * (size_t)t->row;
        for (int c = 0; c < t->stride; c++)
            put_u16(p + 4 + 2 * c, (uint16_t)w[c]);
        p += rowb;
    }
    *len = 4 + used * rowb;
    return buf;
}

/* Adds a packed section (freeing the buffer); -1 when it is NULL. */
static int add_packed(model_writer *w, const char *name, unsigned char *b, size_t len)
{
    if (!b)
        return -1;
    model_writer_add(w, name, b, len);
    free(b);
    return 0;
}

int parser_save(const parser *p, model_writer *w)
{
    uint32_t meta[META_N] = {p->doubt ? PARSER_LAYOUT_VERSION : PARSER_OLDEST_VERSION,
                             (uint32_t)p->trans.bits,
                             (uint32_t)p->label.bits, (uint32_t)p->n_labels,
                             (uint32_t)p->trans.stride, (uint32_t)p->label.stride,
                             float_bits(p->trans.scale), float_bits(p->label.scale)};
    unsigned char mb[META_N * 4];
    for (int i = 0; i < META_N; i++)
        put_u32(mb + 4 * i, meta[i]);
    model_writer_add(w, "parser.meta", mb, sizeof mb);
    size_t len = 0;
    for (int i = 0; i < p->n_labels; i++)
        len += strlen(p->label_names[i]) + 1;
    model_writer_add(w, "parser.labels", p->names_mem, len);
    unsigned char *b = pack_table(&p->trans, &len);
    if (add_packed(w, "parser.trans", b, len) != 0)
        return -1;
    b = pack_table(&p->label, &len);
    return add_packed(w, "parser.label", b, len);
}

/* Maps zeroed memory for t's weights (t->mapped set, for
 * parser_release), rows t->row apart, on huge pages where the system
 * allows it (weights.h; with 4 KB pages most reads of a row would miss the
 * TLB as well as the cache: tagging + parsing 25% faster on EWT).  -1 when
 * out of memory. */
static int table_map(qtable *t)
{
    t->row = weights_row(t->stride);
    t->w = weights_map(((size_t)1 << t->bits) * (size_t)t->row, &t->mapped);
    return t->w ? 0 : -1;
}

/* 1 on a little-endian host. */
static int host_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* Fills table t (shape already set) from a packed section; -1 if malformed. */
static int unpack_table(qtable *t, const unsigned char *b, size_t len)
{
    size_t rows = (size_t)1 << t->bits;
    size_t rowb = 4 + (size_t)t->stride * 2;
    if (!b || len < 4)
        return -1;
    size_t used = get_u32(b);
    if (len != 4 + used * rowb)
        return -1;
    int le = host_little_endian();
    if (table_map(t) != 0)
        return -1;
    for (size_t i = 0; i < used; i++) {
        const unsigned char *e = b + 4 + i * rowb;
        uint32_t idx = get_u32(e);
        if (idx >= rows)
            return -1;
        int16_t *w = t->w + (size_t)idx * (size_t)t->row;
        if (le)
            memcpy(w, e + 4, (size_t)t->stride * 2);   /* the stored order */
        else
            for (int c = 0; c < t->stride; c++)
                w[c] = (int16_t)get_u16(e + 4 + 2 * c);
    }
    return 0;
}

/* Copies the label names of the section into p; -1 if malformed/OOM. */
static int load_labels(parser *p, const char *names, size_t len)
{
    if (!names || len == 0 || names[len - 1] != '\0')
        return -1;
    p->names_mem = malloc(len);
    p->label_names = malloc(sizeof(char *) * (size_t)(p->n_labels + 1));
    if (!p->names_mem || !p->label_names)
        return -1;
    memcpy(p->names_mem, names, len);
    char *s = p->names_mem;
    for (int i = 0; i < p->n_labels; i++) {
        if (s >= p->names_mem + len)
            return -1;
        p->label_names[i] = s;
        s += strlen(s) + 1;
    }
    return 0;
}

/* Checks the meta section (version already checked) and sets the table
 * shapes; -1 when invalid. */
static int load_meta(parser *p, const unsigned char *b)
{
    uint32_t m[META_N];
    for (int i = 0; i < META_N; i++)
        m[i] = get_u32(b + 4 * i);
    if (m[1] < 8 || m[1] > 28 || m[2] < 8 || m[2] > 28 || m[3] == 0 ||
        m[3] > PARSER_MAX_LABELS || m[4] != PT_STRIDE || m[5] != ((m[3] + 7) & ~7u))
        return -1;
    p->trans.bits = (int)m[1];
    p->label.bits = (int)m[2];
    p->n_labels = (int)m[3];
    p->trans.stride = PT_STRIDE;
    p->trans.nclass = PT_N;
    p->label.stride = (int)m[5];
    p->label.nclass = p->n_labels;
    p->trans.scale = bits_float(m[6]);
    p->label.scale = bits_float(m[7]);
    return 0;
}

/* The layout version of the meta section when this build reads it; else
 * 0 with the reason in err. */
static uint32_t check_version(const unsigned char *meta, size_t len, char *err, size_t errlen)
{
    if (!meta || len < 4) {
        snprintf(err, errlen, "model: no parser.meta section (not a parser model?)");
        return 0;
    }
    uint32_t v = get_u32(meta);
    if (v < PARSER_OLDEST_VERSION || v > PARSER_LAYOUT_VERSION) {
        snprintf(err, errlen, "model: parser layout version %u, this build reads "
                 "version %u (and %u); retrain the parser with this build (train_parser train)",
                 (unsigned)v, PARSER_LAYOUT_VERSION, PARSER_OLDEST_VERSION);
        return 0;
    }
    return v;
}

parser *parser_from_model(const model *m, char *err, size_t errlen)
{
    size_t lm = 0, ll = 0, lt = 0, lb = 0;
    const unsigned char *meta = model_section(m, "parser.meta", &lm);
    uint32_t version = check_version(meta, lm, err, errlen);
    if (!version)
        return NULL;
    const void *names = model_section(m, "parser.labels", &ll);
    const void *tr = model_section(m, "parser.trans", &lt);
    const void *lab = model_section(m, "parser.label", &lb);
    parser *p = calloc(1, sizeof *p);
    if (!p || lm != META_N * 4 || load_meta(p, meta) != 0 ||
        load_labels(p, names, ll) != 0 || unpack_table(&p->trans, tr, lt) != 0 ||
        unpack_table(&p->label, lab, lb) != 0) {
        snprintf(err, errlen, "model: missing or malformed parser sections");
        parser_release(p);
        return NULL;
    }
    p->doubt = version >= 4;
    return p;
}
