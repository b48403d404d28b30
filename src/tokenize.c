/* tokenize.c — see tokenize.h.
 *
 * A hand-written scanner over each sentence of the cleaned text.  ASCII
 * bytes are classified by comparisons; a non-ASCII character is decoded
 * and classified by its Unicode category (letters, marks and numbers make
 * words; symbols are TOK_SYMBOL; the rest punctuation).
 *
 * Decisions (see tests/spec/tokenize.spec):
 *  - a word runs over internal hyphens (two-day), apostrophes followed by
 *    letters (O'Brien), periods inside dotted acronyms and before a lower
 *    case letter or digit (U.S.A, example.com, 3.5), digit groups (1,000),
 *    clock times (10:30), fractions (1/2) and AT&T-style ampersands;
 *  - a final period stays in the token after an abbreviation of
 *    split.h's list or a dotted acronym (U.S., Gen., a.m.), after No./Vol.
 *    only before a number, and after an initial only when the sentence
 *    goes on ("George W. Bush", but "Plan B" + "." at the end); never
 *    when an ellipsis follows ("U.S" + "...");
 *  - 's after it/he/she/that/there/what/who/where/here/let/how is the verb
 *    (TOK_WORD); otherwise 's and a bare ' after s are TOK_POSSESSIVE,
 *    except that ' closes a single quote opened earlier in the sentence;
 *  - n't 're 've 'll 'd 'm are words of their own (do + n't, ca + n't);
 *  - a URL (http://, https://, www.) is one word.
 */
#include "tokenize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "key.h"
#include "split.h"
#include "swar.h"

typedef struct tokenizer {
    arena *a;
    const char *t;
    size_t n;            /* length of the cleaned text */
    size_t end;          /* end of the current sentence */
    token *v;            /* in the arena; grown by doubling */
    size_t len, cap;
    char *kb, *kb_end;   /* free part of the key buffer (ASCII keys) */
    int squote_open;     /* a single quote is open in this sentence */
} tokenizer;

/* ------------------------------------------------------------------ */
/* Characters.                                                         */

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* 1 for ASCII letters and digits. */
static const unsigned char ASCII_WORD[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Decodes the character at i (before `end`); -1 for invalid bytes. */
static size_t decode(const char *t, size_t end, size_t i, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)(end - i), &c);
    if (k <= 0) { *cp = -1; return 1; }
    *cp = c;
    return (size_t)k;
}

/* True for Unicode letters, marks and numbers. */
static int is_word_cp(int32_t cp)
{
    if (cp < 0) return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Byte length of the word character (letter, mark, digit) at i, or 0
 * when there is none before the sentence end. */
static inline size_t word_char(const tokenizer *tz, size_t i)
{
    if (i >= tz->end) return 0;
    unsigned char c = (unsigned char)tz->t[i];
    if (c < 0x80) return ASCII_WORD[c];
    int32_t cp;
    size_t k = decode(tz->t, tz->end, i, &cp);
    return is_word_cp(cp) ? k : 0;
}

static int at(const tokenizer *tz, size_t i, char c) { return i < tz->end && tz->t[i] == c; }

/* ------------------------------------------------------------------ */
/* Output.                                                             */

/* Case flags of a token with non-ASCII letters (see case_flags). */
static uint8_t case_flags_unicode(const char *t, size_t s, size_t e)
{
    int letters = 0, lower = 0, first = -1;
    for (size_t i = s; i < e; ) {
        int32_t cp;
        i += decode(t, e, i, &cp);
        int up = cp >= 0 && utf8proc_isupper(cp), lo = cp >= 0 && utf8proc_islower(cp);
        if (first < 0) first = up;
        letters += up || lo;
        lower += lo;
    }
    uint8_t f = first == 1 ? TOKF_CAPITALIZED : 0;
    if (letters >= 2 && lower == 0) f |= TOKF_ALL_CAPS;
    return f;
}

/* Flags that follow from a word's text: TOKF_CAPITALIZED when its first
 * character is an upper-case letter, TOKF_ALL_CAPS when it has two or
 * more letters and none in lower case. */
static uint8_t case_flags(const char *t, size_t s, size_t e)
{
    unsigned upper = 0, lower = 0;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x80) return case_flags_unicode(t, s, e);
        upper += is_upper(c);
        lower |= is_lower(c);
    }
    uint8_t f = is_upper((unsigned char)t[s]) ? TOKF_CAPITALIZED : 0;
    if (upper >= 2 && !lower) f |= TOKF_ALL_CAPS;
    return f;
}

