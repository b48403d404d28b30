/* fuzz_dict_cache.c — libFuzzer target for the reader of compiled
 * dictionaries (src/dict_cache.c).
 *
 * A random file would never get past the checksum, so the input edits a
 * valid image instead: at start-up a small dictionary (every record kind)
 * is compiled; each input is read as 3-byte edits (16-bit little-endian
 * offset, a byte to XOR there), then an optional last byte cuts the image
 * short; the checksum is recomputed and the image read back.  It must be
 * refused or give a dict whose every accessor and lookup works, never a
 * crash, a hang or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "dict.h"
#include "dict_cache.h"
#include "key.h"

static const char *const texts[] = {
    "&CASH\n+DOLLAR\n+SWISS_FRANC\n--- GIVE [070] ---\nGIVE {GAVE GIVEN}\n"
    "- * &CASH [071]\n- $ * {FINANCIAL AID} (FOR +) ^ % [073]\nMEET [040]\n- * WITH + [042]\n",
    "LAVROV_\n+SERGEI_LAVROV\n[RUSGOV 19940922-20040712]\n[RUSGOV >20040309]\nRUSSIA_ [RUS]\n"
    "ITHILEN TELEVISION [ITHMED]\n",
    "!PERSON! = MAN, WOMAN\nPRESIDENT [~GOV]\nCONGRESS!PERSON! [~LEG]\nRIGHTS_BODY [NGO~]\n",
    "+WORLD CUP\nBASEBALL\n",
};
static const dict_kind kinds[] = {DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS};

static unsigned char *image;
static size_t image_len;
static char path[] = "/tmp/dyad-fuzz-dict-cache.XXXXXX";

static void ignore(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    if (!file || !msg || line < 0) abort();
}

/* Compiles the small dictionary once and keeps its image. */
static int setup(void)
{
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    close(fd);
    dict *d = dict_new();
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        dict_load(d, kinds[k], "fuzz.txt", texts[k], strlen(texts[k]), NULL, NULL);
    dict_cache_key key = {{1, 2}};
    dict_cache_warning w = {"fuzz.txt", 3, "a warning"};
    int rc = dict_cache_write(d, &key, &w, 1, path);
    dict_free(d);
    FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    image_len = (size_t)ftell(f);
    rewind(f);
    image = malloc(image_len);
    size_t got = image ? fread(image, 1, image_len, f) : 0;
    fclose(f);
    unlink(path);                  /* each input is written there, then removed */
    return got == image_len ? 0 : -1;
}

/* Every accessor on every id, and the lookups over a few tokens. */
static void exercise(const dict *d)
{
    static const char *const words[] = {"sergei", "lavrov", "gave", "swiss", "francs", "world",
                                        "cup", "president", "congressman", "ithilen", "state-run",
                                        "television", "met", "with"};
    enum { N = sizeof words / sizeof *words };
    token t[N];
    memset(t, 0, sizeof t);
    for (size_t i = 0; i < N; i++) {
        t[i].kind = TOK_WORD;
        t[i].pos = POS_NOUN;
        t[i].key = words[i];
        t[i].hash = key_hash(words[i], strlen(words[i]));
    }
    dict_stats st;
    dict_get_stats(d, &st);
    for (uint32_t a = 0; a < st.actors + 2; a++) {
        dict_actor_code(d, a, 20240409);
        dict_actor_latest_code(d, a);
        const char *name = dict_actor_name(d, a);
        if (name && strlen(name) > (1u << 30)) abort();
    }
    for (uint32_t a = 0; a < st.agents + 2; a++) dict_agent_code(d, a, NULL);
    for (uint32_t v = 0; v < st.verbs + 2; v++) {
        long line;
        dict_verb_file(d, v, &line);
        dict_verb_code(d, v);
        dict_verb_redefined(d, v);
        const verb_pattern *p;
        size_t n = dict_verb_patterns(d, v, &p);
        for (size_t k = 0; k < n; k++)
            for (size_t e = 0; e < p[k].n_elems; e++)
                for (size_t i = 0; i < N; i++) dict_match_elem(d, &p[k].elems[e], t, N, i);
    }
    for (size_t i = 0; i < N; i++) {
        noun_match nm;
        verb_match vm;
        dict_match_noun(d, t, N, i, &nm);
        dict_match_verb(d, t, N, i, &vm);
        dict_match_discard(d, t, N, i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (setup() != 0) abort();
        ready = 1;
    }
    unsigned char *img = malloc(image_len);
    memcpy(img, image, image_len);
    size_t len = image_len, i = 0;
    for (; i + 3 <= size; i += 3)
        img[((size_t)data[i] | (size_t)data[i + 1] << 8) % (image_len - 8)] ^= data[i + 2];
    if (i < size) len = image_len * data[i] / 255;    /* a last byte alone: cut short */
    if (len >= 8) {
        uint64_t h[2];
        dict_cache_hash(img, len - 8, DICT_CACHE_CHECKSUM_SEED, h);
        memcpy(img + len - 8, &h[0], 8);
    }
    dict_cache_key key = {{1, 2}};
    if (len >= 32) {                                   /* the key the header names */
        memcpy(&key.h[0], img + 16, 8);
        memcpy(&key.h[1], img + 24, 8);
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fwrite(img, 1, len, f);
    fclose(f);
    free(img);
    dict *d = dict_cache_read(path, &key, ignore, NULL);
    unlink(path);
    if (d) exercise(d);
    dict_free(d);
    return 0;
}
