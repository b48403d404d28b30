/* dict_cache.c — see dict_cache.h.
 *
 * Writing walks the dict once and turns it into sections: the big tables
 * (words' hashes, the word table, trie nodes, the child table) are copied
 * as they are; records become fixed-size file records whose pointers are
 * offsets into one blob of NUL-terminated strings, or indices into two
 * pools (string references for pattern words and marker items; 32-bit
 * values for word hashes and phrase word ids) or into the pattern and
 * element arrays.  A pointer shared by several records is written once
 * (a map from (pointer, length) to offset), so sharing survives.
 *
 * Reading maps the file, checks header, key and checksum, then every
 * offset and index against the size of what it points into, and only
 * then rebuilds the dict: tables are copied into malloc'd arrays (as
 * dict.c keeps them), strings and pools into the dict's arena, and the
 * pointers are set from the offsets.
 */
#include "dict_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "dict_internal.h"
#include "dyad.h"

#define MAGIC "DYADDICT"
#define BYTE_ORDER_MARK 0x01020304u
#define NONE UINT32_MAX          /* a NULL array in the file */

/* ---- the hash ---- */

static uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t rotl64(uint64_t x, int r) { return x << r | x >> (64 - r); }

/* A full-avalanche mix of one 64-bit value (the finalizer of MurmurHash3). */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* Four lanes each take one 8-byte word of every 32-byte stripe:
 * lane = rotl(lane ^ word * P1, 29) * P2.  For a fixed lane a different
 * word gives a different lane, and each later step is a bijection of the
 * lane, so a stripe that differs always leaves a different lane state.
 * The tail, the length and the lanes are then mixed into two words. */
void dict_cache_hash(const void *data, size_t n, uint64_t seed, uint64_t out[2])
{
    const uint64_t p1 = 0x9E3779B185EBCA87ULL, p2 = 0xC2B2AE3D27D4EB4FULL;
    const unsigned char *p = data;
    uint64_t l[4] = {seed ^ 0x243F6A8885A308D3ULL, seed ^ 0x13198A2E03707344ULL,
                     seed ^ 0xA4093822299F31D0ULL, seed ^ 0x082EFA98EC4E6C89ULL};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++)
            l[k] = rotl64(l[k] ^ load64(p + i + 8 * (size_t)k) * p1, 29) * p2;
    uint64_t tail[4] = {0, 0, 0, 0};
    if (n > i) memcpy(tail, p + i, n - i);
    for (int k = 0; k < 4; k++) l[k] = rotl64(l[k] ^ tail[k] * p1, 29) * p2;
    uint64_t a = mix64(l[0] ^ rotl64(l[1], 17) ^ rotl64(l[2], 31) ^ rotl64(l[3], 47) ^ n);
    uint64_t b = mix64(l[3] ^ rotl64(l[2], 13) ^ rotl64(l[1], 37) ^ rotl64(l[0], 53) ^ a);
    out[0] = a;
    out[1] = b;
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h[2];
    dict_cache_hash(p, n, DICT_CACHE_CHECKSUM_SEED, h);
    return h[0];
}

/* ---- sources and the key ---- */

int dict_cache_read_source(dict_cache_source *s, dict_kind kind, const char *path)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->name = path;
    size_t n = 0;
    char *buf = dict_read_file(path, &n);
    if (!buf) return -1;
    s->owned = buf;
    s->text = buf;
    s->len = n;
    return 0;
}

void dict_cache_source_clear(dict_cache_source *s)
{
    free(s->owned);
    memset(s, 0, sizeof *s);
}

/* A growable byte buffer. */
typedef struct bytes { unsigned char *p; size_t n, cap; } bytes;

/* Appends len bytes (zeros when src is NULL); returns their offset. */
static size_t bytes_put(bytes *b, const void *src, size_t len)
{
    if (!len) return b->n;
    b->p = dict_grow(b->p, &b->cap, b->n + len, 1);
    if (src) memcpy(b->p + b->n, src, len);
    else memset(b->p + b->n, 0, len);
    b->n += len;
    return b->n - len;
}

static void bytes_u64(bytes *b, uint64_t v) { bytes_put(b, &v, sizeof v); }

/* What identifies the running program's code: a rebuilt program never
 * reads an image written by the old one. */
static int program_identity(bytes *b)
{
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0) return -1;
    bytes_u64(b, (uint64_t)st.st_dev);
    bytes_u64(b, (uint64_t)st.st_ino);
    bytes_u64(b, (uint64_t)st.st_size);
    bytes_u64(b, (uint64_t)st.st_mtim.tv_sec);
    bytes_u64(b, (uint64_t)st.st_mtim.tv_nsec);
    return 0;
}

int dict_cache_key_of(const dict_cache_source *src, size_t n, dict_cache_key *out)
{
    bytes m = {0};
    bytes_put(&m, "dyad dictionary cache", sizeof "dyad dictionary cache");
    bytes_u64(&m, DICT_CACHE_VERSION);
    bytes_u64(&m, sizeof(void *));
    bytes_put(&m, DYAD_VERSION, sizeof DYAD_VERSION);
    if (program_identity(&m) != 0) {
        free(m.p);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t h[2];
        size_t name_len = src[i].name ? strlen(src[i].name) : 0;
        dict_cache_hash(src[i].text, src[i].len, 0, h);
        bytes_u64(&m, (uint64_t)src[i].kind);
        bytes_u64(&m, name_len);
        bytes_put(&m, src[i].name, name_len);
        bytes_u64(&m, src[i].len);
        bytes_u64(&m, h[0]);
        bytes_u64(&m, h[1]);
    }
    dict_cache_hash(m.p, m.n, 1, out->h);
    free(m.p);
    return 0;
}