/* Keys of the one-byte ASCII tokens: the byte lower-cased.  Shared by
 * every such token, so they take no memory of their own. */
static const char ONE[128][2] = {
    ['!'] = "!", ['"'] = "\"", ['#'] = "#", ['$'] = "$", ['%'] = "%",
    ['&'] = "&", ['\''] = "'", ['('] = "(", [')'] = ")", ['*'] = "*", ['+'] = "+",
    [','] = ",", ['-'] = "-", ['.'] = ".", ['/'] = "/", ['0'] = "0", ['1'] = "1",
    ['2'] = "2", ['3'] = "3", ['4'] = "4", ['5'] = "5", ['6'] = "6", ['7'] = "7",
    ['8'] = "8", ['9'] = "9", [':'] = ":", [';'] = ";", ['<'] = "<", ['='] = "=",
    ['>'] = ">", ['?'] = "?", ['@'] = "@", ['A'] = "a", ['B'] = "b", ['C'] = "c",
    ['D'] = "d", ['E'] = "e", ['F'] = "f", ['G'] = "g", ['H'] = "h", ['I'] = "i",
    ['J'] = "j", ['K'] = "k", ['L'] = "l", ['M'] = "m", ['N'] = "n", ['O'] = "o",
    ['P'] = "p", ['Q'] = "q", ['R'] = "r", ['S'] = "s", ['T'] = "t", ['U'] = "u",
    ['V'] = "v", ['W'] = "w", ['X'] = "x", ['Y'] = "y", ['Z'] = "z", ['['] = "[",
    ['\\'] = "\\", [']'] = "]", ['^'] = "^", ['_'] = "_", ['`'] = "`", ['a'] = "a",
    ['b'] = "b", ['c'] = "c", ['d'] = "d", ['e'] = "e", ['f'] = "f", ['g'] = "g",
    ['h'] = "h", ['i'] = "i", ['j'] = "j", ['k'] = "k", ['l'] = "l", ['m'] = "m",
    ['n'] = "n", ['o'] = "o", ['p'] = "p", ['q'] = "q", ['r'] = "r", ['s'] = "s",
    ['t'] = "t", ['u'] = "u", ['v'] = "v", ['w'] = "w", ['x'] = "x", ['y'] = "y",
    ['z'] = "z", ['{'] = "{", ['|'] = "|", ['}'] = "}", ['~'] = "~",
};

/* The key of t[s..e) (match_key()), its length in *key_len, and, when
 * `cased`, its case flags
 * (case_flags()) ORed into *flags.  Pure ASCII text, nearly every token,
 * is lower-cased into the key buffer in the same pass that finds its
 * case; a one-byte token shares a static key; anything else goes through
 * match_key(). */
