/* builtin.h — data files compiled into the library (see tools/embed.c).
 * The built-in dictionaries and tables are the files under data/, by base
 * name, e.g. builtin_find("countries.actors.txt"). */
#ifndef DYAD_BUILTIN_H
#define DYAD_BUILTIN_H

#include <stddef.h>

struct builtin_file {
    const char *name;   /* base name, e.g. "verbs.txt" */
    const char *data;   /* NUL-terminated contents */
    size_t len;
};

extern const struct builtin_file dyad_builtin_files[];

/* The embedded file with this base name, or NULL. */
const struct builtin_file *builtin_find(const char *name);

#endif