/* ---- where ---- */

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

char *dict_cache_dir(void)
{
    const char *env = getenv("DYAD_CACHE_DIR");
    if (env) return *env ? xstrdup(env) : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/') return join(xdg, "dyad");   /* relative: ignored (XDG) */
    const char *home = getenv("HOME");
    if (home && *home) return join(home, ".cache/dyad");
    return NULL;
}

char *dict_cache_path(const char *dir, const dict_cache_key *key)
{
    char name[40];
    snprintf(name, sizeof name, "%016llx%016llx.dict", (unsigned long long)key->h[0],
             (unsigned long long)key->h[1]);
    return join(dir, name);
}

/* mkdir -p; 0 when dir exists afterwards. */
static int make_dirs(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) return S_ISDIR(st.st_mode) ? 0 : -1;
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) { free(p); return -1; }
        *s = '/';
    }
    int rc = mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

/* ---- the file format ---- */

enum {
    S_COUNTS, S_BLOB, S_WORDS, S_WORD_HASH, S_WTAB, S_NODES, S_EKEY, S_EVAL,
    S_ACTORS, S_ACODES, S_AGENTS, S_VERBS, S_GROUPS, S_PATTERNS, S_ELEMS,
    S_STRREFS, S_POOL, S_SYNSETS, S_SPHRASES, S_MARKERS, S_WARNINGS, N_SECTIONS
};

/* S_COUNTS: the scalars of the dict, as uint64_t. */
enum {
    C_NOUN_ROOT, C_VERB_ROOT, C_DISCARD_ROOT, C_SYNSET_NAMES, C_MARKER_NAMES, C_GAP_WORD,
    C_EDGES, C_STATS, N_COUNTS = C_STATS + 10
};

#define HEADER_LEN 32                        /* magic, version, mark, key */
#define TABLE_LEN (N_SECTIONS * 16)          /* offset, length per section */

/* File records: every field 32 or 64 bits, no padding. */
typedef struct { uint32_t name, first_code, n_codes, person; } f_actor;
typedef struct { uint32_t code; int32_t from, to; uint32_t restricted; } f_acode;
typedef struct { uint32_t code, prefix; } f_agent;
typedef struct { uint32_t name, code, file, group, same_name, pad; int64_t line; } f_verb;
typedef struct { uint32_t first, n; } f_span;  /* groups, phrases, markers */
typedef struct {
    uint32_t first_elem, n_elems, verb_index, code, file, pad;
    int64_t line;
} f_pattern;
typedef struct { uint32_t kind, n_words, words, hashes, synset, joined; } f_elem;
typedef struct { uint32_t name, root, first_phrase, n_phrases, noplural; } f_synset;
typedef struct { uint32_t file, message; int64_t line; } f_warning;

static const size_t record_size[N_SECTIONS] = {
    [S_COUNTS] = 8, [S_BLOB] = 1, [S_WORDS] = 4, [S_WORD_HASH] = 8, [S_WTAB] = 4,
    [S_NODES] = sizeof(tnode), [S_EKEY] = 8, [S_EVAL] = 4,
    [S_ACTORS] = sizeof(f_actor), [S_ACODES] = sizeof(f_acode), [S_AGENTS] = sizeof(f_agent),
    [S_VERBS] = sizeof(f_verb), [S_GROUPS] = sizeof(f_span), [S_PATTERNS] = sizeof(f_pattern),
    [S_ELEMS] = sizeof(f_elem), [S_STRREFS] = 4, [S_POOL] = 4, [S_SYNSETS] = sizeof(f_synset),
    [S_SPHRASES] = sizeof(f_span), [S_MARKERS] = sizeof(f_span), [S_WARNINGS] = sizeof(f_warning),
};

/* ---- writing ---- */

/* A map from (pointer, length) to the offset it was written at. */
typedef struct pslot { const void *p; size_t n; uint32_t v; } pslot;
typedef struct ptrmap { pslot *s; size_t cap, count; } ptrmap;

static size_t pslot_at(const ptrmap *m, const void *p, size_t n)
{
    uint64_t h = mix64((uint64_t)(uintptr_t)p ^ (uint64_t)n * 0x9E3779B97F4A7C15ULL);
    size_t i = (size_t)h & (m->cap - 1);
    while (m->s[i].p && (m->s[i].p != p || m->s[i].n != n)) i = (i + 1) & (m->cap - 1);
    return i;
}

static void ptrmap_grow(ptrmap *m)
{
    ptrmap bigger = {xcalloc(m->cap ? m->cap * 2 : 1024, sizeof(pslot)),
                     m->cap ? m->cap * 2 : 1024, m->count};
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].p) bigger.s[pslot_at(&bigger, m->s[i].p, m->s[i].n)] = m->s[i];
    free(m->s);
    *m = bigger;
}

