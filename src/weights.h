/* weights.h — memory for the tagger's and the parser's int16 weight tables.
 *
 * Scoring reads one row of a table per feature, rows anywhere in tables of
 * 2-16 MB, so the time goes into cache and TLB misses.  Two things cut
 * them without changing a weight: the tables live on huge pages (2 MB
 * aligned, where the system allows it: Linux with transparent huge pages
 * in "madvise" mode), and rows are laid out so that none straddles more
 * cache lines than it must (a row of 49 weights, 98 bytes, starts on a
 * 128-byte boundary: always 2 lines instead of 2 or 3).
 *
 * Ownership: weights_map hands out a mapping that weights_unmap returns.
 */
#ifndef DYAD_WEIGHTS_H
#define DYAD_WEIGHTS_H

#include <stddef.h>
#include <stdint.h>

/* Zeroed memory for n int16, 2 MB aligned, on huge pages where possible;
 * *mapped gets the length to pass to weights_unmap.  NULL when out of
 * memory. */
int16_t *weights_map(size_t n, size_t *mapped);
void weights_unmap(int16_t *w, size_t mapped);

/* The distance in int16 from one row of n weights to the next in memory:
 * n rounded up to a power of two when a row fits in a 64-byte cache line
 * (8 bytes for 4 weights), else to whole lines. */
int weights_row(int n);

#endif