static const char *token_key(tokenizer *tz, size_t s, size_t e, int cased, uint8_t *flags,
                             size_t *key_len)
{
    const unsigned char *p = (const unsigned char *)tz->t + s;
    size_t len = e - s;
    *key_len = len;
    if (len == 1 && p[0] < 0x80 && ONE[p[0]][0]) {
        if (cased && is_upper(p[0])) *flags |= TOKF_CAPITALIZED;
        return ONE[p[0]];
    }
    char *out = tz->kb;
    unsigned upper = 0, lower = 0, high = 0;
    if (len < (size_t)(tz->kb_end - out)) {
        for (size_t i = 0; i < len; i++) {
            unsigned c = p[i], up = c - 'A' < 26u;
            upper += up;
            lower |= c - 'a' < 26u;
            high |= c;
            out[i] = (char)(c | up << 5);
        }
    } else {
        high = 0x80;        /* no room: never for ASCII (see tokenize_sentence) */
    }
    if (high & 0x80) {
        if (cased) *flags |= case_flags(tz->t, s, e);
        const char *key = match_key(tz->a, tz->t + s, len);
        *key_len = strlen(key);
        return key;
    }
    out[len] = '\0';
    tz->kb = out + len + 1;
    if (cased) {
        if (is_upper(p[0])) *flags |= TOKF_CAPITALIZED;
        if (upper >= 2 && !lower) *flags |= TOKF_ALL_CAPS;
    }
    return out;
}

/* Doubles the token array (a new arena array; the old one is left). */
static void grow(tokenizer *tz)
{
    size_t cap = 2 * tz->cap;
    token *v = arena_alloc(tz->a, cap * sizeof *v);
    memcpy(v, tz->v, tz->len * sizeof *v);
    tz->v = v;
    tz->cap = cap;
}

/* TOKF_SPACE_AFTER for the bytes that are white space in cleaned text. */
static const uint8_t SPACE_AFTER[256] = {[' '] = TOKF_SPACE_AFTER, ['\n'] = TOKF_SPACE_AFTER};

/* Appends the token t[s..e) of the given kind, flags (all but
 * TOKF_SPACE_AFTER, added here), key and key_hash() of the key. */
static void push_hashed(tokenizer *tz, size_t s, size_t e, token_kind kind, uint8_t flags,
                        const char *key, uint32_t hash)
{
    if (tz->len == tz->cap) grow(tz);
    token *k = &tz->v[tz->len++];
    k->start = (uint32_t)s;
    k->len = (uint32_t)(e - s);
    k->kind = (uint8_t)kind;
    /* t[n] is the text's NUL: no bounds test (and no branch) needed. */
    k->flags = flags | SPACE_AFTER[(unsigned char)tz->t[e]];
    k->pos = POS_X;
    k->lex = 0;
    k->hash = hash;
    k->key = key;
}

static int is_cannot(const char *t, size_t s, size_t e)
{
    static const char word[] = "cannot";
    if (e - s != 6) return 0;
    for (size_t k = 0; k < 6; k++)
        if ((t[s + k] | 0x20) != word[k]) return 0;
    return 1;
}

/* Appends the token t[s..e) of the given kind and extra flags.  "cannot"
 * is two words, as in the treebanks: can + not. */
static void push(tokenizer *tz, size_t s, size_t e, token_kind kind, uint8_t flags)
{
    if (kind == TOK_WORD && is_cannot(tz->t, s, e)) {
        push(tz, s, s + 3, kind, flags);
        push(tz, s + 3, e, kind, flags);
        return;
    }
    size_t key_len;
    const char *key = token_key(tz, s, e, kind == TOK_WORD || kind == TOK_NUMBER, &flags,
                                &key_len);
    push_hashed(tz, s, e, kind, flags, key, key_hash(key, key_len));
}

/* ------------------------------------------------------------------ */
/* Apostrophes.                                                        */

/* Length of a contraction or possessive suffix at i ('s 're 've 'll 'd
 * 'm, or n't) that ends a word, else 0. */
static size_t suffix_at(const tokenizer *tz, size_t i)
{
    static const char *const SUFFIXES[] = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
    static const size_t LENS[] = {3, 2, 3, 3, 3, 2, 2};
    if (i >= tz->end || (tz->t[i] != '\'' && (tz->t[i] | 0x20) != 'n')) return 0;
    for (size_t k = 0; k < sizeof SUFFIXES / sizeof SUFFIXES[0]; k++) {
        size_t len = LENS[k];
        if (i + len > tz->end) continue;
        size_t m = 0;
        while (m < len && (tz->t[i + m] | 0x20) == SUFFIXES[k][m]) m++;
        if (m == len && !word_char(tz, i + len)) return len;
    }
    return 0;
}

