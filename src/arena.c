/* arena.c — see arena.h. Blocks are chained; big requests get their own block. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_ALIGN 16

typedef struct block {
    struct block *next;
    size_t size;   /* usable bytes after the header */
    size_t used;
    /* data follows, aligned */
} block;

struct arena {
    block *head;   /* current block; older blocks follow */
    size_t held;
};

static void out_of_memory(size_t n)
{
    fprintf(stderr, "dyad: out of memory (requested %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static size_t header_size(void)
{
    return (sizeof(block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static block *block_new(size_t size)
{
    if (size > SIZE_MAX - header_size()) out_of_memory(size);
    block *b = xmalloc(header_size() + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

arena *arena_new(void)
{
    arena *a = xcalloc(1, sizeof *a);
    a->head = block_new(ARENA_BLOCK_SIZE);
    a->held = ARENA_BLOCK_SIZE;
    return a;
}

static void free_chain(block *b)
{
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(arena *a)
{
    if (!a) return;
    free_chain(a->head);
    free(a);
}

void arena_reset(arena *a)
{
    /* Keep the oldest block (the standard-size one made by arena_new). */
    block *b = a->head, *keep = NULL;
    while (b) {
        block *next = b->next;
        if (!next) keep = b; else free(b);
        b = next;
    }
    keep->used = 0;
    keep->next = NULL;
    a->head = keep;
    a->held = keep->size;
}

void *arena_alloc(arena *a, size_t n)
{
    if (n > SIZE_MAX - ARENA_ALIGN) out_of_memory(n);
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    block *b = a->head;
    if (b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK_SIZE ? n : ARENA_BLOCK_SIZE;
        block *nb = block_new(size);
        a->held += size;
        if (n > ARENA_BLOCK_SIZE) {
            /* A big request gets a private block behind the current one,
             * so the current block's free space is not wasted. */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            return (char *)nb + header_size();
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = (char *)b + header_size() + b->used;
    b->used += n;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

size_t arena_bytes_held(const arena *a)
{
    return a->held;
}
