/* weights.c — see weights.h. */
#include "weights.h"

#include <sys/mman.h>

#define LINE_INT16 32                  /* int16 in a 64-byte cache line */

int16_t *weights_map(size_t n, size_t *mapped)
{
    size_t align = (size_t)2 << 20;
    size_t len = (n * sizeof(int16_t) + align - 1) & ~(align - 1);
    if (len == 0) len = align;
    char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    char *a = (char *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
    if (a > p) munmap(p, (size_t)(a - p));                  /* trim to the aligned part */
    if (p + align > a) munmap(a + len, (size_t)(p + align - a));
#ifdef MADV_HUGEPAGE
    madvise(a, len, MADV_HUGEPAGE);
#endif
    *mapped = len;
    return (int16_t *)(void *)a;
}

void weights_unmap(int16_t *w, size_t mapped)
{
    if (w && mapped) munmap(w, mapped);
}

int weights_row(int n)
{
    if (n > LINE_INT16) return (n + LINE_INT16 - 1) / LINE_INT16 * LINE_INT16;
    int r = 1;
    while (r < n) r *= 2;
    return r;
}