/* True when "n't" ends a word at i: suffix_at(tz, i) == 3. */
static inline int is_nt(const tokenizer *tz, size_t i)
{
    const char *t = tz->t;
    return i + 3 <= tz->end && (t[i] | 0x20) == 'n' && (t[i + 1] | 0x20) == '\'' &&
           (t[i + 2] | 0x20) == 't' && !word_char(tz, i + 3);
}

/* True when the word t[s..e) takes 's as the verb "is"/"has" (it's). */
static int is_verb_host(const char *t, size_t s, size_t e)
{
    static const char *const HOSTS[] = {"it", "he", "she", "that", "there", "what",
                                        "who", "where", "here", "let", "how"};
    for (size_t k = 0; k < sizeof HOSTS / sizeof HOSTS[0]; k++) {
        size_t len = strlen(HOSTS[k]);
        if (len != e - s) continue;
        size_t m = 0;
        while (m < len && (t[s + m] | 0x20) == HOSTS[k][m]) m++;
        if (m == len) return 1;
    }
    return 0;
}

/* The previous token when it is a word ending exactly at i, else NULL. */
static const token *word_before(const tokenizer *tz, size_t i, size_t first)
{
    if (tz->len <= first) return NULL;
    const token *p = &tz->v[tz->len - 1];
    if (p->start + p->len != i) return NULL;
    return (p->kind == TOK_WORD || p->kind == TOK_NUMBER) ? p : NULL;
}

/* Tokenizes the "'" at i; `first` is the sentence's first token.
 * Returns the end of what it consumed. */
static size_t apostrophe(tokenizer *tz, size_t i, size_t first)
{
    const token *w = word_before(tz, i, first);
    size_t suf = w ? suffix_at(tz, i) : 0;
    if (suf == 2 && (tz->t[i + 1] | 0x20) == 's') {
        int verb = is_verb_host(tz->t, w->start, w->start + w->len);
        push(tz, i, i + 2, verb ? TOK_WORD : TOK_POSSESSIVE, 0);
        return i + 2;
    }
    if (suf) { push(tz, i, i + suf, TOK_WORD, 0); return i + suf; }
    if (w && (tz->t[i - 1] | 0x20) == 's' && !tz->squote_open && !word_char(tz, i + 1)) {
        push(tz, i, i + 1, TOK_POSSESSIVE, 0);
        return i + 1;
    }
    int opens = (!w && word_char(tz, i + 1));
    tz->squote_open = opens;
    push(tz, i, i + 1, TOK_QUOTE, 0);
    return i + 1;
}

/* ------------------------------------------------------------------ */
/* Words and numbers.                                                  */

/* True when the word t[s..j) followed by the period at j keeps that
 * period (see the decisions at the top of the file). */
static int keeps_period(const tokenizer *tz, size_t s, size_t j)
{
    if (j + 1 < tz->end && tz->t[j + 1] == '.') return 0;      /* an ellipsis */
    abbrev_class c = split_abbrev_class(tz->t + s, j - s);
    size_t k = j + 1;
    while (k < tz->end && (tz->t[k] == '"' || tz->t[k] == '\'' || tz->t[k] == ')')) k++;
    int last = k >= tz->end;
    switch (c) {
    case ABBR_NONE: return 0;
    case ABBR_NUMBER:
        return j + 2 < tz->end && tz->t[j + 1] == ' ' && is_digit((unsigned char)tz->t[j + 2]);
    case ABBR_INITIAL: return !last;
    default: return 1;
    }
}

/* Decides whether the word that started at s and reached the separator
 * at j goes on past it.  `seg` is the start of the current dot segment. */