/* The value stored for (p, n), or NONE. */
static uint32_t ptrmap_get(const ptrmap *m, const void *p, size_t n)
{
    if (!m->cap) return NONE;
    const pslot *s = &m->s[pslot_at(m, p, n)];
    return s->p ? s->v : NONE;
}

static void ptrmap_put(ptrmap *m, const void *p, size_t n, uint32_t v)
{
    if ((m->count + 1) * 2 > m->cap) ptrmap_grow(m);
    pslot *s = &m->s[pslot_at(m, p, n)];
    if (!s->p) m->count++;
    s->p = p;
    s->n = n;
    s->v = v;
}

typedef struct writer {
    const dict *d;
    bytes sec[N_SECTIONS];
    ptrmap strings, strrefs, pool, pats, elems;
    int too_big;         /* an offset past 32 bits: not cached */
} writer;

static uint32_t count_of(const writer *w, int s)
{
    return (uint32_t)(w->sec[s].n / record_size[s]);
}

static uint32_t narrow(writer *w, size_t v)
{
    if (v >= NONE) w->too_big = 1;
    return (uint32_t)v;
}

/* Offset of string s in the blob (0: NULL). */
static uint32_t put_string(writer *w, const char *s)
{
    if (!s) return 0;
    uint32_t off = ptrmap_get(&w->strings, s, 0);
    if (off != NONE) return off;
    off = narrow(w, bytes_put(&w->sec[S_BLOB], s, strlen(s) + 1));
    ptrmap_put(&w->strings, s, 0, off);
    return off;
}

/* Index in S_STRREFS of an array of n strings (NONE: NULL). */
static uint32_t put_strrefs(writer *w, const char *const *v, size_t n)
{
    if (!v) return NONE;
    uint32_t at = ptrmap_get(&w->strrefs, v, n);
    if (at != NONE) return at;
    at = count_of(w, S_STRREFS);
    for (size_t k = 0; k < n; k++) {
        uint32_t off = put_string(w, v[k]);
        bytes_put(&w->sec[S_STRREFS], &off, sizeof off);
    }
    ptrmap_put(&w->strrefs, v, n, at);
    return at;
}

/* Index in S_POOL of an array of n 32-bit values (NONE: NULL). */
static uint32_t put_pool(writer *w, const uint32_t *v, size_t n)
{
    if (!v) return NONE;
    uint32_t at = ptrmap_get(&w->pool, v, n);
    if (at != NONE) return at;
    at = count_of(w, S_POOL);
    bytes_put(&w->sec[S_POOL], v, n * sizeof *v);
    ptrmap_put(&w->pool, v, n, at);
    return at;
}

static uint32_t put_elems(writer *w, const pattern_elem *e, size_t n)
{
    if (!e) return NONE;
    uint32_t at = ptrmap_get(&w->elems, e, n);
    if (at != NONE) return at;
    f_elem *v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t k = 0; k < n; k++) {   /* strings and pools first: S_ELEMS stays contiguous */
        v[k].kind = e[k].kind;
        v[k].n_words = e[k].n_words;
        v[k].words = put_strrefs(w, e[k].words, e[k].n_words);
        v[k].hashes = put_pool(w, e[k].hashes, e[k].n_words);
        v[k].synset = e[k].synset;
        v[k].joined = e[k].joined;
    }
    at = count_of(w, S_ELEMS);
    bytes_put(&w->sec[S_ELEMS], v, n * sizeof *v);
    free(v);
    ptrmap_put(&w->elems, e, n, at);
    return at;
}

static uint32_t put_patterns(writer *w, const verb_pattern *p, size_t n)
{
    if (!p) return NONE;
    uint32_t at = ptrmap_get(&w->pats, p, n);
    if (at != NONE) return at;
    f_pattern *v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t k = 0; k < n; k++) {
        v[k].first_elem = put_elems(w, p[k].elems, p[k].n_elems);
        v[k].n_elems = p[k].n_elems;
        v[k].verb_index = p[k].verb_index;
        v[k].code = put_string(w, p[k].code);
        v[k].file = put_string(w, p[k].file);
        v[k].line = p[k].line;
    }
    at = count_of(w, S_PATTERNS);
    bytes_put(&w->sec[S_PATTERNS], v, n * sizeof *v);
    free(v);
    ptrmap_put(&w->pats, p, n, at);
    return at;
}

#define PUT(w, s, rec) bytes_put(&(w)->sec[s], &(rec), sizeof(rec))

static void write_tables(writer *w)
{
    const dict *d = w->d;
    for (size_t i = 0; i < d->n_words; i++) {
        uint32_t off = put_string(w, d->word[i]);
        PUT(w, S_WORDS, off);
    }
    bytes_put(&w->sec[S_WORD_HASH], d->word_hash, d->n_words * sizeof *d->word_hash);
    bytes_put(&w->sec[S_WTAB], d->wtab, d->wtab_cap * sizeof *d->wtab);
    bytes_put(&w->sec[S_NODES], d->node, d->n_nodes * sizeof *d->node);
    bytes_put(&w->sec[S_EKEY], d->ekey, d->etab_cap * sizeof *d->ekey);
    for (size_t i = 0; i < d->etab_cap; i++) {   /* empty slots hold garbage: write 0 */
        uint32_t v = d->ekey[i] ? d->eval[i] : 0;
        PUT(w, S_EVAL, v);
    }
}

