/* tagger_io.c — the "tagger" section of a dyad model file.
 *
 * Layout TAGGER_LAYOUT (every integer little-endian, whatever the host):
 *   "DTAG", u32 layout version, u32 xbits, n_xpos, ubits, n_upos,
 *   names_len, lexbits                                 (32 bytes)
 *   names (NUL-separated XPOS names), zero padding to 8 bytes
 *   u64 lexicon[2 * 2^lexbits]  (key, entry) pairs; none when lexbits = 0
 *   int16 wx[2^xbits * n_xpos], wu[2^ubits * n_upos]: the averaged
 *   weights scaled so that the largest is +-32000 (argmax is unchanged by
 *   a positive scale; int16 halves the memory traffic of tagging).
 * Layout 1 (magic "TAG1", no version field, host byte order) was written
 * by older code; it and any other version are refused with a message that
 * says to retrain.
 *
 * Loading copies the lexicon and the weights (converted on a big-endian
 * host), the weights into a block on huge pages with rows apart by whole
 * cache lines (weights.h: tagging about 20% faster than in place in the
 * model), so the tagger does not need the model after.
 */
#include "tagger_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "weights.h"

#define TAGGER_LAYOUT 2u
#define HDR 32                /* bytes of the header */

/* 1 on a little-endian host. */
static int host_is_le(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static uint32_t rd32le(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64le(const unsigned char *p)
{
    return (uint64_t)rd32le(p) | (uint64_t)rd32le(p + 4) << 32;
}

static void wr32le(unsigned char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++) p[k] = (unsigned char)(v >> (8 * k));
}

static void wr64le(unsigned char *p, uint64_t v)
{
    wr32le(p, (uint32_t)v);
    wr32le(p + 4, (uint32_t)(v >> 32));
}

/* Writes n int16 in little-endian order. */
static void wr16le_n(unsigned char *p, const int16_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint16_t u = (uint16_t)v[i];
        p[2 * i] = (unsigned char)u;
        p[2 * i + 1] = (unsigned char)(u >> 8);
    }
}

/* Splits the NUL-separated names blob into t->xnames; 0 or -1. */
static int read_names(tagger *t, const char *blob, size_t len)
{
    t->xnames = xcalloc((size_t)t->nx, sizeof *t->xnames);
    size_t off = 0;
    for (int i = 0; i < t->nx; i++) {
        const char *end = off < len ? memchr(blob + off, '\0', len - off) : NULL;
        if (!end) return -1;
        t->xnames[i] = xstrdup(blob + off);
        off = (size_t)(end - blob) + 1;
    }
    return 0;
}

/* Offset of the lexicon after the header and names blob. */
static size_t lex_offset(size_t names_len)
{
    return (HDR + names_len + 7) & ~(size_t)7;
}

/* Checks the header fields copied into t against the section length. */
static int header_ok(const tagger *t, size_t off, size_t len)
{
    return t->xbits >= 8 && t->xbits <= 26 && t->ubits >= 8 && t->ubits <= 26 &&
           t->nx > 0 && t->nx <= MAX_XPOS_IDS && t->nu == POS_COUNT && t->lexbits >= 0 &&
           t->lexbits <= 24 && off <= len &&
           (len - off) == lex_len(t->lexbits) * 8 + weights_len(t) * 2;
}

/* Checks the magic and layout version; 0, or -1 with err. */
static int check_layout(const unsigned char *p, size_t len, char *err, size_t errlen)
{
    if (!p || len < HDR) {
        snprintf(err, errlen, "model has no usable \"%s\" section", TAGGER_SECTION);
        return -1;
    }
    uint32_t version = memcmp(p, "TAG1", 4) == 0 ? 1u
                       : memcmp(p, "DTAG", 4) == 0 ? rd32le(p + 4) : 0u;
    if (version == TAGGER_LAYOUT) return 0;
    if (version == 0)
        snprintf(err, errlen, "the \"%s\" section of the model is not a tagger model",
                 TAGGER_SECTION);
    else
        snprintf(err, errlen,
                 "the \"%s\" section has layout version %u, this dyad reads version %u: "
                 "retrain the tagger (tools/train_tagger)",
                 TAGGER_SECTION, (unsigned)version, (unsigned)TAGGER_LAYOUT);
    return -1;
}

/* Copies the rows (n weights each) of a table of 2^bits rows from the
 * little-endian bytes at p into `to`, rows `row` apart. */