static int joins(const tokenizer *tz, size_t s, size_t seg, size_t j)
{
    const char *t = tz->t;
    static const unsigned char JOINERS[128] = {
        ['-'] = 1, ['.'] = 1, [','] = 1, [':'] = 1, ['/'] = 1, ['&'] = 1, ['\''] = 1,
    };
    unsigned char p = (unsigned char)t[j - 1], c = (unsigned char)t[j];
    if (c >= 0x80 || !JOINERS[c]) return 0;
    size_t nx = word_char(tz, j + 1);
    if (!nx) return 0;
    unsigned char q = (unsigned char)t[j + 1];
    switch (c) {
    case '-': return 1;
    case '.': return (is_digit(p) && is_digit(q)) || (j - seg == 1 && is_alpha(p)) ||
                     is_lower(q) || is_digit(q);
    case ',': return is_digit(p) && is_digit(q) && j + 4 <= tz->end &&
                     is_digit((unsigned char)t[j + 2]) && is_digit((unsigned char)t[j + 3]) &&
                     !word_char(tz, j + 4);
    case ':': return is_digit(p) && is_digit(q) && j + 3 <= tz->end &&
                     is_digit((unsigned char)t[j + 2]) && !word_char(tz, j + 3);
    case '/': return is_digit(p) && is_digit(q);
    case '&': return is_upper(p) && is_upper(q) && s < j;
    case '\'':
        if (suffix_at(tz, j)) return 0;
        if (is_nt(tz, j - 1)) return 0;
        return is_alpha(q);
    default: return 0;
    }
}

/* True when a token starting with a digit is a number: digits and
 * separators, with at most an ordinal or plural suffix (75th, 1990s). */
static int is_number(const char *t, size_t s, size_t e)
{
    size_t i = s;
    while (i < e && !is_alpha((unsigned char)t[i]) && (unsigned char)t[i] < 0x80) i++;
    if (i == e) return 1;
    size_t n = e - i;
    char a = (char)(t[i] | 0x20), b = n > 1 ? (char)(t[i + 1] | 0x20) : 0;
    if (n == 1) return a == 's';
    if (n != 2) return 0;
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
           (a == 't' && b == 'h');
}

/* Length of a URL at i (http://, https://, www.), 0 if none. */
static size_t url_at(const tokenizer *tz, size_t i)
{
    static const char *const PREFIXES[] = {"http://", "https://", "www."};
    static const size_t LENS[] = {7, 8, 4};
    const char *t = tz->t;
    size_t k, e;
    if (i + 4 >= tz->end) return 0;
    if (!((t[i] | 0x20) == 'h' && (t[i + 1] | 0x20) == 't' && (t[i + 2] | 0x20) == 't') &&
        !((t[i] | 0x20) == 'w' && (t[i + 1] | 0x20) == 'w' && t[i + 3] == '.')) return 0;
    for (k = 0; k < 3; k++)
        if (i + LENS[k] < tz->end && strncasecmp(t + i, PREFIXES[k], LENS[k]) == 0) break;
    if (k == 3) return 0;
    for (e = i; e < tz->end && t[e] != ' ' && t[e] != '\n'; e++) {}
    while (e > i && strchr(".,;:!?)\"'", t[e - 1])) e--;
    return e - i;
}

/* End of the run of word characters (word_char()) starting at i. */
static inline size_t word_run(const tokenizer *tz, size_t i)
{
    const unsigned char *t = (const unsigned char *)tz->t;
    size_t k;
    for (;;) {
        while (i < tz->end && t[i] < 0x80 && ASCII_WORD[t[i]]) i++;
        if (i >= tz->end || t[i] < 0x80 || !(k = word_char(tz, i))) return i;
        i += k;
    }
}

/* Tokenizes the word or number starting at i, the general way; returns
 * its end. */