static void write_nouns(writer *w)
{
    const dict *d = w->d;
    for (size_t i = 0; i < d->n_actors; i++) {
        f_actor r = {put_string(w, d->actor[i].name), d->actor[i].first_code,
                     d->actor[i].n_codes, d->actor[i].person};
        PUT(w, S_ACTORS, r);
    }
    for (size_t i = 0; i < d->n_acodes; i++) {
        f_acode r = {put_string(w, d->acode[i].code), d->acode[i].from, d->acode[i].to,
                     d->acode[i].restricted};
        PUT(w, S_ACODES, r);
    }
    for (size_t i = 0; i < d->n_agents; i++) {
        f_agent r = {put_string(w, d->agent[i].code), d->agent[i].prefix};
        PUT(w, S_AGENTS, r);
    }
    for (size_t i = 0; i < d->n_markers; i++) {
        f_span r = {put_strrefs(w, d->marker[i].items, d->marker[i].n), d->marker[i].n};
        PUT(w, S_MARKERS, r);
    }
}

static void write_verbs(writer *w)
{
    const dict *d = w->d;
    for (size_t i = 0; i < d->n_verbs; i++) {
        const verb_rec *v = &d->verb[i];
        f_verb r = {put_string(w, v->name), put_string(w, v->code), put_string(w, v->file),
                    v->group, v->same_name, 0, v->line};
        PUT(w, S_VERBS, r);
    }
    for (size_t i = 0; i < d->n_groups; i++) {
        f_span r = {put_patterns(w, d->group[i].pats, d->group[i].n), d->group[i].n};
        PUT(w, S_GROUPS, r);
    }
    for (size_t i = 0; i < d->n_synsets; i++) {
        const synset_rec *s = &d->synset[i];
        f_synset r = {put_string(w, s->name), s->root, s->first_phrase, s->n_phrases,
                      s->noplural};
        PUT(w, S_SYNSETS, r);
    }
    for (size_t i = 0; i < d->n_sphrases; i++) {
        f_span r = {put_pool(w, d->sphrase[i].wids, d->sphrase[i].n), d->sphrase[i].n};
        PUT(w, S_SPHRASES, r);
    }
}

static void write_counts(writer *w)
{
    const dict *d = w->d;
    const dict_stats *st = &d->st;
    uint64_t c[N_COUNTS] = {
        [C_NOUN_ROOT] = d->noun_root, [C_VERB_ROOT] = d->verb_root,
        [C_DISCARD_ROOT] = d->discard_root, [C_SYNSET_NAMES] = d->synset_names,
        [C_MARKER_NAMES] = d->marker_names, [C_GAP_WORD] = d->gap_word,
        [C_EDGES] = d->n_edges,
        [C_STATS] = st->actors, st->actor_phrases, st->agents, st->agent_phrases, st->verbs,
        st->verb_forms, st->patterns, st->synsets, st->discards, st->issues,
    };
    bytes_put(&w->sec[S_COUNTS], c, sizeof c);
}

static void write_warnings(writer *w, const dict_cache_warning *warns, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        f_warning r = {put_string(w, warns[i].file), put_string(w, warns[i].message),
                       warns[i].line};
        PUT(w, S_WARNINGS, r);
    }
}

static void put_u32(unsigned char *p, uint32_t v) { memcpy(p, &v, sizeof v); }
static void put_u64(unsigned char *p, uint64_t v) { memcpy(p, &v, sizeof v); }

/* The whole file in one buffer: header, table, sections, checksum. */
static bytes build_image(writer *w, const dict_cache_key *key)
{
    bytes img = {0};
    bytes_put(&img, NULL, HEADER_LEN + TABLE_LEN);
    memcpy(img.p, MAGIC, 8);
    put_u32(img.p + 8, DICT_CACHE_VERSION);
    put_u32(img.p + 12, BYTE_ORDER_MARK);
    put_u64(img.p + 16, key->h[0]);
    put_u64(img.p + 24, key->h[1]);
    for (int s = 0; s < N_SECTIONS; s++) {
        size_t off = bytes_put(&img, w->sec[s].p, w->sec[s].n);
        bytes_put(&img, NULL, (8 - w->sec[s].n % 8) % 8);
        put_u64(img.p + HEADER_LEN + 16 * (size_t)s, off);
        put_u64(img.p + HEADER_LEN + 16 * (size_t)s + 8, w->sec[s].n);
    }
    bytes_u64(&img, checksum(img.p, img.n));
    return img;
}

static void writer_free(writer *w)
{
    for (int s = 0; s < N_SECTIONS; s++) free(w->sec[s].p);
    free(w->strings.s);
    free(w->strrefs.s);
    free(w->pool.s);
    free(w->pats.s);
    free(w->elems.s);
}

