/* dict_cache.h — the compiled form of a dictionary set.
 *
 * Loading the Phoenix set from text takes tens of milliseconds; its
 * compiled form (a binary image of the loaded dict) loads in a few.  The
 * image is cached in a directory, under a name that is the hex of a
 * 128-bit key hashed from:
 *   - the cache format version and the identity of the running program
 *     (device, inode, size and modification time of /proc/self/exe, so a
 *     rebuilt reader never trusts an image of the old one);
 *   - for every source in load order: its kind, its name and a hash of
 *     its full contents (built-in files included).
 * Any byte changed in any source changes the key, so a stale image is
 * never found.  A file that is truncated, corrupted, of another format
 * version or of another key is refused, and the text is loaded instead.
 *
 * The directory: $DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else
 * $HOME/.cache/dyad.  DYAD_CACHE_DIR set to the empty string turns the
 * cache off.  If the directory cannot be made or written, the set is
 * loaded from text and nothing is reported.  At most DICT_CACHE_KEEP
 * images are kept; the least recently used go first.
 *
 * Warnings given while loading the text are stored in the image and
 * replayed, same text, same order, when the image is used.
 *
 * File layout (native byte order; the program identity in the key ties an
 * image to one build): a 32-byte header ("DYADDICT", version, byte-order
 * mark, 128-bit key), a table of sections (offset, length), the sections
 * (8-byte aligned arrays of fixed-size records; pointers are written as
 * offsets into a string blob or indices into pools), and a 64-bit checksum
 * of everything before it (the first word of dict_cache_hash() with seed
 * DICT_CACHE_CHECKSUM_SEED).  Every offset and index is checked on reading.
 *
 * Example: dyad_coder_new() of a PETRARCH configuration gathers the seven
 * files of the Phoenix set as dict_cache_source records and calls
 * dict_cache_load(); the first run writes ~/.cache/dyad/<32 hex>.dict,
 * later runs read it.
 *
 * Ownership: sources are borrowed; dicts returned are the caller's
 * (dict_free()); strings returned are malloc'd and the caller's.
 */
#ifndef DYAD_DICT_CACHE_H
#define DYAD_DICT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "dict.h"

#define DICT_CACHE_VERSION 1
#define DICT_CACHE_KEEP 8
#define DICT_CACHE_CHECKSUM_SEED 0x44594144u

/* One source of a dictionary set, as dict_load() takes it. */
typedef struct dict_cache_source {
    dict_kind kind;
    const char *name;    /* path or built-in name: used in messages and evidence */
    const char *text;
    size_t len;
    char *owned;         /* text read by dict_cache_read_source(), or NULL */
} dict_cache_source;

typedef struct dict_cache_key { uint64_t h[2]; } dict_cache_key;

/* A 128-bit non-cryptographic hash of p[0..n) (four independent lanes of
 * one multiply per 8 bytes: a few GB/s). */
void dict_cache_hash(const void *p, size_t n, uint64_t seed, uint64_t out[2]);

/* Reads the file at path into s (s->owned, s->text = s->owned); s->name
 * is path (borrowed).  0, or -1 with errno set. */
int dict_cache_read_source(dict_cache_source *s, dict_kind kind, const char *path);
/* Frees what dict_cache_read_source() read. */
void dict_cache_source_clear(dict_cache_source *s);

/* The key of the sources (see the top of this file).  0, or -1 when the
 * program's identity cannot be found (then nothing is cached). */
int dict_cache_key_of(const dict_cache_source *src, size_t n, dict_cache_key *out);

/* The cache directory (malloc'd), or NULL when caching is off. */
char *dict_cache_dir(void);
/* dir/<32 hex digits of key>.dict (malloc'd). */
char *dict_cache_path(const char *dir, const dict_cache_key *key);

/* A warning recorded while loading text, to be replayed. */
typedef struct dict_cache_warning {
    char *file;
    long line;
    char *message;
} dict_cache_warning;

/* Writes the compiled form of d, with its key and warnings, to path
 * (through a temporary file renamed into place).  0, or -1 when it could
 * not be written (nothing is left behind). */
int dict_cache_write(const dict *d, const dict_cache_key *key,
                     const dict_cache_warning *warns, size_t n_warns, const char *path);

/* Reads the compiled form at path.  Returns a new dict (a fresh serial)
 * that answers every dict_* query as the dict written did, after replaying
 * the stored warnings through warn (if not NULL); or NULL, with nothing
 * replayed, when the file is missing, truncated, corrupted, of another
 * version or written for another key. */
dict *dict_cache_read(const char *path, const dict_cache_key *key, dict_warn_fn warn,
                      void *ctx);

/* The dict of the sources, loaded in order: from the cache when an image
 * of their key is there, else from text (then the image is written).
 * Warnings go to warn either way.  *from_cache (if not NULL) tells which.
 * Never NULL. */
dict *dict_cache_load(const dict_cache_source *src, size_t n, dict_warn_fn warn, void *ctx,
                      int *from_cache);

#endif
