/* arena.h — region allocator: one arena per story, freed in one call.
 *
 * Every object a stage makes for a story (cleaned text, tokens, sentences,
 * actor mentions, events) lives in the story's arena.  Nothing allocated
 * here is freed on its own; arena_reset() drops everything at once and
 * keeps the first block for the next story, so a long run does not churn
 * malloc.  Allocation never returns NULL: out of memory aborts the program
 * with a message (one policy, in one place).
 *
 * Ownership: the arena owns every byte it hands out.  Pointers into it are
 * valid until the next arena_reset() or arena_free().
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Forget every allocation; keeps one block of memory for reuse. */
void arena_reset(arena *a);
/* n bytes aligned for any type, uninitialised. */
void *arena_alloc(arena *a, size_t n);
/* n bytes, zeroed. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* Copy of s[0..n) with a terminating NUL. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* Bytes currently held from the system (for memory reports). */
size_t arena_bytes_held(const arena *a);

/* Out-of-memory policy shared by every module: print and abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
