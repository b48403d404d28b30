/* model.c — see model.h.
 *
 * The whole file is read into one 8-byte aligned buffer and checked before
 * anything is used: magic, version, checksum, then the section table
 * (every section inside the file).  Sections are then pointers into that
 * buffer.  Writing builds the same image in memory and writes it once,
 * through a temporary file renamed into place.
 */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

#define MAGIC "DYADMODL"
#define NAME_LEN 16
#define HEADER_LEN 16                      /* magic + version + count */
#define ENTRY_LEN (NAME_LEN + 8 + 8)
#define MAX_SECTIONS 256

typedef struct section {
    char name[NAME_LEN + 1];
    const unsigned char *data;
    size_t len;
} section;

struct model {
    void *owned;          /* buffer freed with the model, or NULL */
    void *mapped;         /* file mapping unmapped with the model, or NULL */
    size_t mapped_len;
    section *sects;
    size_t n;
};

struct model_writer {
    section *sects;       /* data owned (copied) */
    size_t n, cap;
};

/* Little-endian readers and writers. */
static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const unsigned char *p)
{
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

/* The file checksum: four interleaved FNV-1a-style lanes over 64-bit
 * little-endian words (one multiply per word per lane, the lanes
 * independent, so that checking a 25 MB model takes a few milliseconds;
 * byte-wise FNV-1a took 30), then the tail bytes and the length.  It
 * detects corruption and truncation; it is not a cryptographic hash. */
static uint64_t checksum64(const unsigned char *p, size_t n)
{
    const uint64_t prime = 0x100000001b3ULL;
    uint64_t h[4] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL, 0x9e3779b97f4a7c15ULL,
                     0xc2b2ae3d27d4eb4fULL};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) h[k] = (h[k] ^ get_u64(p + i + 8 * (size_t)k)) * prime;
    uint64_t r = (uint64_t)n;
    for (int k = 0; k < 4; k++) r = (r ^ h[k]) * prime;
    for (; i < n; i++) r = (r ^ p[i]) * prime;
    return r ^ (r >> 29);
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* Checks magic, version and checksum of an image; 0 or -1 with err set. */
static int check_image(const unsigned char *p, size_t len, const char *who,
                       char *err, size_t errlen)
{
    if (len < HEADER_LEN + 8 || memcmp(p, MAGIC, 8) != 0) {
        snprintf(err, errlen, "%s: not a dyad model file (bad magic)", who);
        return -1;
    }
    uint32_t version = get_u32(p + 8);
    if (version != MODEL_FORMAT_VERSION) {
        snprintf(err, errlen, "%s: model format version %u, this build reads version %d;"
                 " retrain or rebuild the model", who, (unsigned)version, MODEL_FORMAT_VERSION);
        return -1;
    }
    if (checksum64(p, len - 8) != get_u64(p + len - 8)) {
        snprintf(err, errlen, "%s: checksum mismatch (file corrupted or truncated)", who);
        return -1;
    }
    return 0;
}

/* Reads the section table of a checked image into m; 0 or -1 with err. */
static int read_table(model *m, const unsigned char *p, size_t len, const char *who,
                      char *err, size_t errlen)
{
    uint32_t n = get_u32(p + 12);
    size_t body = len - 8;
    if (n > MAX_SECTIONS || HEADER_LEN + (size_t)n * ENTRY_LEN > body) {
        snprintf(err, errlen, "%s: bad section table", who);
        return -1;
    }
    m->sects = xcalloc(n ? n : 1, sizeof *m->sects);
    m->n = n;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *e = p + HEADER_LEN + (size_t)i * ENTRY_LEN;
        uint64_t off = get_u64(e + NAME_LEN), slen = get_u64(e + NAME_LEN + 8);
        if (off > body || slen > body - off) {
            snprintf(err, errlen, "%s: section %u lies outside the file", who, (unsigned)i);
            return -1;
        }
        memcpy(m->sects[i].name, e, NAME_LEN);
        m->sects[i].name[NAME_LEN] = '\0';
        m->sects[i].data = p + off;
        m->sects[i].len = (size_t)slen;
    }
    return 0;
}

/* Builds a model over an image (owned or not); NULL with err on refusal. */
static model *open_image(const void *data, size_t len, void *owned, const char *who,
                         char *err, size_t errlen)
{
    const unsigned char *p = data;
    if (check_image(p, len, who, err, errlen) != 0) return NULL;
    model *m = xcalloc(1, sizeof *m);
    if (read_table(m, p, len, who, err, errlen) != 0) {
        free(m->sects);
        free(m);
        return NULL;
    }
    m->owned = owned;
    return m;
}

model *model_from_memory(const void *data, size_t len, char *err, size_t errlen)
{
    return open_image(data, len, NULL, "model", err, errlen);
}

