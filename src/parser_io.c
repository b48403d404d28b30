/* parser_io.c — the parser's sections of a dyad model file.
 *
 *   parser.meta    u32 x 8: version, trans bits, label bits, labels,
 *                  trans stride, label stride, trans scale, label scale
 *                  (the scales are float bits)
 *   parser.labels  label names, each NUL-terminated, in label order
 *   parser.trans   u32 rows, then per non-zero row: u32 index, stride int16
 *                  (weight = value * scale)
 *   parser.label   the same for the label table
 * Integers and floats are stored in host byte order (little-endian on every
 * machine dyad targets); a big-endian host refuses the file (meta check).
 */
#include "parser_internal.h"

#include <stdlib.h>
#include <string.h>

#define PARSER_IO_VERSION 2u
#define META_N 8

/* 1 when row r of t has a non-zero weight. */
static int row_used(const qtable *t, size_t r)
{
    const int16_t *w = t->w + r * (size_t)t->stride;
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
    size_t rowb = 4 + (size_t)t->stride * sizeof(int16_t);
    unsigned char *buf = malloc(4 + used * rowb);
    if (!buf)
        return NULL;
    uint32_t u = (uint32_t)used;
    memcpy(buf, &u, 4);
    unsigned char *p = buf + 4;
    for (size_t r = 0; r < rows; r++) {
        if (!row_used(t, r))
            continue;
        uint32_t idx = (uint32_t)r;
        memcpy(p, &idx, 4);
        memcpy(p + 4, t->w + r * (size_t)t->stride, rowb - 4);
        p += rowb;
    }
    *len = 4 + used * rowb;
    return buf;
}

int parser_save(const parser *p, model_writer *w)
{
    uint32_t meta[META_N] = {PARSER_IO_VERSION, (uint32_t)p->trans.bits,
                             (uint32_t)p->label.bits, (uint32_t)p->n_labels,
                             (uint32_t)p->trans.stride, (uint32_t)p->label.stride, 0, 0};
    memcpy(&meta[6], &p->trans.scale, 4);
    memcpy(&meta[7], &p->label.scale, 4);
    model_writer_add(w, "parser.meta", meta, sizeof meta);
    size_t len = 0;
    for (int i = 0; i < p->n_labels; i++)
        len += strlen(p->label_names[i]) + 1;
    model_writer_add(w, "parser.labels", p->names_mem, len);
    unsigned char *t = pack_table(&p->trans, &len);
    if (!t)
        return -1;
    model_writer_add(w, "parser.trans", t, len);
    free(t);
    if (!(t = pack_table(&p->label, &len)))
        return -1;
    model_writer_add(w, "parser.label", t, len);
    free(t);
    return 0;
}

/* Fills table t (shape already set) from a packed section; -1 if malformed. */
static int unpack_table(qtable *t, const unsigned char *b, size_t len)
{
    size_t rows = (size_t)1 << t->bits;
    size_t rowb = 4 + (size_t)t->stride * sizeof(int16_t);
    uint32_t used;
    if (!b || len < 4)
        return -1;
    memcpy(&used, b, 4);
    if (len != 4 + (size_t)used * rowb)
        return -1;
    if (!(t->w = calloc(rows * (size_t)t->stride, sizeof(int16_t))))
        return -1;
    for (size_t i = 0; i < used; i++) {
        const unsigned char *e = b + 4 + i * rowb;
        uint32_t idx;
        memcpy(&idx, e, 4);
        if (idx >= rows)
            return -1;
        memcpy(t->w + (size_t)idx * (size_t)t->stride, e + 4, rowb - 4);
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

/* Checks the meta section and sets the table shapes; -1 when invalid. */
static int load_meta(parser *p, const uint32_t *m, size_t len)
{
    if (!m || len != META_N * sizeof(uint32_t) || m[0] != PARSER_IO_VERSION ||
        m[1] < 8 || m[1] > 28 || m[2] < 8 || m[2] > 28 || m[3] == 0 ||
        m[3] > PARSER_MAX_LABELS || m[4] != PT_STRIDE || m[5] != ((m[3] + 7) & ~7u))
        return -1;
    p->trans.bits = (int)m[1];
    p->label.bits = (int)m[2];
    p->n_labels = (int)m[3];
    p->trans.stride = PT_STRIDE;
    p->trans.nclass = PT_N;
    p->label.stride = (int)m[5];
    p->label.nclass = p->n_labels;
    memcpy(&p->trans.scale, &m[6], 4);
    memcpy(&p->label.scale, &m[7], 4);
    return 0;
}

parser *parser_from_model(const model *m, char *err, size_t errlen)
{
    parser *p = calloc(1, sizeof *p);
    size_t lm = 0, ll = 0, lt = 0, lb = 0;
    const void *meta = model_section(m, "parser.meta", &lm);
    const void *names = model_section(m, "parser.labels", &ll);
    const void *tr = model_section(m, "parser.trans", &lt);
    const void *lab = model_section(m, "parser.label", &lb);
    uint32_t mcopy[META_N];
    if (meta && lm == sizeof mcopy)
        memcpy(mcopy, meta, sizeof mcopy);
    if (!p || !meta || lm != sizeof mcopy || load_meta(p, mcopy, lm) != 0 ||
        load_labels(p, names, ll) != 0 || unpack_table(&p->trans, tr, lt) != 0 ||
        unpack_table(&p->label, lab, lb) != 0) {
        snprintf(err, errlen, "model: missing or malformed parser sections");
        parser_release(p);
        return NULL;
    }
    return p;
}