static void copy_table(int16_t *to, int row, const unsigned char *p, int bits, int n)
{
    size_t rows = (size_t)1 << bits, rowb = (size_t)n * 2;
    int le = host_is_le();
    for (size_t r = 0; r < rows; r++, to += row, p += rowb) {
        if (le) {
            memcpy(to, p, rowb);
            continue;
        }
        for (int c = 0; c < n; c++)
            to[c] = (int16_t)(uint16_t)(p[2 * c] | p[2 * c + 1] << 8);
    }
}

/* Copies t's lexicon and weights from the section bytes at p; -1 when
 * out of memory. */
static int copy_tables(tagger *t, const unsigned char *p)
{
    size_t nl = lex_len(t->lexbits);
    if (nl) {
        t->lex_owned = xmalloc(nl * sizeof *t->lex_owned);
        for (size_t i = 0; i < nl; i++) t->lex_owned[i] = rd64le(p + 8 * i);
    }
    t->lex = t->lex_owned;
    t->xrow = weights_row(t->nx);
    t->urow = weights_row(t->nu);
    size_t nxw = ((size_t)1 << t->xbits) * (size_t)t->xrow;
    t->mapped = weights_map(nxw + ((size_t)1 << t->ubits) * (size_t)t->urow, &t->mapped_len);
    if (!t->mapped) return -1;
    const unsigned char *w = p + nl * 8;
    copy_table(t->mapped, t->xrow, w, t->xbits, t->nx);
    copy_table(t->mapped + nxw, t->urow, w + table_len(t->xbits, t->nx) * 2, t->ubits, t->nu);
    t->wx = t->mapped;
    t->wu = t->mapped + nxw;
    return 0;
}

tagger *tagger_load(const model *m, char *err, size_t errlen)
{
    size_t len;
    const unsigned char *p = model_section(m, TAGGER_SECTION, &len);
    if (check_layout(p, len, err, errlen) != 0) return NULL;
    tagger *t = xcalloc(1, sizeof *t);
    t->xbits = (int)rd32le(p + 8);
    t->nx = (int)rd32le(p + 12);
    t->ubits = (int)rd32le(p + 16);
    t->nu = (int)rd32le(p + 20);
    size_t names_len = rd32le(p + 24);
    t->lexbits = (int)rd32le(p + 28);
    size_t off = lex_offset(names_len);
    if (names_len > len || !header_ok(t, off, len) ||
        read_names(t, (const char *)p + HDR, names_len) != 0) {
        snprintf(err, errlen, "the \"%s\" section of the model is malformed", TAGGER_SECTION);
        tagger_free(t);
        return NULL;
    }
    if (copy_tables(t, p + off) != 0) {
        snprintf(err, errlen, "out of memory loading the tagger's weights");
        tagger_free(t);
        return NULL;
    }
    return t;
}

void tagger_save(const tagger *t, model_writer *w)
{
    size_t names_len = 0;
    for (int i = 0; i < t->nx; i++) names_len += strlen(t->xnames[i]) + 1;
    size_t off = lex_offset(names_len), nl = lex_len(t->lexbits);
    size_t nxw = table_len(t->xbits, t->nx), nuw = table_len(t->ubits, t->nu);
    size_t len = off + nl * 8 + weights_len(t) * 2;
    unsigned char *p = xcalloc(len, 1);
    memcpy(p, "DTAG", 4);
    const uint32_t hdr[7] = { TAGGER_LAYOUT, (uint32_t)t->xbits, (uint32_t)t->nx,
                              (uint32_t)t->ubits, (uint32_t)t->nu, (uint32_t)names_len,
                              (uint32_t)t->lexbits };
    for (int k = 0; k < 7; k++) wr32le(p + 4 + 4 * k, hdr[k]);
    size_t at = HDR;
    for (int i = 0; i < t->nx; i++) {
        size_t l = strlen(t->xnames[i]) + 1;
        memcpy(p + at, t->xnames[i], l);
        at += l;
    }
    for (size_t i = 0; i < nl; i++) wr64le(p + off + 8 * i, t->lex[i]);
    unsigned char *wp = p + off + nl * 8;
    for (size_t r = 0; r < nxw / (size_t)t->nx; r++, wp += (size_t)t->nx * 2)
        wr16le_n(wp, t->wx + r * (size_t)t->xrow, (size_t)t->nx);
    for (size_t r = 0; r < nuw / (size_t)t->nu; r++, wp += (size_t)t->nu * 2)
        wr16le_n(wp, t->wu + r * (size_t)t->urow, (size_t)t->nu);
    model_writer_add(w, TAGGER_SECTION, p, len);
    free(p);
}