/* Writes all of buf to a new file next to path, then renames it there. */
static int write_atomically(const char *path, const unsigned char *buf, size_t n)
{
    size_t len = strlen(path) + sizeof ".tmpXXXXXX";
    char *tmp = xmalloc(len);
    snprintf(tmp, len, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) { free(tmp); return -1; }
    size_t done = 0;
    while (done < n) {
        ssize_t got = write(fd, buf + done, n - done);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        done += (size_t)got;
    }
    int ok = close(fd) == 0 && done == n && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

int dict_cache_write(const dict *d, const dict_cache_key *key,
                     const dict_cache_warning *warns, size_t n_warns, const char *path)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.d = d;
    bytes_put(&w.sec[S_BLOB], "", 1);   /* offset 0 is NULL */
    write_counts(&w);
    write_tables(&w);
    write_nouns(&w);
    write_verbs(&w);
    write_warnings(&w, warns, n_warns);
    int rc = -1;
    if (!w.too_big) {
        bytes img = build_image(&w, key);
        rc = write_atomically(path, img.p, img.n);
        free(img.p);
    }
    writer_free(&w);
    return rc;
}

/* ---- reading ---- */

typedef struct reader {
    const unsigned char *sec[N_SECTIONS];
    size_t n[N_SECTIONS];        /* records in each section */
    const char *blob;            /* the dict's copy of S_BLOB */
    size_t blob_len;
    const char **strrefs;        /* S_STRREFS as pointers */
    const uint32_t *pool;        /* the dict's copy of S_POOL */
    verb_pattern *pats;
    pattern_elem *elems;
    int bad;
} reader;

/* The string at blob offset off (0: NULL); marks the reader bad when off
 * is outside the blob (the blob ends with a NUL, so every offset inside
 * it starts a terminated string). */
static const char *str_at(reader *r, uint32_t off)
{
    if (!off) return NULL;
    if (off >= r->blob_len) { r->bad = 1; return NULL; }
    return r->blob + off;
}

/* Checks that [first, first + n) lies within count records. */
static void check_span(reader *r, uint32_t first, uint64_t n, size_t count)
{
    if (first == NONE ? n != 0 : (uint64_t)first + n > count) r->bad = 1;
}

/* Header, key, checksum and the section table of the image. */
static int check_image(reader *r, const unsigned char *p, size_t len, const dict_cache_key *key)
{
    if (len < HEADER_LEN + TABLE_LEN + 8 || memcmp(p, MAGIC, 8) != 0) return -1;
    uint32_t version, mark;
    uint64_t k0, k1;
    memcpy(&version, p + 8, 4);
    memcpy(&mark, p + 12, 4);
    memcpy(&k0, p + 16, 8);
    memcpy(&k1, p + 24, 8);
    if (version != DICT_CACHE_VERSION || mark != BYTE_ORDER_MARK || k0 != key->h[0] ||
        k1 != key->h[1] || checksum(p, len - 8) != load64(p + len - 8))
        return -1;
    for (int s = 0; s < N_SECTIONS; s++) {
        uint64_t off = load64(p + HEADER_LEN + 16 * (size_t)s);
        uint64_t n = load64(p + HEADER_LEN + 16 * (size_t)s + 8);
        if (off % 8 || off > len - 8 || n > len - 8 - off || n % record_size[s]) return -1;
        r->sec[s] = p + off;
        r->n[s] = (size_t)(n / record_size[s]);
    }
    return 0;
}

static void *arena_copy(arena *a, const void *src, size_t n)
{
    void *p = arena_alloc(a, n ? n : 1);
    if (n) memcpy(p, src, n);
    return p;
}

/* Copies a table of 32-bit values, checking each is below `limit`;
 * returns how many are 0 (empty slots). */
static size_t copy_checked(reader *r, uint32_t *dst, const unsigned char *src, size_t n,
                           size_t limit)
{
    const uint32_t *v = (const uint32_t *)src;
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] >= limit) r->bad = 1;
        zeros += !v[i];
        dst[i] = v[i];
    }
    return zeros;
}

/* The interned words and their table, replacing those dict_new() made. */
static void read_words(reader *r, dict *d)
{
    size_t nw = r->n[S_WORDS], cap = r->n[S_WTAB];
    if (nw < 1 || r->n[S_WORD_HASH] != nw || cap < 2 || (cap & (cap - 1)) || nw * 2 > cap) {
        r->bad = 1;
        return;
    }
    free(d->word);
    free(d->word_hash);
    free(d->wtab);
    const uint32_t *off = (const uint32_t *)r->sec[S_WORDS];
    d->word = xmalloc(nw * sizeof *d->word);
    for (size_t i = 0; i < nw; i++)
        if (!(d->word[i] = str_at(r, off[i]))) r->bad = 1;
    d->word_hash = xmalloc(nw * sizeof *d->word_hash);
    memcpy(d->word_hash, r->sec[S_WORD_HASH], nw * sizeof *d->word_hash);
    d->n_words = d->cap_words = nw;
    d->wtab = xmalloc(cap * sizeof *d->wtab);
    d->wtab_cap = cap;
    /* Lookups probe until an empty slot: the table must have one. */
    if (!copy_checked(r, d->wtab, r->sec[S_WTAB], cap, nw)) r->bad = 1;
}

