/* swar.h — eight bytes at a time ("SWAR": plain 64-bit arithmetic on
 * eight byte lanes), shared by the cleaner, the splitter and the
 * tokenizer.  A word is loaded with its first byte in the low lane
 * whatever the machine's byte order; a lane "is set" when its top bit
 * (0x80) is.  Portable C: no intrinsics. */
#ifndef DYAD_SWAR_H
#define DYAD_SWAR_H

#include <stdint.h>
#include <string.h>

#define LANES_HI 0x8080808080808080u   /* the top bit of every lane */
#define LANES_LO 0x7f7f7f7f7f7f7f7fu   /* the other bits */
#define LANES(b) (0x0101010101010101u * (uint8_t)(b))   /* b in every lane */

/* The eight bytes at p, p[0] in the low lane (one load on common machines). */
static inline uint64_t load8(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
           (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Stores the lanes of x at p, the low lane at p[0]. */
static inline void store8(char *p, uint64_t x)
{
    unsigned char b[8] = {
        (unsigned char)x, (unsigned char)(x >> 8), (unsigned char)(x >> 16),
        (unsigned char)(x >> 24), (unsigned char)(x >> 32), (unsigned char)(x >> 40),
        (unsigned char)(x >> 48), (unsigned char)(x >> 56),
    };
    memcpy(p, b, 8);
}

/* For y with every top bit clear: the lanes whose byte lies in [lo, hi]
 * (1 <= lo <= hi <= 0x7f).  Adding 0x80 - lo sets the top bit from lo
 * up, adding 0x7f - hi from hi + 1 up; seven-bit lanes never carry. */
static inline uint64_t lanes_in(uint64_t y, unsigned lo, unsigned hi)
{
    return (y + LANES(0x80 - lo)) & ~(y + LANES(0x7f - hi)) & LANES_HI;
}

/* For y with every top bit clear: sets the top bit of the lanes whose
 * byte is not c (c < 0x80), as adding 0x7f to a 7-bit value reaches 0x80
 * unless the value is zero. */
static inline uint64_t lanes_not(uint64_t y, unsigned char c)
{
    return (y ^ LANES(c)) + LANES_LO;
}

/* The lanes of x holding an upper-case ASCII letter. */
static inline uint64_t lanes_upper(uint64_t x)
{
    return lanes_in(x & LANES_LO, 'A', 'Z') & ~x;
}

/* Index of the lowest set lane of m (m != 0, only top bits set). */
static inline unsigned first_lane(uint64_t m)
{
    uint64_t low = (m & (~m + 1)) >> 7;           /* 1 << 8k for lane k */
    return (unsigned)((low * 0x0001020304050607u) >> 56);
}

#endif