/* Reads a whole file into a malloc'd buffer with one fread; NULL with err. */
static void *read_whole(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0) size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(err, errlen, "%s: cannot determine file size", path);
        fclose(f);
        return NULL;
    }
    void *buf = xmalloc((size_t)size);
    size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    if (got != (size_t)size) {
        snprintf(err, errlen, "%s: short read", path);
        free(buf);
        return NULL;
    }
    *len = (size_t)size;
    return buf;
}

/* Maps the whole file read-only (the page cache is used in place: no copy,
 * the pages shared by every process that loads the model); NULL when the
 * file cannot be mapped (then it is read). */
static void *map_whole(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    void *p = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;   /* fault the pages in at once: the checksum reads them all */
#endif
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
        if (p == MAP_FAILED) p = NULL;
        else *len = (size_t)st.st_size;
    }
    close(fd);
    return p;
}

model *model_load(const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    void *map = map_whole(path, &len);
    if (map) {
        model *m = open_image(map, len, NULL, path, err, errlen);
        if (!m) { munmap(map, len); return NULL; }
        m->mapped = map;
        m->mapped_len = len;
        return m;
    }
    void *buf = read_whole(path, &len, err, errlen);
    if (!buf) return NULL;
    model *m = open_image(buf, len, buf, path, err, errlen);
    if (!m) free(buf);
    return m;
}

void model_free(model *m)
{
    if (!m) return;
    if (m->mapped) munmap(m->mapped, m->mapped_len);
    free(m->owned);
    free(m->sects);
    free(m);
}

const void *model_section(const model *m, const char *name, size_t *len)
{
    for (size_t i = 0; m && i < m->n; i++)
        if (strcmp(m->sects[i].name, name) == 0) {
            if (len) *len = m->sects[i].len;
            return m->sects[i].data;
        }
    if (len) *len = 0;
    return NULL;
}

model_writer *model_writer_new(void)
{
    return xcalloc(1, sizeof(model_writer));
}

/* Copies data; a name longer than 15 bytes is cut to 15. */
void model_writer_add(model_writer *w, const char *name, const void *data, size_t len)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 8;
        w->sects = xrealloc(w->sects, w->cap * sizeof *w->sects);
    }
    section *s = &w->sects[w->n++];
    memset(s->name, 0, sizeof s->name);
    strncpy(s->name, name, NAME_LEN - 1);
    unsigned char *copy = xmalloc(len);
    if (len) memcpy(copy, data, len);
    s->data = copy;
    s->len = len;
}

/* Rounds n up to a multiple of 8. */
static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* Builds the complete file image; returns it (malloc'd) and its length. */
static unsigned char *build_image(const model_writer *w, size_t *out_len)
{
    size_t off = align8(HEADER_LEN + w->n * ENTRY_LEN);
    size_t total = off;
    for (size_t i = 0; i < w->n; i++) total = align8(total + w->sects[i].len);
    unsigned char *p = xcalloc(total + 8, 1);
    memcpy(p, MAGIC, 8);
    put_u32(p + 8, MODEL_FORMAT_VERSION);
    put_u32(p + 12, (uint32_t)w->n);
    for (size_t i = 0; i < w->n; i++) {
        unsigned char *e = p + HEADER_LEN + i * ENTRY_LEN;
        memcpy(e, w->sects[i].name, NAME_LEN);
        put_u64(e + NAME_LEN, off);
        put_u64(e + NAME_LEN + 8, w->sects[i].len);
        if (w->sects[i].len) memcpy(p + off, w->sects[i].data, w->sects[i].len);
        off = align8(off + w->sects[i].len);
    }
    put_u64(p + total, checksum64(p, total));
    *out_len = total + 8;
    return p;
}

int model_writer_save(model_writer *w, const char *path, char *err, size_t errlen)
{
    if (w->n > MAX_SECTIONS) {
        snprintf(err, errlen, "%s: too many sections", path);
        return -1;
    }
    size_t len;
    unsigned char *img = build_image(w, &len);
    size_t plen = strlen(path);
    char *tmp = xmalloc(plen + 5);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    int rc = -1;
    if (!f) snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
    else if (fwrite(img, 1, len, f) != len) {
        snprintf(err, errlen, "%s: write error", tmp);
        fclose(f);
    } else if (fclose(f) != 0) snprintf(err, errlen, "%s: write error", tmp);
    else if (rename(tmp, path) != 0) snprintf(err, errlen, "%s: %s", path, strerror(errno));
    else rc = 0;
    if (rc != 0) remove(tmp);
    free(tmp);
    free(img);
    return rc;
}

void model_writer_free(model_writer *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) free((void *)w->sects[i].data);
    free(w->sects);
    free(w);
}
