/* model.h — dyad's binary model file: named sections of bytes, with a
 * format version and a checksum, loaded with one read (or mmap).
 *
 * Layout (all integers little-endian):
 *   "DYADMODL"  magic, 8 bytes
 *   u32 format version (MODEL_FORMAT_VERSION)
 *   u32 number of sections
 *   per section: 16-byte NUL-padded name, u64 offset, u64 length
 *   section bytes, each 8-byte aligned
 *   u64 checksum of everything before it (four-lane FNV-style, model.c)
 * A file with another magic, version or checksum is refused with a clear
 * message.  Sections are free-form bytes owned by their module (the
 * tagger's weights, the parser's, the lemma exceptions, training facts).
 */
#ifndef DYAD_MODEL_H
#define DYAD_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* 2: the checksum became checksum64 (model.c) instead of byte-wise FNV-1a. */
#define MODEL_FORMAT_VERSION 2

typedef struct model model;

/* Loads and checks a model file; NULL with the reason in err. */
model *model_load(const char *path, char *err, size_t errlen);
/* The same from memory the caller keeps alive (tests, embedded models). */
model *model_from_memory(const void *data, size_t len, char *err, size_t errlen);
void model_free(model *m);

/* The bytes of a section, or NULL (then *len = 0). */
const void *model_section(const model *m, const char *name, size_t *len);

/* Writing: collect sections, then write the file. */
typedef struct model_writer model_writer;
model_writer *model_writer_new(void);
void model_writer_add(model_writer *w, const char *name, const void *data, size_t len);
int model_writer_save(model_writer *w, const char *path, char *err, size_t errlen);
void model_writer_free(model_writer *w);

#endif