/* The trie nodes and the child table, replacing those dict_new() made. */
static void read_tries(reader *r, dict *d)
{
    size_t nn = r->n[S_NODES], ecap = r->n[S_EKEY];
    if (nn < 1 || ecap == 1 || (ecap & (ecap - 1)) || r->n[S_EVAL] != ecap) {
        r->bad = 1;
        return;
    }
    free(d->node);
    free(d->ekey);
    free(d->eval);
    d->n_nodes = d->cap_nodes = nn;
    d->node = xmalloc(nn * sizeof *d->node);
    memcpy(d->node, r->sec[S_NODES], nn * sizeof *d->node);
    d->ekey = xmalloc((ecap ? ecap : 1) * sizeof *d->ekey);
    memcpy(d->ekey, r->sec[S_EKEY], ecap * sizeof *d->ekey);
    d->eval = xmalloc((ecap ? ecap : 1) * sizeof *d->eval);
    d->etab_cap = ecap;
    copy_checked(r, d->eval, r->sec[S_EVAL], ecap, nn);
    size_t empty = 0;
    for (size_t i = 0; i < ecap; i++) empty += !d->ekey[i];
    if (ecap && !empty) r->bad = 1;
    dict_edge_filter(d);
}

static void read_counts(reader *r, dict *d)
{
    if (r->n[S_COUNTS] != N_COUNTS) { r->bad = 1; return; }
    const uint64_t *c = (const uint64_t *)r->sec[S_COUNTS];
    for (int k = C_NOUN_ROOT; k <= C_MARKER_NAMES; k++)
        if (c[k] >= d->n_nodes) r->bad = 1;
    if (c[C_GAP_WORD] >= d->n_words || c[C_EDGES] * 2 > d->etab_cap) r->bad = 1;
    if (r->bad) return;
    d->noun_root = (uint32_t)c[C_NOUN_ROOT];
    d->verb_root = (uint32_t)c[C_VERB_ROOT];
    d->discard_root = (uint32_t)c[C_DISCARD_ROOT];
    d->synset_names = (uint32_t)c[C_SYNSET_NAMES];
    d->marker_names = (uint32_t)c[C_MARKER_NAMES];
    d->gap_word = (uint32_t)c[C_GAP_WORD];
    d->n_edges = (size_t)c[C_EDGES];
    const uint64_t *s = c + C_STATS;
    d->st = (dict_stats){s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]};
}

/* Strings, references and the value pool, copied into the dict's arena. */
static void read_pools(reader *r, dict *d)
{
    r->blob_len = r->n[S_BLOB];
    const char *blob = (const char *)r->sec[S_BLOB];
    if (!r->blob_len || blob[r->blob_len - 1] != '\0') { r->bad = 1; return; }
    r->blob = arena_copy(d->mem, blob, r->blob_len);
    size_t ns = r->n[S_STRREFS];
    const uint32_t *off = (const uint32_t *)r->sec[S_STRREFS];
    r->strrefs = arena_alloc(d->mem, (ns ? ns : 1) * sizeof *r->strrefs);
    for (size_t i = 0; i < ns; i++)        /* pattern words, marker items: never NULL */
        if (!(r->strrefs[i] = str_at(r, off[i]))) r->bad = 1;
    r->pool = arena_copy(d->mem, r->sec[S_POOL], r->n[S_POOL] * 4);
}

static void read_nouns(reader *r, dict *d)
{
    d->n_actors = d->cap_actors = r->n[S_ACTORS];
    d->actor = xcalloc(d->n_actors ? d->n_actors : 1, sizeof *d->actor);
    const f_actor *fa = (const f_actor *)r->sec[S_ACTORS];
    for (size_t i = 0; i < d->n_actors; i++) {
        check_span(r, fa[i].first_code, fa[i].n_codes, r->n[S_ACODES]);
        d->actor[i] = (actor_rec){str_at(r, fa[i].name), fa[i].first_code, fa[i].n_codes,
                                  (uint8_t)fa[i].person};
    }
    d->n_acodes = d->cap_acodes = r->n[S_ACODES];
    d->acode = xcalloc(d->n_acodes ? d->n_acodes : 1, sizeof *d->acode);
    const f_acode *fc = (const f_acode *)r->sec[S_ACODES];
    for (size_t i = 0; i < d->n_acodes; i++)
        d->acode[i] = (actor_code_rec){str_at(r, fc[i].code), fc[i].from, fc[i].to,
                                       (uint8_t)fc[i].restricted};
    d->n_agents = d->cap_agents = r->n[S_AGENTS];
    d->agent = xcalloc(d->n_agents ? d->n_agents : 1, sizeof *d->agent);
    const f_agent *fg = (const f_agent *)r->sec[S_AGENTS];
    for (size_t i = 0; i < d->n_agents; i++)
        d->agent[i] = (agent_rec){str_at(r, fg[i].code), (uint8_t)fg[i].prefix};
    d->n_markers = d->cap_markers = r->n[S_MARKERS];
    d->marker = xcalloc(d->n_markers ? d->n_markers : 1, sizeof *d->marker);
    const f_span *fm = (const f_span *)r->sec[S_MARKERS];
    for (size_t i = 0; i < d->n_markers; i++) {
        check_span(r, fm[i].first, fm[i].n, r->n[S_STRREFS]);
        d->marker[i].items = fm[i].first == NONE ? NULL : r->strrefs + fm[i].first;
        d->marker[i].n = fm[i].n;
    }
}