static size_t word_general(tokenizer *tz, size_t i)
{
    const unsigned char *t = (const unsigned char *)tz->t;
    unsigned char c0 = t[i] | 0x20;
    size_t u = (c0 == 'h' || c0 == 'w') ? url_at(tz, i) : 0;
    if (u) { push(tz, i, i + u, TOK_WORD, 0); return i + u; }
    if (c0 == 'n' && is_nt(tz, i)) { push(tz, i, i + 3, TOK_WORD, 0); return i + 3; }
    size_t j = i, seg = i;
    uint8_t flags = 0;
    for (;;) {
        j = word_run(tz, j);
        if (j >= tz->end || !joins(tz, i, seg, j)) break;
        if (tz->t[j] == '-') flags |= TOKF_HYPHENATED;
        if (tz->t[j] == '.' || tz->t[j] == '-') seg = j + 1;
        j++;
    }
    if (at(tz, j, '\'') && j > i + 1 && is_nt(tz, j - 1)) j--;
    if (at(tz, j, '.') && keeps_period(tz, i, j)) { j++; flags |= TOKF_ABBREV; }
    int num = is_digit((unsigned char)tz->t[i]) && is_number(tz->t, i, j);
    push(tz, i, j, num ? TOK_NUMBER : TOK_WORD, flags);
    return j;
}

/* Scans the ASCII letters and digits from i (before the sentence end),
 * writing them lower-cased to the free key buffer, which has room for
 * the rest of the sentence and 8 bytes more; tells in *lower whether
 * there is a lower-case letter among them, and in *hash the key_hash()
 * state of the key's chunks (0 when the last bytes of the text were
 * scanned one by one).  Returns the end. */
static inline size_t ascii_run_key(tokenizer *tz, size_t i, int *lower, uint64_t *hash)
{
    const unsigned char *t = (const unsigned char *)tz->t;
    char *out = tz->kb;
    uint64_t lo = 0, h = KEY_HASH_SEED;
    size_t j = i, end = tz->end, n = tz->n;   /* locals: stores to out may alias tz */
    /* t[n] is a NUL: eight bytes from j are readable up to j == n - 7. */
    while (j + 8 <= n + 1 && j < end) {
        uint64_t x = load8(t + j), y = x & LANES_LO;
        uint64_t letter = lanes_in(y | LANES(0x20), 'a', 'z');
        uint64_t stop = ~((letter | lanes_in(y, '0', '9')) & ~x) & LANES_HI;
        if (end - j < 8) stop |= (uint64_t)0x80 << (8 * (end - j));
        /* All bits of the lanes before the first stop (of all lanes if none). */
        uint64_t before = ((stop & (~stop + 1)) >> 7) - 1;
        uint64_t case_bit = y << 2;                /* bit 0x20 of each lane, moved to 0x80 */
        lo |= letter & case_bit & before;
        uint64_t lowered = x | (letter & ~case_bit) >> 2;       /* 'A' | 0x20 == 'a' */
        store8(out + (j - i), lowered);
        h = key_hash_step(h, lowered & before);  /* the key's chunks, as key_hash() */
        if (stop) {
            *lower = lo != 0;
            *hash = h;
            return j + first_lane(stop);
        }
        j += 8;
    }
    for (; j < end; j++) {
        unsigned c = t[j];
        if (c >= 0x80 || !ASCII_WORD[c]) break;
        lo |= c - 'a' < 26u;
        out[j - i] = (char)(c | (c - 'A' < 26u) << 5);
    }
    *lower = lo != 0;
    *hash = 0;                                   /* not computed: the caller hashes */
    return j;
}

/* Case flags of the ASCII word t[i..j) (see case_flags()), told whether
 * it has a lower-case letter. */
static inline uint8_t ascii_case(const unsigned char *t, size_t i, size_t j, int lower)
{
    uint8_t f = is_upper(t[i]) ? TOKF_CAPITALIZED : 0;
    if (!lower) {                                 /* rare: I, US, 2004 */
        unsigned upper = 0;
        for (size_t k = i; k < j; k++) upper += is_upper(t[k]);
        if (upper >= 2) f |= TOKF_ALL_CAPS;
    }
    return f;
}