/* Every pattern element, then every pattern, in the arena. */
static void read_patterns(reader *r, dict *d)
{
    size_t ne = r->n[S_ELEMS], np = r->n[S_PATTERNS];
    const f_elem *fe = (const f_elem *)r->sec[S_ELEMS];
    r->elems = arena_calloc(d->mem, ne + 1, sizeof *r->elems);
    for (size_t i = 0; i < ne; i++) {
        pattern_elem *e = &r->elems[i];
        if (fe[i].kind > PE_COMPOUND || fe[i].n_words > UINT16_MAX) r->bad = 1;
        check_span(r, fe[i].words, fe[i].n_words, r->n[S_STRREFS]);
        check_span(r, fe[i].hashes, fe[i].n_words, r->n[S_POOL]);
        e->kind = (uint8_t)fe[i].kind;
        e->n_words = (uint16_t)fe[i].n_words;
        e->words = fe[i].words == NONE ? NULL : r->strrefs + fe[i].words;
        e->hashes = fe[i].hashes == NONE ? NULL : r->pool + fe[i].hashes;
        e->synset = fe[i].synset;
        e->joined = (uint8_t)fe[i].joined;
    }
    const f_pattern *fp = (const f_pattern *)r->sec[S_PATTERNS];
    r->pats = arena_calloc(d->mem, np + 1, sizeof *r->pats);
    for (size_t i = 0; i < np; i++) {
        verb_pattern *p = &r->pats[i];
        if (fp[i].n_elems > UINT16_MAX || (fp[i].n_elems && fp[i].verb_index >= fp[i].n_elems))
            r->bad = 1;
        check_span(r, fp[i].first_elem, fp[i].n_elems, ne);
        p->elems = fp[i].first_elem == NONE ? NULL : r->elems + fp[i].first_elem;
        p->n_elems = (uint16_t)fp[i].n_elems;
        p->verb_index = (uint16_t)fp[i].verb_index;
        p->code = str_at(r, fp[i].code);
        p->file = str_at(r, fp[i].file);
        p->line = (long)fp[i].line;
    }
}

static void read_verbs(reader *r, dict *d)
{
    read_patterns(r, d);
    d->n_groups = d->cap_groups = r->n[S_GROUPS];
    d->group = xcalloc(d->n_groups ? d->n_groups : 1, sizeof *d->group);
    const f_span *fg = (const f_span *)r->sec[S_GROUPS];
    for (size_t i = 0; i < d->n_groups; i++) {
        check_span(r, fg[i].first, fg[i].n, r->n[S_PATTERNS]);
        d->group[i].pats = fg[i].first == NONE ? NULL : r->pats + fg[i].first;
        d->group[i].n = fg[i].n;
    }
    d->n_verbs = d->cap_verbs = r->n[S_VERBS];
    d->verb = xcalloc(d->n_verbs ? d->n_verbs : 1, sizeof *d->verb);
    const f_verb *fv = (const f_verb *)r->sec[S_VERBS];
    for (size_t i = 0; i < d->n_verbs; i++) {
        if (fv[i].group >= d->n_groups || fv[i].same_name > d->n_verbs) r->bad = 1;
        d->verb[i] = (verb_rec){str_at(r, fv[i].name), str_at(r, fv[i].code),
                                str_at(r, fv[i].file), (long)fv[i].line, fv[i].group,
                                fv[i].same_name};
    }
}

/* Synonym sets and their phrases. */
static void read_synsets(reader *r, dict *d)
{
    d->n_synsets = d->cap_synsets = r->n[S_SYNSETS];
    d->synset = xcalloc(d->n_synsets ? d->n_synsets : 1, sizeof *d->synset);
    const f_synset *fs = (const f_synset *)r->sec[S_SYNSETS];
    for (size_t i = 0; i < d->n_synsets; i++) {
        if (fs[i].root >= d->n_nodes) r->bad = 1;
        check_span(r, fs[i].first_phrase, fs[i].n_phrases, r->n[S_SPHRASES]);
        d->synset[i] = (synset_rec){str_at(r, fs[i].name), fs[i].root, fs[i].first_phrase,
                                    fs[i].n_phrases, (uint8_t)fs[i].noplural};
    }
    d->n_sphrases = d->cap_sphrases = r->n[S_SPHRASES];
    d->sphrase = xcalloc(d->n_sphrases ? d->n_sphrases : 1, sizeof *d->sphrase);
    const f_span *fh = (const f_span *)r->sec[S_SPHRASES];
    for (size_t i = 0; i < d->n_sphrases; i++) {
        check_span(r, fh[i].first, fh[i].n, r->n[S_POOL]);
        d->sphrase[i].wids = fh[i].first == NONE ? NULL : r->pool + fh[i].first;
        d->sphrase[i].n = fh[i].n;
    }
}

/* Replays the stored warnings (only once everything else checked out). */
static void replay_warnings(reader *r, dict_warn_fn warn, void *ctx)
{
    const f_warning *fw = (const f_warning *)r->sec[S_WARNINGS];
    for (size_t i = 0; i < r->n[S_WARNINGS]; i++)
        if (!str_at(r, fw[i].file) || !str_at(r, fw[i].message)) r->bad = 1;
    if (r->bad || !warn) return;
    for (size_t i = 0; i < r->n[S_WARNINGS]; i++)
        warn(ctx, str_at(r, fw[i].file), (long)fw[i].line, str_at(r, fw[i].message));
}