/* What the ASCII byte after a run of ASCII letters and digits means for
 * word(): PLAIN ends the word; JOINER may join it to more (joins()
 * decides); PERIOD may join it too, or stay in it (U.S., Mr.); GENERAL
 * calls for word_general(): an apostrophe (n't, O'Brien) or a colon
 * (URLs, 10:30).  A non-ASCII byte is GENERAL too. */
enum { PLAIN = 0, JOINER, PERIOD, GENERAL };
static const unsigned char AFTER_WORD[128] = {
    ['-'] = JOINER, [','] = JOINER, ['/'] = JOINER, ['&'] = JOINER, ['.'] = PERIOD,
    ['\''] = GENERAL, [':'] = GENERAL,
    [0x07] = GENERAL,   /* ('\a' | 0x20) == '\'': suffix_at() takes "n\at" for n't */
};

/* Tokenizes the word or number starting at i; returns its end (past a
 * space after it).  A plain ASCII word (nearly all of them), one that
 * ends at white space, at punctuation that cannot join it to more or at
 * a final period, is scanned, keyed and given its case flags in a single
 * pass; the rest take word_general(). */
static size_t word(tokenizer *tz, size_t i)
{
    const unsigned char *t = (const unsigned char *)tz->t;
    int lower;
    uint64_t h;
    size_t j = ascii_run_key(tz, i, &lower, &h), end = tz->end;
    uint8_t flags = ascii_case(t, i, j, lower);
    if (j < end) {
        unsigned char c = t[j];
        int after = c < 0x80 ? AFTER_WORD[c] : GENERAL;
        if (after == PERIOD) {
            unsigned char c0 = t[i] | 0x20;
            if (word_char(tz, j + 1) || ((c0 == 'h' || c0 == 'w') && url_at(tz, i)))
                return word_general(tz, i);       /* U.S.A, 3.5, www.x.org */
            if (keeps_period(tz, i, j)) {
                tz->kb[j - i] = '.';
                j++;
                flags |= TOKF_ABBREV;
                h = 0;                            /* the key grew: hash it afresh */
            }
        } else if (after == GENERAL ||                 /* (t[end] is readable) */
                   (after == JOINER && t[j + 1] != ' ' && joins(tz, i, i, j))) {
            return word_general(tz, i);           /* more word, n't, a URL, 10:30 */
        }
    }
    if (j - i == 6 && is_cannot(tz->t, i, j)) return word_general(tz, i);   /* can + not */
    const char *key = tz->kb;
    tz->kb[j - i] = '\0';
    tz->kb += j - i + 1;
    int num = is_digit(t[i]) && is_number(tz->t, i, j);
    uint32_t hash = h ? key_hash_final(h, j - i) : key_hash(key, j - i);
    push_hashed(tz, i, j, num ? TOK_NUMBER : TOK_WORD, flags, key, hash);
    return j + ((j < end) & (t[j] == ' '));       /* skip the usual space too */
}

/* ------------------------------------------------------------------ */
/* Punctuation, symbols, and the sentence loop.                        */

/* End of the run of the characters a and b starting at i. */
static size_t run_of(const tokenizer *tz, size_t i, char a, char b)
{
    while (i < tz->end && (tz->t[i] == a || tz->t[i] == b)) i++;
    return i;
}

/* Kinds of the ASCII punctuation and symbols (TOK_PUNCT when 0). */
static const uint8_t ASCII_KIND[128] = {
    ['"'] = TOK_QUOTE, ['`'] = TOK_QUOTE,
    ['$'] = TOK_SYMBOL, ['%'] = TOK_SYMBOL, ['&'] = TOK_SYMBOL, ['@'] = TOK_SYMBOL,
    ['#'] = TOK_SYMBOL, ['+'] = TOK_SYMBOL, ['='] = TOK_SYMBOL, ['<'] = TOK_SYMBOL,
    ['>'] = TOK_SYMBOL, ['*'] = TOK_SYMBOL, ['^'] = TOK_SYMBOL, ['~'] = TOK_SYMBOL,
    ['|'] = TOK_SYMBOL, ['_'] = TOK_SYMBOL,
};

/* Tokenizes the punctuation or symbol at i; returns its end. */
static size_t other(tokenizer *tz, size_t i)
{
    unsigned char c = (unsigned char)tz->t[i];
    if (c == '.' || c == '-' || c == '!' || c == '?') {
        size_t e = c == '.' || c == '-' ? run_of(tz, i, (char)c, (char)c)
                                        : run_of(tz, i, '!', '?');
        push(tz, i, e, TOK_PUNCT, 0);
        return e;
    }
    if (c < 0x80) {
        push(tz, i, i + 1, ASCII_KIND[c] ? (token_kind)ASCII_KIND[c] : TOK_PUNCT, 0);
        return i + 1;
    }
    int32_t cp;
    size_t k = decode(tz->t, tz->end, i, &cp);
    utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
    int sym = cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO;
    push(tz, i, i + k, sym ? TOK_SYMBOL : TOK_PUNCT, 0);
    return i + k;
}

/* Gives tz a new key buffer with room for the keys of `len` bytes of
 * text and 16 bytes more. */
static void key_buffer(tokenizer *tz, size_t len)
{
    size_t cap = 2 * len + 16;
    tz->kb = arena_alloc(tz->a, cap);
    tz->kb_end = tz->kb + cap;
}

/* An underscore between two letters or digits ("Dol_Amroth") separates
 * words as a blank does: PETRARCH's texts and dictionaries write a name's
 * words joined by '_', and the dictionaries read '_' as a word break. */
static int joins_words(const tokenizer *tz, size_t i)
{
    const unsigned char *t = (const unsigned char *)tz->t;
    return t[i] == '_' && i > 0 && i + 1 < tz->end && t[i - 1] < 0x80 && t[i + 1] < 0x80 &&
           ASCII_WORD[t[i - 1]] && ASCII_WORD[t[i + 1]] && t[i - 1] != '\'' && t[i + 1] != '\'';
}

/* Tokenizes sentence s. */
static void tokenize_sentence(tokenizer *tz, sentence *s)
{
    size_t first = tz->len, end = s->end;    /* a local: key stores may alias s */
    tz->end = end;
    /* Room for the keys of the sentence (see tokenize()), and 8 bytes for
     * ascii_run_key()'s last store.  Never short with the first buffer. */
    if ((size_t)(tz->kb_end - tz->kb) < 2 * (end - s->start) + 16) key_buffer(tz, end - s->start);
    tz->squote_open = 0;
    for (size_t i = s->start; i < end; ) {
        unsigned char c = (unsigned char)tz->t[i];
        if (c < 0x80 && ASCII_WORD[c]) i = word(tz, i);
        else if (c == ' ' || c == '\n' || joins_words(tz, i)) i++;
        else if (c == '\'') i = apostrophe(tz, i, first);
        else if (c >= 0x80 && word_char(tz, i)) i = word(tz, i);
        else i = other(tz, i);
    }
    s->first_token = (uint32_t)first;
    s->n_tokens = (uint32_t)(tz->len - first);
}

size_t tokenize(arena *a, doc *d)
{
    tokenizer tz = {.a = a, .t = d->clean, .n = d->clean_len};
    /* News runs five to six bytes a token; memory reserved beyond what is
     * written is never touched, so a generous first guess is cheap. */
    tz.cap = d->clean_len / 3 + 64;
    tz.v = arena_alloc(a, tz.cap * sizeof *tz.v);
    /* ASCII keys: len + 1 <= 2 len each, over disjoint spans of the text:
     * this is room for all. */
    key_buffer(&tz, d->clean_len);
    for (size_t k = 0; k < d->n_sents; k++) tokenize_sentence(&tz, &d->sents[k]);
    d->tokens = tz.v;
    d->n_tokens = tz.len;
    return tz.len;
}