/* The dict of a mapped image, or NULL. */
static dict *dict_of_image(const unsigned char *p, size_t len, const dict_cache_key *key,
                           dict_warn_fn warn, void *ctx)
{
    reader r;
    memset(&r, 0, sizeof r);
    if (check_image(&r, p, len, key) != 0) return NULL;
    dict *d = dict_new();
    read_pools(&r, d);
    if (!r.bad) read_words(&r, d);
    if (!r.bad) read_tries(&r, d);
    if (!r.bad) read_counts(&r, d);
    if (!r.bad) read_nouns(&r, d);
    if (!r.bad) read_verbs(&r, d);
    if (!r.bad) read_synsets(&r, d);
    if (d->st.actors != d->n_actors || d->st.agents != d->n_agents ||   /* callers count ids */
        d->st.verbs != d->n_verbs || d->st.synsets != d->n_synsets)    /* by these */
        r.bad = 1;
    if (!r.bad) replay_warnings(&r, warn, ctx);
    if (r.bad) {
        dict_free(d);
        return NULL;
    }
    return d;
}

dict *dict_cache_read(const char *path, const dict_cache_key *key, dict_warn_fn warn,
                      void *ctx)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER_LEN + TABLE_LEN + 8) {
        close(fd);
        return NULL;
    }
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;                  /* one fault-in for the whole file */
#endif
    size_t len = (size_t)st.st_size;
    void *p = mmap(NULL, len, PROT_READ, flags, fd, 0);
    if (p == MAP_FAILED) {
        close(fd);
        return NULL;
    }
    dict *d = dict_of_image(p, len, key, warn, ctx);
    munmap(p, len);
    if (d) futimens(fd, NULL);             /* marks it used, for pruning */
    close(fd);
    return d;
}

/* ---- the set ---- */

typedef struct recorder {
    dict_warn_fn warn;
    void *ctx;
    dict_cache_warning *v;
    size_t n, cap;
} recorder;

static void record_warning(void *ctx, const char *file, long line, const char *message)
{
    recorder *rec = ctx;
    dict_cache_warning *w = DICT_PUSH(rec->v, rec->n, rec->cap);
    w->file = xstrdup(file ? file : "");
    w->line = line;
    w->message = xstrdup(message ? message : "");
    if (rec->warn) rec->warn(rec->ctx, file, line, message);
}

typedef struct aged { char *path; struct timespec mtime; } aged;

static int older_first(const void *a, const void *b)
{
    const struct timespec *x = &((const aged *)a)->mtime, *y = &((const aged *)b)->mtime;
    if (x->tv_sec != y->tv_sec) return x->tv_sec < y->tv_sec ? -1 : 1;
    return x->tv_nsec < y->tv_nsec ? -1 : x->tv_nsec > y->tv_nsec;
}

/* Whether name is "<32 hex digits>.dict". */
static int is_image_name(const char *name)
{
    for (int i = 0; i < 32; i++)
        if (!name[i] || !strchr("0123456789abcdef", name[i])) return 0;
    return strcmp(name + 32, ".dict") == 0;
}

/* Keeps the DICT_CACHE_KEEP most recently used images of dir. */
static void prune(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh) return;
    aged *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        struct stat st;
        if (!is_image_name(e->d_name)) continue;
        char *path = join(dir, e->d_name);
        if (stat(path, &st) != 0) { free(path); continue; }
        *DICT_PUSH(v, n, cap) = (aged){path, st.st_mtim};
    }
    closedir(dh);
    if (n > DICT_CACHE_KEEP) {
        qsort(v, n, sizeof *v, older_first);
        for (size_t i = 0; i < n - DICT_CACHE_KEEP; i++) unlink(v[i].path);
    }
    for (size_t i = 0; i < n; i++) free(v[i].path);
    free(v);
}

dict *dict_cache_load(const dict_cache_source *src, size_t n, dict_warn_fn warn, void *ctx,
                      int *from_cache)
{
    dict_cache_key key;
    char *dir = NULL, *path = NULL;
    if (dict_cache_key_of(src, n, &key) == 0 && (dir = dict_cache_dir()))
        path = dict_cache_path(dir, &key);
    dict *d = path ? dict_cache_read(path, &key, warn, ctx) : NULL;
    if (from_cache) *from_cache = d != NULL;
    if (!d) {
        recorder rec = {warn, ctx, NULL, 0, 0};
        d = dict_new();
        for (size_t i = 0; i < n; i++)
            dict_load(d, src[i].kind, src[i].name, src[i].text, src[i].len, record_warning, &rec);
        if (path && make_dirs(dir) == 0 && dict_cache_write(d, &key, rec.v, rec.n, path) == 0)
            prune(dir);
        for (size_t i = 0; i < rec.n; i++) {
            free(rec.v[i].file);
            free(rec.v[i].message);
        }
        free(rec.v);
    }
    free(dir);
    free(path);
    return d;
}
