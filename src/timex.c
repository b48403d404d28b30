/* timex.c — see timex.h.
 *
 * A small word table (months, weekdays, units, "last", "ago", ...) is
 * hashed once; the scanner looks up each word or number token and tries
 * the rules of its class at that position, longest form first.  Rules
 * read the tokens' match keys (case-folded), and the capitalisation flag
 * where a month or weekday name could be an ordinary word ("may", "march").
 * Dates are counted in days since 1970-01-01 (proleptic Gregorian).
 */
#include "timex.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "key.h"

/* ------------------------------------------------------------------ */
/* The word table.                                                     */

enum word_class {
    W_NONE = 0,
    W_MONTH,       /* val 1-12 */
    W_MONTH_ABBR,  /* Jan., Sept.: only before a number */
    W_WEEKDAY,     /* val 1 (Monday) - 7 */
    W_WEEKDAYS,    /* plural: a set */
    W_DAYWORD,     /* today 0, yesterday -1, tomorrow 1; tonight 9 */
    W_UNIT,        /* val: unit */
    W_PART,        /* part of the day: val index into PART_CODES */
    W_REL,         /* last -1, next 1, this 0; "past" -2 */
    W_EDGE,        /* earlier, later */
    W_NUM,         /* number word; -1: an unknown number (several) */
    W_SEASON,      /* val index into SEASON_CODES */
    W_REF,         /* now, recently, soon ... */
    W_SETADJ,      /* weekly, daily ...: val unit */
    W_EVERY,       /* every, each */
    W_POSMOD,      /* early, mid, late */
    W_BOUND,       /* end, beginning, start, middle */
    W_ORD,         /* first - fourth, final */
    W_THE,
    W_TIMES,       /* once, twice */
    W_OTHER,       /* only context flags */
};

enum unit { U_NONE = 0, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_CENTURY, U_QUARTER,
            U_WEEKEND, U_HOUR, U_MINUTE, U_HALF };

enum {
    F_PLURAL = 1u << 0,    /* units: "years" */
    F_PREP   = 1u << 1,    /* a word before a month or year name: in, since, last ... */
    F_FUTURE = 1u << 2,    /* will, 'll, scheduled ... */
    F_PAST   = 1u << 3,    /* was, said, met ... */
};

typedef struct word {
    const char *key;
    uint8_t cls;
    int8_t val;
    uint8_t flags;
} word;

static const word WORDS[] = {
    {"january", W_MONTH, 1, 0}, {"february", W_MONTH, 2, 0}, {"march", W_MONTH, 3, 0},
    {"april", W_MONTH, 4, 0}, {"may", W_MONTH, 5, F_FUTURE}, {"june", W_MONTH, 6, 0},
    {"july", W_MONTH, 7, 0}, {"august", W_MONTH, 8, 0}, {"september", W_MONTH, 9, 0},
    {"october", W_MONTH, 10, 0}, {"november", W_MONTH, 11, 0}, {"december", W_MONTH, 12, 0},
    {"jan.", W_MONTH_ABBR, 1, 0}, {"jan", W_MONTH_ABBR, 1, 0}, {"feb.", W_MONTH_ABBR, 2, 0},
    {"feb", W_MONTH_ABBR, 2, 0}, {"mar.", W_MONTH_ABBR, 3, 0}, {"apr.", W_MONTH_ABBR, 4, 0},
    {"apr", W_MONTH_ABBR, 4, 0}, {"jun.", W_MONTH_ABBR, 6, 0}, {"jul.", W_MONTH_ABBR, 7, 0},
    {"aug.", W_MONTH_ABBR, 8, 0}, {"aug", W_MONTH_ABBR, 8, 0}, {"sep.", W_MONTH_ABBR, 9, 0},
    {"sept.", W_MONTH_ABBR, 9, 0}, {"sept", W_MONTH_ABBR, 9, 0}, {"oct.", W_MONTH_ABBR, 10, 0},
    {"oct", W_MONTH_ABBR, 10, 0}, {"nov.", W_MONTH_ABBR, 11, 0}, {"nov", W_MONTH_ABBR, 11, 0},
    {"dec.", W_MONTH_ABBR, 12, 0}, {"dec", W_MONTH_ABBR, 12, 0},
    {"monday", W_WEEKDAY, 1, 0}, {"tuesday", W_WEEKDAY, 2, 0}, {"wednesday", W_WEEKDAY, 3, 0},
    {"thursday", W_WEEKDAY, 4, 0}, {"friday", W_WEEKDAY, 5, 0}, {"saturday", W_WEEKDAY, 6, 0},
    {"sunday", W_WEEKDAY, 7, 0},
    {"mondays", W_WEEKDAYS, 1, 0}, {"tuesdays", W_WEEKDAYS, 2, 0},
    {"wednesdays", W_WEEKDAYS, 3, 0}, {"thursdays", W_WEEKDAYS, 4, 0},
    {"fridays", W_WEEKDAYS, 5, 0}, {"saturdays", W_WEEKDAYS, 6, 0},
    {"sundays", W_WEEKDAYS, 7, 0},
    {"today", W_DAYWORD, 0, 0}, {"yesterday", W_DAYWORD, -1, 0},
    {"tomorrow", W_DAYWORD, 1, F_FUTURE}, {"tonight", W_DAYWORD, 9, 0},
    {"day", W_UNIT, U_DAY, 0}, {"days", W_UNIT, U_DAY, F_PLURAL},
    {"week", W_UNIT, U_WEEK, 0}, {"weeks", W_UNIT, U_WEEK, F_PLURAL},
    {"month", W_UNIT, U_MONTH, 0}, {"months", W_UNIT, U_MONTH, F_PLURAL},
    {"year", W_UNIT, U_YEAR, F_PREP}, {"years", W_UNIT, U_YEAR, F_PLURAL},
    {"decade", W_UNIT, U_DECADE, 0}, {"decades", W_UNIT, U_DECADE, F_PLURAL},
    {"century", W_UNIT, U_CENTURY, 0}, {"centuries", W_UNIT, U_CENTURY, F_PLURAL},
    {"quarter", W_UNIT, U_QUARTER, 0}, {"quarters", W_UNIT, U_QUARTER, F_PLURAL},
    {"weekend", W_UNIT, U_WEEKEND, 0}, {"weekends", W_UNIT, U_WEEKEND, F_PLURAL},
    {"hour", W_UNIT, U_HOUR, 0}, {"hours", W_UNIT, U_HOUR, F_PLURAL},
    {"minute", W_UNIT, U_MINUTE, 0}, {"minutes", W_UNIT, U_MINUTE, F_PLURAL},
    {"half", W_UNIT, U_HALF, 0},
    {"morning", W_PART, 0, 0}, {"afternoon", W_PART, 1, 0}, {"evening", W_PART, 2, 0},
    {"night", W_PART, 3, 0},
    {"last", W_REL, -1, F_PREP}, {"past", W_REL, -2, F_PREP}, {"previous", W_REL, -1, F_PREP},
    {"next", W_REL, 1, F_PREP | F_FUTURE}, {"coming", W_REL, 1, F_PREP | F_FUTURE},
    {"following", W_REL, 1, F_PREP}, {"this", W_REL, 0, F_PREP}, {"current", W_REL, 0, 0},
    {"earlier", W_EDGE, -1, 0}, {"later", W_EDGE, 1, 0},
    {"a", W_NUM, 1, 0}, {"an", W_NUM, 1, 0}, {"one", W_NUM, 1, 0}, {"two", W_NUM, 2, 0},
    {"three", W_NUM, 3, 0}, {"four", W_NUM, 4, 0}, {"five", W_NUM, 5, 0},
    {"six", W_NUM, 6, 0}, {"seven", W_NUM, 7, 0}, {"eight", W_NUM, 8, 0},
    {"nine", W_NUM, 9, 0}, {"ten", W_NUM, 10, 0}, {"eleven", W_NUM, 11, 0},
    {"twelve", W_NUM, 12, 0}, {"thirteen", W_NUM, 13, 0}, {"fourteen", W_NUM, 14, 0},
    {"fifteen", W_NUM, 15, 0}, {"sixteen", W_NUM, 16, 0}, {"seventeen", W_NUM, 17, 0},
    {"eighteen", W_NUM, 18, 0}, {"nineteen", W_NUM, 19, 0}, {"twenty", W_NUM, 20, 0},
    {"thirty", W_NUM, 30, 0}, {"forty", W_NUM, 40, 0}, {"fifty", W_NUM, 50, 0},
    {"sixty", W_NUM, 60, 0}, {"seventy", W_NUM, 70, 0}, {"eighty", W_NUM, 80, 0},
    {"ninety", W_NUM, 90, 0}, {"hundred", W_NUM, 100, 0}, {"single", W_NUM, 1, 0},
    {"several", W_NUM, -1, 0}, {"few", W_NUM, -1, 0}, {"many", W_NUM, -1, 0},
    {"spring", W_SEASON, 0, 0}, {"summer", W_SEASON, 1, 0}, {"autumn", W_SEASON, 2, 0},
    {"fall", W_SEASON, 2, 0}, {"winter", W_SEASON, 3, 0},
    {"now", W_REF, 0, 0}, {"currently", W_REF, 0, 0}, {"nowadays", W_REF, 0, 0},
    {"recently", W_REF, -1, 0}, {"recent", W_REF, -1, 0}, {"soon", W_REF, 1, F_FUTURE},
    {"weekly", W_SETADJ, U_WEEK, 0}, {"daily", W_SETADJ, U_DAY, 0},
    {"monthly", W_SETADJ, U_MONTH, 0}, {"yearly", W_SETADJ, U_YEAR, 0},
    {"annually", W_SETADJ, U_YEAR, 0}, {"annual", W_SETADJ, U_YEAR, 0},
    {"quarterly", W_SETADJ, U_QUARTER, 0}, {"hourly", W_SETADJ, U_HOUR, 0},
    {"every", W_EVERY, 0, 0}, {"each", W_EVERY, 0, 0},
    {"early", W_POSMOD, 0, F_PREP}, {"mid", W_POSMOD, 0, F_PREP}, {"late", W_POSMOD, 0, F_PREP},
    {"end", W_BOUND, 0, F_PREP}, {"beginning", W_BOUND, 0, F_PREP}, {"start", W_BOUND, 0, F_PREP},
    {"middle", W_BOUND, 0, F_PREP},
    {"first", W_ORD, 1, 0}, {"second", W_ORD, 2, 0}, {"third", W_ORD, 3, 0},
    {"fourth", W_ORD, 4, 0}, {"final", W_ORD, 4, 0},
    {"the", W_THE, 0, F_PREP},
    {"once", W_TIMES, 1, 0}, {"twice", W_TIMES, 2, 0},
    /* context only */
    {"in", W_OTHER, 0, F_PREP}, {"since", W_OTHER, 0, F_PREP}, {"until", W_OTHER, 0, F_PREP},
    {"till", W_OTHER, 0, F_PREP}, {"by", W_OTHER, 0, F_PREP}, {"of", W_OTHER, 0, F_PREP},
    {"from", W_OTHER, 0, F_PREP}, {"during", W_OTHER, 0, F_PREP},
    {"before", W_OTHER, 0, F_PREP}, {"after", W_OTHER, 0, F_PREP},
    {"through", W_OTHER, 0, F_PREP}, {"throughout", W_OTHER, 0, F_PREP},
    {"between", W_OTHER, 0, F_PREP}, {"to", W_OTHER, 0, F_PREP}, {"and", W_OTHER, 0, F_PREP},
    {"around", W_OTHER, 0, F_PREP}, {"circa", W_OTHER, 0, F_PREP}, {"fiscal", W_OTHER, 0, F_PREP},
    {"will", W_OTHER, 0, F_FUTURE}, {"'ll", W_OTHER, 0, F_FUTURE}, {"shall", W_OTHER, 0, F_FUTURE},
    {"wo", W_OTHER, 0, F_FUTURE}, {"would", W_OTHER, 0, F_FUTURE},
    {"should", W_OTHER, 0, F_FUTURE}, {"might", W_OTHER, 0, F_FUTURE},
    {"must", W_OTHER, 0, F_FUTURE}, {"be", W_OTHER, 0, F_FUTURE},
    {"scheduled", W_OTHER, 0, F_FUTURE}, {"upcoming", W_OTHER, 0, F_FUTURE},
    {"due", W_OTHER, 0, F_FUTURE}, {"planned", W_OTHER, 0, F_FUTURE},
    {"planning", W_OTHER, 0, F_FUTURE}, {"expected", W_OTHER, 0, F_FUTURE},
    {"expects", W_OTHER, 0, F_FUTURE}, {"intends", W_OTHER, 0, F_FUTURE},
    /* function words: a year before them is no number of things ("in 2006 for") */
    {"for", W_OTHER, 0, 0}, {"with", W_OTHER, 0, 0}, {"at", W_OTHER, 0, 0},
    {"on", W_OTHER, 0, 0}, {"as", W_OTHER, 0, 0}, {"when", W_OTHER, 0, 0},
    {"while", W_OTHER, 0, 0}, {"but", W_OTHER, 0, 0}, {"or", W_OTHER, 0, 0},
    {"that", W_OTHER, 0, 0}, {"which", W_OTHER, 0, 0}, {"who", W_OTHER, 0, 0},
    {"it", W_OTHER, 0, 0}, {"he", W_OTHER, 0, 0}, {"she", W_OTHER, 0, 0},
    {"they", W_OTHER, 0, 0}, {"we", W_OTHER, 0, 0}, {"i", W_OTHER, 0, 0},
    {"its", W_OTHER, 0, 0}, {"their", W_OTHER, 0, 0}, {"his", W_OTHER, 0, 0},
    {"is", W_OTHER, 0, 0}, {"are", W_OTHER, 0, 0}, {"there", W_OTHER, 0, 0},
    {"was", W_OTHER, 0, F_PAST}, {"were", W_OTHER, 0, F_PAST}, {"had", W_OTHER, 0, F_PAST},
    {"did", W_OTHER, 0, F_PAST},
    {"said", W_OTHER, 0, F_PAST}, {"told", W_OTHER, 0, F_PAST}, {"met", W_OTHER, 0, F_PAST},
    {"held", W_OTHER, 0, F_PAST}, {"made", W_OTHER, 0, F_PAST}, {"took", W_OTHER, 0, F_PAST},
    {"came", W_OTHER, 0, F_PAST}, {"went", W_OTHER, 0, F_PAST}, {"saw", W_OTHER, 0, F_PAST},
    {"gave", W_OTHER, 0, F_PAST}, {"left", W_OTHER, 0, F_PAST}, {"began", W_OTHER, 0, F_PAST},
    {"spoke", W_OTHER, 0, F_PAST}, {"won", W_OTHER, 0, F_PAST}, {"lost", W_OTHER, 0, F_PAST},
    {"became", W_OTHER, 0, F_PAST}, {"sent", W_OTHER, 0, F_PAST}, {"led", W_OTHER, 0, F_PAST},
    {"fell", W_OTHER, 0, F_PAST}, {"rose", W_OTHER, 0, F_PAST}, {"got", W_OTHER, 0, F_PAST},
    {"found", W_OTHER, 0, F_PAST}, {"paid", W_OTHER, 0, F_PAST}, {"sold", W_OTHER, 0, F_PAST},
    {"bought", W_OTHER, 0, F_PAST}, {"wrote", W_OTHER, 0, F_PAST}, {"ago", W_OTHER, 0, F_PAST},
    {"flew", W_OTHER, 0, F_PAST}, {"killed", W_OTHER, 0, F_PAST},
};

#define N_WORDS (sizeof WORDS / sizeof WORDS[0])
#define TABLE_SIZE 1024   /* power of two, well above 2 * N_WORDS */

static struct slot { uint32_t hash; const word *w; } table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (size_t k = 0; k < N_WORDS; k++) {
        uint32_t h = key_hash(WORDS[k].key, strlen(WORDS[k].key));
        size_t i = h & (TABLE_SIZE - 1);
        while (table[i].w) i = (i + 1) & (TABLE_SIZE - 1);
        table[i].hash = h;
        table[i].w = &WORDS[k];
    }
}

/* The table entry of key s[0..len) with hash h, or NULL. */
static const word *lookup_hashed(const char *s, size_t len, uint32_t h)
{
    for (size_t i = h & (TABLE_SIZE - 1); table[i].w; i = (i + 1) & (TABLE_SIZE - 1))
        if (table[i].hash == h && strncmp(table[i].w->key, s, len) == 0 &&
            table[i].w->key[len] == '\0')
            return table[i].w;
    return NULL;
}

static const word *lookup(const char *s, size_t len)
{
    return lookup_hashed(s, len, key_hash(s, len));
}

static const word *word_of(const token *t)
{
    if (t->kind != TOK_WORD && t->kind != TOK_NUMBER) return NULL;
    return lookup_hashed(t->key, strlen(t->key), t->hash);
}

/* ------------------------------------------------------------------ */
/* Calendar.                                                           */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : n[m - 1];
}


/* ISO weekday, 1 (Monday) to 7. */
static int weekday(long z) { return (int)(((z % 7) + 7 + 3) % 7) + 1; }

/* ISO year and week of day z. */
static void iso_week(long z, int *year, int *week)
{
    long thursday = z - (weekday(z) - 1) + 3;
    int m, d;
    calendar_date(thursday, year, &m, &d);
    *week = (int)((thursday - calendar_days(*year, 1, 1)) / 7) + 1;
}

/* ------------------------------------------------------------------ */
/* Scanner state and results.                                          */

typedef struct scan {
    const token *t;
    size_t n;
    timex_anchor an;
    long today;          /* the anchor in days */
    int depth;           /* nesting of rules that wrap another ("the end of ...") */
} scan;

#define MAX_NESTING 4    /* "the end of early 2009" nests 3; "early early early ..." stops */

typedef struct hit {
    size_t len;          /* tokens */
    uint8_t type;
    char value[TIMEX_VALUE_MAX];
} hit;

static void set_value(hit *h, timex_type type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->value, sizeof h->value, fmt, ap);
    va_end(ap);
    h->type = (uint8_t)type;
}

static size_t found(hit *h, size_t len)
{
    h->len = len;
    return len;
}

static void set_day(hit *h, long z)
{
    int y, m, d;
    calendar_date(z, &y, &m, &d);
    set_value(h, TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
}

static void set_week(hit *h, long z)
{
    int y, w;
    iso_week(z, &y, &w);
    set_value(h, TIMEX_DATE, "%04d-W%02d", y, w);
}

/* Month m + delta months of year y, written as YYYY-MM. */
static void set_month(hit *h, int y, int m, int delta)
{
    int k = y * 12 + (m - 1) + delta;
    set_value(h, TIMEX_DATE, "%04d-%02d", k / 12, k % 12 + 1);
}

static const token *tok(scan *s, size_t i) { return i < s->n ? &s->t[i] : NULL; }

static const word *word_at(scan *s, size_t i)
{
    return i < s->n ? word_of(&s->t[i]) : NULL;
}

static int key_is(scan *s, size_t i, const char *key)
{
    return i < s->n && strcmp(s->t[i].key, key) == 0;
}

static int capitalized(scan *s, size_t i)
{
    return i < s->n && (s->t[i].flags & TOKF_CAPITALIZED);
}

/* Does a month, season or year name at i stand after a word that makes it
 * a time ("in", "since", "last", "early", "the" ...)? */
static int after_time_preposition(scan *s, size_t i)
{
    const word *w = i > 0 ? word_at(s, i - 1) : NULL;
    return w && (w->flags & F_PREP);
}

/* ------------------------------------------------------------------ */
/* Tense: is the expression at [first, end) about the future?          */

/* A lowercase word ending in -ed, read as a past tense verb. */
static int looks_past(const token *t)
{
    size_t len = strlen(t->key);
    return t->kind == TOK_WORD && len >= 5 && !(t->flags & TOKF_CAPITALIZED) &&
           strcmp(t->key + len - 2, "ed") == 0;
}

/* The nearest tense marker within a few words either side decides: "will",
 * "'ll", "scheduled", "is due" ... say future (1); "was", "said", a verb in
 * -ed say past (-1); 0 when there is none. */
static int tense(scan *s, size_t first, size_t end)
{
    enum { BEFORE = 12, AFTER = 10 };
    for (size_t dist = 1; dist <= BEFORE; dist++) {
        for (int side = 0; side < 2; side++) {
            size_t j;
            if (side == 0) { if (dist > first) continue; j = first - dist; }
            else { if (dist > AFTER) continue; j = end + dist - 1; if (j >= s->n) continue; }
            const word *w = word_of(&s->t[j]);
            int lower = !(s->t[j].flags & TOKF_CAPITALIZED);
            if (w && (w->flags & F_FUTURE) && (lower || w->cls != W_MONTH)) return 1;
            if (key_is(s, j, "set") && key_is(s, j + 1, "to")) return 1;       /* "is set to" */
            if ((w && (w->flags & F_PAST)) || looks_past(&s->t[j]))
                return j > 0 && key_is(s, j - 1, "be") ? 1 : -1;            /* "to be held" */
            if (s->t[j].kind == TOK_PUNCT && (s->t[j].key[0] == ';' || s->t[j].key[0] == ':'))
                return 0;
        }
    }
    return 0;
}

/* Weekdays: no tense marker reads as past (news reports what happened). */
static int is_future(scan *s, size_t first, size_t end)
{
    return tense(s, first, end) > 0;
}

/* ------------------------------------------------------------------ */
/* Numbers.                                                            */

enum { N_NONE = 0, N_DIGITS, N_ORDINAL, N_WORD, N_VAGUE };

typedef struct num {
    long v;
    int kind;
    int digits;          /* for N_DIGITS: how many */
} num;

/* A number written in digits, as an ordinal (5th), or in words. */
static int read_num_text(const char *k, size_t len, num *out)
{
    size_t d = 0;
    long v = 0;
    while (d < len && isdigit((unsigned char)k[d]) && d < 9) v = v * 10 + (k[d++] - '0');
    if (d > 0 && d == len) { *out = (num){v, N_DIGITS, (int)d}; return 1; }
    if (d > 0 && d + 2 == len && (!strncmp(k + d, "st", 2) || !strncmp(k + d, "nd", 2) ||
                                  !strncmp(k + d, "rd", 2) || !strncmp(k + d, "th", 2))) {
        *out = (num){v, N_ORDINAL, (int)d};
        return 1;
    }
    if (d > 0) return 0;
    const word *w = lookup(k, len);
    if (w && w->cls == W_NUM) {
        *out = (num){w->val, w->val < 0 ? N_VAGUE : N_WORD, 0};
        return 1;
    }
    const char *dash = memchr(k, '-', len);   /* twenty-five */
    num a, b;
    if (dash && read_num_text(k, (size_t)(dash - k), &a) && a.kind == N_WORD && a.v >= 20 &&
        read_num_text(dash + 1, len - (size_t)(dash - k) - 1, &b) && b.kind == N_WORD &&
        b.v < 10) {
        *out = (num){a.v + b.v, N_WORD, 0};
        return 1;
    }
    return 0;
}

static int read_num(scan *s, size_t i, num *out)
{
    const token *t = tok(s, i);
    if (!t || (t->kind != TOK_WORD && t->kind != TOK_NUMBER)) return 0;
    return read_num_text(t->key, strlen(t->key), out);
}

/* A day of the month: 1-31 in one or two digits, or an ordinal. */
static int read_day(scan *s, size_t i, int *day)
{
    num x;
    if (!read_num(s, i, &x) || x.v < 1 || x.v > 31) return 0;
    if (!((x.kind == N_DIGITS && x.digits <= 2) || x.kind == N_ORDINAL)) return 0;
    *day = (int)x.v;
    return 1;
}

/* A four-digit year 1000-2199 (no thousands separator). */
static int read_year(scan *s, size_t i, int *year)
{
    num x;
    if (!read_num(s, i, &x) || x.kind != N_DIGITS || x.digits != 4) return 0;
    if (x.v < 1000 || x.v > 2199) return 0;
    *year = (int)x.v;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Resolving dates without a year against the anchor.                  */

/* The year of month m: the most recent on or before the anchor month,
 * or (future) the next on or after it; dir -1/+1: strictly before/after. */
static int year_of_month(scan *s, int m, int dir)
{
    int y = s->an.year, cur = s->an.month;
    if (dir < 0) return m < cur ? y : y - 1;
    if (dir > 0) return m > cur ? y : y + 1;
    return m <= cur ? y : y - 1;
}

/* The year of a month named without one: as year_of_month in the past
 * tense, the next on or after the anchor month in the future, else the
 * nearest (a tie goes to the past). */
static int year_of_month_tensed(scan *s, int m, int t)
{
    if (t < 0) return year_of_month(s, m, 0);
    if (t > 0) return m >= s->an.month ? s->an.year : s->an.year + 1;
    int ahead = (m - s->an.month + 12) % 12;
    return ahead != 0 && ahead < 6 ? year_of_month(s, m, 1) : year_of_month(s, m, 0);
}

/* Weekday wd relative to the anchor: dir 0 on or before, -1 strictly
 * before, +1 strictly after. */
static long day_of_weekday(scan *s, int wd, int dir)
{
    int cur = weekday(s->today);
    if (dir > 0) return s->today + ((wd - cur + 6) % 7) + 1;
    long back = (cur - wd + 7) % 7;
    if (dir < 0 && back == 0) back = 7;
    return s->today - back;
}

/* Year-less month and day: in the past tense the most recent on or before
 * the anchor, in the future the next on or after it, else the nearest. */
static void set_month_day(scan *s, hit *h, int m, int d, int t)
{
    int y = s->an.year;
    int md = m * 100 + d, cur = s->an.month * 100 + s->an.day;
    if (t < 0 && md > cur) y--;
    if (t > 0 && md < cur) y++;
    if (t == 0) {
        long best = -1;
        for (int c = s->an.year - 1; c <= s->an.year + 1; c++) {
            int dd = d > days_in_month(c, m) ? days_in_month(c, m) : d;
            long dist = labs(calendar_days(c, m, dd) - s->today);
            if (best < 0 || dist < best) { best = dist; y = c; }
        }
    }
    if (d > days_in_month(y, m)) d = days_in_month(y, m);
    set_value(h, TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
}

static const char *const SEASON_CODES[] = {"SP", "SU", "FA", "WI"};
static const char *const PART_CODES[] = {"MO", "AF", "EV", "NI"};

/* The season (0 spring ... 3 winter) the anchor falls in. */
static int season_of(int month)
{
    return month >= 3 && month <= 5 ? 0 : month >= 6 && month <= 8 ? 1
         : month >= 9 && month <= 11 ? 2 : 3;
}

/* Year of season k relative to the anchor (dir as for year_of_month). */
static int year_of_season(scan *s, int k, int dir)
{
    int cur = season_of(s->an.month), y = s->an.year;
    if (cur == 3 && s->an.month <= 2) { y--; }   /* January's winter began last year */
    if (dir < 0) return k < cur ? y : y - 1;
    if (dir > 0) return k > cur ? y : y + 1;
    return k <= cur ? y : y - 1;
}

/* ------------------------------------------------------------------ */
/* Rules.                                                              */

static size_t match_at(scan *s, size_t i, hit *h);

/* "this year", "last year", "next year" at i: the year, or 0. */
static int relative_year(scan *s, size_t i)
{
    const word *w = word_at(s, i);
    if (!w || w->cls != W_REL || !key_is(s, i + 1, "year")) return 0;
    return s->an.year + (w->val == -2 ? -1 : w->val);
}

/* After a month name ending at i: ", 2023", "2023", "of 2023", "(of) this
 * year".  Returns the tokens used and sets *year. */
static size_t year_after(scan *s, size_t i, int *year)
{
    size_t j = i;
    if (key_is(s, j, ",") && read_year(s, j + 1, year)) return 2;
    if (read_year(s, j, year)) return 1;
    if (key_is(s, j, "of")) j++;
    if ((*year = relative_year(s, j))) return j - i + 2;
    if (j > i && read_year(s, j, year)) return 2;
    return 0;
}

/* "their January sales", "Xi's March visit". */
static int after_determiner(scan *s, size_t i)
{
    if (i == 0) return 0;
    const token *p = &s->t[i - 1];
    return p->kind == TOK_POSSESSIVE || !strcmp(p->key, "their") || !strcmp(p->key, "its") ||
           !strcmp(p->key, "his") || !strcmp(p->key, "her") || !strcmp(p->key, "our") ||
           !strcmp(p->key, "a");
}

/* "March 5", "March 5, 2023", "March 2023", "March of this year",
 * "in March". */
static size_t match_month(scan *s, size_t i, int m, int abbreviated, hit *h)
{
    int day, year;
    if (!capitalized(s, i)) return 0;
    if (read_day(s, i + 1, &day)) {
        size_t y = key_is(s, i + 2, ",") && read_year(s, i + 3, &year) ? 2
                 : read_year(s, i + 2, &year) ? 1 : 0;
        if (y) {
            if (day > days_in_month(year, m)) return 0;
            set_value(h, TIMEX_DATE, "%04d-%02d-%02d", year, m, day);
            return found(h, 2 + y);
        }
        set_month_day(s, h, m, day, tense(s, i, i + 2));
        return found(h, 2);
    }
    size_t y = year_after(s, i + 1, &year);
    if (y) {
        set_month(h, year, m, 0);
        return found(h, 1 + y);
    }
    if (abbreviated || !(after_time_preposition(s, i) || after_determiner(s, i))) return 0;
    set_month(h, year_of_month_tensed(s, m, tense(s, i, i + 1)), m, 0);
    return found(h, 1);
}

/* "5 March", "5th of March 2023". */
static size_t match_day_month(scan *s, size_t i, hit *h)
{
    int day, year;
    if (!read_day(s, i, &day)) return 0;
    size_t j = i + 1 + key_is(s, i + 1, "of");
    const word *w = word_at(s, j);
    if (!w || (w->cls != W_MONTH && w->cls != W_MONTH_ABBR) || !capitalized(s, j)) return 0;
    if (read_year(s, j + 1, &year)) {
        if (day > days_in_month(year, w->val)) return 0;
        set_value(h, TIMEX_DATE, "%04d-%02d-%02d", year, w->val, day);
        return found(h, j - i + 2);
    }
    set_month_day(s, h, w->val, day, tense(s, i, j + 1));
    return found(h, j - i + 1);
}

/* "morning" etc. after a day already in h: makes it a TIME. */
static size_t add_part_of_day(scan *s, size_t i, hit *h, size_t len)
{
    const word *w = word_at(s, i);
    if (!w || w->cls != W_PART) return len;
    char day[TIMEX_VALUE_MAX];
    memcpy(day, h->value, sizeof day);
    set_value(h, TIMEX_TIME, "%sT%s", day, PART_CODES[w->val]);
    return found(h, len + 1);
}

/* "Tuesday", "Tuesday morning", "Tuesday, April 9, 2024".  dir: 0 from
 * the tense (the most recent on or before the anchor, or in the future
 * the next on or after it), -1 strictly before, +1 strictly after. */
static size_t match_weekday(scan *s, size_t i, int wd, int dir, hit *h)
{
    if (!capitalized(s, i)) return 0;
    size_t j = i + 1 + key_is(s, i + 1, ",");
    hit full;
    const word *w = word_at(s, j);
    if (w && (w->cls == W_MONTH || w->cls == W_MONTH_ABBR || read_day(s, j, &(int){0})) &&
        match_at(s, j, &full) && full.type == TIMEX_DATE && strlen(full.value) == 10) {
        *h = full;
        return found(h, j - i + full.len);
    }
    if (read_day(s, j, &(int){0}) && match_day_month(s, j, &full) && strlen(full.value) == 10) {
        *h = full;
        return found(h, j - i + full.len);
    }
    if (dir == 0 && is_future(s, i, i + 1)) set_day(h, s->today + (wd - weekday(s->today) + 7) % 7);
    else set_day(h, day_of_weekday(s, wd, dir));
    return add_part_of_day(s, i + 1, h, 1);
}

static const char UNIT_LETTER[] = {0, 'D', 'W', 'M', 'Y', 'Y', 'Y', 'M', 0, 'H', 'M', 'M'};

/* A duration of n units (n < 0: an unknown number). */
static void set_duration(hit *h, long n, int unit)
{
    long mult = unit == U_DECADE ? 10 : unit == U_CENTURY ? 100 : unit == U_QUARTER ? 3
              : unit == U_HALF ? 6 : 1;
    const char *t = unit == U_HOUR || unit == U_MINUTE ? "T" : "";
    if (unit == U_WEEKEND) { set_value(h, TIMEX_DURATION, "P%sWE", n < 0 ? "X" : "1"); return; }
    if (n < 0) set_value(h, TIMEX_DURATION, "P%sX%c", t, UNIT_LETTER[unit]);
    else set_value(h, TIMEX_DURATION, "P%s%ld%c", t, n * mult, UNIT_LETTER[unit]);
}

/* n units before the anchor, at the unit's precision ("six years ago"). */
static int set_ago(scan *s, hit *h, long n, int unit)
{
    if (n < 0) { set_value(h, TIMEX_DATE, "PAST_REF"); return 1; }
    switch (unit) {
    case U_DAY: set_day(h, s->today - n); return 1;
    case U_WEEK: set_week(h, s->today - 7 * n); return 1;
    case U_MONTH: set_month(h, s->an.year, s->an.month, (int)-n); return 1;
    case U_YEAR: set_value(h, TIMEX_DATE, "%04ld", s->an.year - n); return 1;
    case U_DECADE: set_value(h, TIMEX_DATE, "%03ld", (s->an.year - 10 * n) / 10); return 1;
    default: return 0;
    }
}

/* Before "a year" in a rate: "three times a year", "$40 billion a year". */
static int is_rate_context(const token *prev)
{
    return prev->kind == TOK_NUMBER || !strcmp(prev->key, "times") ||
           !strcmp(prev->key, "billion") || !strcmp(prev->key, "million") ||
           !strcmp(prev->key, "percent") || !strcmp(prev->key, "%");
}

/* "three years", "six years ago", "a week". */
static size_t match_count_unit(scan *s, size_t i, hit *h)
{
    num x;
    const word *u = word_at(s, i + 1);
    if (!read_num(s, i, &x) || x.kind == N_ORDINAL || !u || u->cls != W_UNIT) return 0;
    int plural = (u->flags & F_PLURAL) != 0;
    if (x.kind != N_VAGUE && (x.v == 1) == plural) return 0;   /* "a years", "two year" */
    if (x.kind == N_DIGITS && s->t[i].key[0] == '0') return 0;
    if (key_is(s, i + 2, "ago") && set_ago(s, h, x.kind == N_VAGUE ? -1 : x.v, u->val))
        return found(h, 3);
    if (x.kind == N_WORD && x.v == 1 && i > 0 && is_rate_context(&s->t[i - 1])) return 0;
    set_duration(h, x.kind == N_VAGUE ? -1 : x.v, u->val);
    return found(h, 2);
}

/* "1990s", "70s": a decade. */
static size_t match_decade(scan *s, size_t i, hit *h)
{
    const char *k = s->t[i].key;
    size_t len = strlen(k);
    if ((len != 5 && len != 3) || k[len - 1] != 's') return 0;
    for (size_t d = 0; d + 1 < len; d++) if (!isdigit((unsigned char)k[d])) return 0;
    if (k[len - 2] != '0') return 0;
    if (len == 5) set_value(h, TIMEX_DATE, "%.3s", k);
    else set_value(h, TIMEX_DATE, "19%c", k[0]);
    return found(h, 1);
}

/* "18:00", "6:40 p.m.", "08:30 UTC": a time on the anchor day. */
static size_t match_clock(scan *s, size_t i, hit *h)
{
    int hh, mm;
    char tail;
    if (sscanf(s->t[i].key, "%2d:%2d%c", &hh, &mm, &tail) != 2 || hh > 23 || mm > 59) return 0;
    size_t len = 1;
    if ((key_is(s, i + 1, "p.m.") || key_is(s, i + 1, "pm")) && hh < 12) { hh += 12; len++; }
    else if (key_is(s, i + 1, "a.m.") || key_is(s, i + 1, "am")) { hh %= 12; len++; }
    if (key_is(s, i + len, "utc") || key_is(s, i + len, "gmt")) len++;
    int y, m, d;
    calendar_date(s->today, &y, &m, &d);
    set_value(h, TIMEX_TIME, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
    return found(h, len);
}

/* "7/8/2007", "7/8/07" (month first, as in US news). */
static size_t match_slash_date(scan *s, size_t i, hit *h)
{
    int m, d, y, n = 0;
    if (sscanf(s->t[i].key, "%2d/%2d/%4d%n", &m, &d, &y, &n) != 3 || s->t[i].key[n]) return 0;
    if (y < 100) y += y < 50 ? 2000 : 1900;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    set_value(h, TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
    return found(h, 1);
}

/* "2024-04-09". */
static size_t match_iso(scan *s, size_t i, hit *h)
{
    int y, m, d, n = 0;
    if (sscanf(s->t[i].key, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s->t[i].key[n])
        return 0;
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    set_value(h, TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
    return found(h, 1);
}

/* A year standing alone: after "in", "since", "the" ..., or where no
 * noun follows it ("2,000 troops" is no year, nor "2018 troops"). */
static size_t match_year(scan *s, size_t i, hit *h)
{
    int year;
    if (!read_year(s, i, &year)) return 0;
    if (i > 0 && s->t[i - 1].kind == TOK_SYMBOL) return 0;                 /* $2000 */
    const token *next = tok(s, i + 1);
    if (next && next->kind == TOK_SYMBOL) return 0;                       /* 2000% */
    int strong = i > 0 && (key_is(s, i - 1, "in") || key_is(s, i - 1, "since") ||
                           key_is(s, i - 1, "during") || key_is(s, i - 1, "until") ||
                           key_is(s, i - 1, "by") || key_is(s, i - 1, "year") ||
                           key_is(s, i - 1, "early") || key_is(s, i - 1, "late") ||
                           key_is(s, i - 1, "mid"));
    int modifier = i > 0 && (key_is(s, i - 1, "the") || s->t[i - 1].kind == TOK_POSSESSIVE);
    int noun_next = next && next->kind == TOK_WORD && !(next->flags & TOKF_CAPITALIZED) &&
                    !word_of(next);
    if (noun_next && !strong && !modifier) return 0;                      /* "2018 troops" */
    int free_standing = !next || next->kind == TOK_PUNCT || next->kind == TOK_QUOTE;
    if (!strong && !modifier && !free_standing && !after_time_preposition(s, i)) {
        const word *w = word_of(next);
        if (!w || !(w->flags & (F_PAST | F_FUTURE | F_PREP))) return 0;
    }
    set_value(h, TIMEX_DATE, "%04d", year);
    return found(h, 1);
}

/* The year of quarter (or half) q named without one: by the tense as for
 * months, else the nearest. */
static int year_of_quarter(scan *s, int q, int half, int t)
{
    int per = half ? 2 : 4, cur = half ? (s->an.month - 1) / 6 + 1 : (s->an.month - 1) / 3 + 1;
    if (t < 0) return q <= cur ? s->an.year : s->an.year - 1;
    if (t > 0) return q >= cur ? s->an.year : s->an.year + 1;
    int ahead = (q - cur + per) % per;
    return ahead == 0 || 2 * ahead < per ? s->an.year : (q > cur ? s->an.year - 1 : s->an.year);
}

/* "first quarter", "the fourth quarter of 2005", "third quarter of this
 * year", "second half". q is the ordinal. */
static size_t match_quarter(scan *s, size_t i, int q, hit *h)
{
    const word *u = word_at(s, i + 1);
    if (!u || u->cls != W_UNIT || (u->val != U_QUARTER && u->val != U_HALF)) return 0;
    if (u->val == U_HALF && q > 2) return 0;
    if (u->val == U_QUARTER && q > 4) return 0;
    int year = s->an.year;
    size_t len = 2;
    if (key_is(s, i + 2, "of") && read_year(s, i + 3, &year)) len = 4;
    else if (key_is(s, i + 2, "of") && (year = relative_year(s, i + 3))) len = 5;
    else if ((year = relative_year(s, i + 2))) len = 4;
    else year = year_of_quarter(s, q, u->val == U_HALF, tense(s, i, i + 2));
    set_value(h, TIMEX_DATE, "%04d-%c%d", year, u->val == U_HALF ? 'H' : 'Q', q);
    return found(h, len);
}

/* "third-quarter", "five-year", "two-day", "mid-2011", "mid-June". */
static size_t match_hyphenated(scan *s, size_t i, hit *h)
{
    const char *k = s->t[i].key;
    const char *dash = strrchr(k, '-');
    if (!dash) return 0;
    size_t left = (size_t)(dash - k), right = strlen(dash + 1);
    const word *r = lookup(dash + 1, right);
    num x;
    if (r && r->cls == W_UNIT && !(r->flags & F_PLURAL)) {
        const word *l = lookup(k, left);
        if (l && l->cls == W_ORD && (r->val == U_QUARTER || r->val == U_HALF)) {
            set_value(h, TIMEX_DATE, "%04d-%c%d", s->an.year, r->val == U_HALF ? 'H' : 'Q', l->val);
            return found(h, 1);
        }
        if (read_num_text(k, left, &x) && x.kind != N_ORDINAL && x.kind != N_VAGUE && x.v > 0) {
            set_duration(h, x.v, r->val);
            return found(h, 1);
        }
        return 0;
    }
    if (right == 4 && !strcmp(dash + 1, "term") &&
        (!strncmp(k, "short-", 6) || !strncmp(k, "long-", 5) || !strncmp(k, "near-", 5))) {
        set_value(h, TIMEX_DATE, "FUTURE_REF");          /* "short-term" */
        return found(h, 1);
    }
    if (left == 3 && !strncmp(k, "mid", 3)) {
        int year = 0;
        if (right == 4 && read_num_text(dash + 1, 4, &x) && x.kind == N_DIGITS) year = (int)x.v;
        if (year >= 1000) { set_value(h, TIMEX_DATE, "%04d", year); return found(h, 1); }
        if (r && r->cls == W_MONTH) {
            set_month(h, year_of_month_tensed(s, r->val, tense(s, i, i + 1)), r->val, 0);
            return found(h, 1);
        }
    }
    return 0;
}

/* Everything that starts with a number (or a number word). */
static size_t match_number(scan *s, size_t i, hit *h)
{
    const token *t = &s->t[i];
    size_t len;
    if ((t->flags & TOKF_HYPHENATED) && ((len = match_iso(s, i, h)) || (len = match_hyphenated(s, i, h))))
        return len;
    if (strchr(t->key, ':')) return match_clock(s, i, h);
    if (strchr(t->key, '/')) return match_slash_date(s, i, h);
    if ((len = match_day_month(s, i, h)) || (len = match_count_unit(s, i, h)) ||
        (len = match_decade(s, i, h)) || (len = match_year(s, i, h)))
        return len;
    return 0;
}

/* "the past three years", "the next six months", "last 10 days": a
 * duration.  i is the number. */
static size_t relative_count(scan *s, size_t i, hit *h)
{
    num x;
    const word *u = word_at(s, i + 1);
    if (!read_num(s, i, &x) || x.kind == N_ORDINAL || (x.kind == N_WORD && x.v == 1)) return 0;
    if (!u || u->cls != W_UNIT || !(u->flags & F_PLURAL)) return 0;
    set_duration(h, x.kind == N_VAGUE ? -1 : x.v, u->val);
    return found(h, 3);
}

/* The week, month, year ... dir units from the anchor's; 0 for a unit
 * that has no calendar value (day, hour). */
static int set_relative_unit(scan *s, hit *h, int unit, int dir)
{
    int y, wk, q;
    switch (unit) {
    case U_WEEK: set_week(h, s->today + 7 * dir); return 1;
    case U_MONTH: set_month(h, s->an.year, s->an.month, dir); return 1;
    case U_YEAR: set_value(h, TIMEX_DATE, "%04d", s->an.year + dir); return 1;
    case U_WEEKEND:
        iso_week(s->today + 7 * dir, &y, &wk);
        set_value(h, TIMEX_DATE, "%04d-W%02d-WE", y, wk);
        return 1;
    case U_QUARTER:
        q = s->an.year * 4 + (s->an.month - 1) / 3 + dir;
        set_value(h, TIMEX_DATE, "%04d-Q%d", q / 4, q % 4 + 1);
        return 1;
    case U_DECADE: set_value(h, TIMEX_DATE, "%03d", s->an.year / 10 + dir); return 1;
    case U_CENTURY: set_value(h, TIMEX_DATE, "%02d", s->an.year / 100 + dir); return 1;
    default: return 0;
    }
}

/* "last week", "this year", "next month"; "the past year", "the past
 * decade" and "the last decade" are durations. */
static size_t relative_unit(scan *s, const word *u, int r, hit *h)
{
    if (u->flags & F_PLURAL) {                 /* "the past years" */
        if (r != -2 && r != -1) return 0;
        set_duration(h, -1, u->val);
        return found(h, 2);
    }
    if (r == -2 || ((u->val == U_DECADE || u->val == U_CENTURY) && r < 0)) {
        set_duration(h, 1, u->val);
        return found(h, 2);
    }
    return set_relative_unit(s, h, u->val, r) ? found(h, 2) : 0;
}

/* "last/this/next" + week, month, year, weekday, month name, season, part
 * of day; "the past three years". r: -1 last, -2 past, 0 this, 1 next. */
static size_t match_relative(scan *s, size_t i, int r, hit *h)
{
    const word *w = word_at(s, i + 1);
    int dir = r == -2 ? -1 : r;
    if ((!w || w->cls == W_NUM) && relative_count(s, i + 1, h)) return h->len;
    if (!w && r == 0 && !strcmp(s->t[i].key, "current")) {   /* "the current crisis" */
        set_value(h, TIMEX_DATE, "PRESENT_REF");
        return found(h, 1);
    }
    if (!w) return 0;
    switch (w->cls) {
    case W_UNIT:
        return relative_unit(s, w, r, h);
    case W_WEEKDAY:
        if (!capitalized(s, i + 1)) return 0;
        if (r == 0) return match_weekday(s, i + 1, w->val, 0, h) ? found(h, h->len + 1) : 0;
        set_day(h, day_of_weekday(s, w->val, dir));
        return add_part_of_day(s, i + 2, h, 2);
    case W_MONTH:
        if (!capitalized(s, i + 1)) return 0;
        set_month(h, r == 0 ? s->an.year : year_of_month(s, w->val, dir), w->val, 0);
        return found(h, 2);
    case W_SEASON:   /* "this summer": the anchor's year (winter: the one begun) */
        set_value(h, TIMEX_DATE, "%04d-%s",
                  r != 0 ? year_of_season(s, w->val, dir)
                         : s->an.year - (w->val == 3 && s->an.month <= 2),
                  SEASON_CODES[w->val]);
        return found(h, 2);
    case W_PART:     /* "this morning", "last night" */
        if (r != 0 && !(r == -1 && w->val == 3)) return 0;
        set_day(h, s->today + (r == -1 ? -1 : 0));
        return add_part_of_day(s, i + 1, h, 1);
    default:
        return 0;
    }
}

/* "today", "yesterday morning", "tonight". */
static size_t match_dayword(scan *s, size_t i, int v, hit *h)
{
    if (v == 9) {
        int y, m, d;
        calendar_date(s->today, &y, &m, &d);
        set_value(h, TIMEX_TIME, "%04d-%02d-%02dTNI", y, m, d);
        return found(h, 1);
    }
    set_day(h, s->today + v);
    return add_part_of_day(s, i + 1, h, 1);
}

/* "every week", "each Monday", "every two years". */
static size_t match_every(scan *s, size_t i, hit *h)
{
    const word *w = word_at(s, i + 1);
    num x;
    if (w && w->cls == W_WEEKDAY) {
        set_value(h, TIMEX_SET, "XXXX-WXX-%d", w->val);
        return found(h, 2);
    }
    if (w && w->cls == W_UNIT && !(w->flags & F_PLURAL)) {
        set_duration(h, 1, w->val);
        h->type = TIMEX_SET;
        return found(h, 2);
    }
    if (w && w->cls == W_PART) {
        set_value(h, TIMEX_SET, "XXXX-XX-XXT%s", PART_CODES[w->val]);
        return found(h, 2);
    }
    const word *u = word_at(s, i + 2);
    if (read_num(s, i + 1, &x) && x.v > 1 && u && u->cls == W_UNIT && (u->flags & F_PLURAL)) {
        set_duration(h, x.v, u->val);
        h->type = TIMEX_SET;
        return found(h, 3);
    }
    return 0;
}

/* "once a week", "twice a year". */
static size_t match_times(scan *s, size_t i, hit *h)
{
    const word *u = word_at(s, i + 2);
    if (!(key_is(s, i + 1, "a") || key_is(s, i + 1, "per")) || !u || u->cls != W_UNIT ||
        (u->flags & F_PLURAL))
        return 0;
    set_duration(h, 1, u->val);
    h->type = TIMEX_SET;
    return found(h, 3);
}

/* "the past", "the future", "the near term": vague references. */
static size_t match_the_reference(scan *s, size_t i, hit *h)
{
    const word *w = word_at(s, i + 1);
    if (w && w->cls == W_REL && w->val == -2 && !match_at(s, i + 1, h)) {
        set_value(h, TIMEX_DATE, "PAST_REF");
        return found(h, 2);
    }
    if ((key_is(s, i + 1, "near") || key_is(s, i + 1, "long") || key_is(s, i + 1, "short")) &&
        key_is(s, i + 2, "term")) {
        set_value(h, TIMEX_DATE, "FUTURE_REF");
        return found(h, 3);
    }
    if (key_is(s, i + 1, "future")) {
        set_value(h, TIMEX_DATE, "FUTURE_REF");
        return found(h, 2);
    }
    return 0;
}

/* Is the article part of an expression starting at j: "the 1990s", "the
 * first quarter", "the end of", "the last quarter", "the past decade",
 * "the next four years" (but not "the next day", nor "the fall of ...")? */
static int takes_article(scan *s, size_t j)
{
    const word *w = word_at(s, j);
    num x;
    if (!w) return j < s->n && isdigit((unsigned char)s->t[j].key[0]);
    if (w->cls == W_ORD || w->cls == W_BOUND || w->cls == W_POSMOD) return 1;
    if (w->cls != W_REL) return 0;
    return w->val < 0 || (w->val == 1 && read_num(s, j + 1, &x));
}

/* "the past decade", "the first quarter", "the end of March", "the
 * future", "the 1990s": a rule at i+1 that takes the article. */
static size_t match_the(scan *s, size_t i, hit *h)
{
    size_t len = match_the_reference(s, i, h);
    if (len) return len;
    if (!takes_article(s, i + 1) || !(len = match_at(s, i + 1, h))) return 0;
    if (!word_at(s, i + 1) && strlen(h->value) != 3) return 0;   /* not "the 2018 summit" */
    return found(h, len + 1);
}

/* "end of March", "the beginning of the year", "start of 2019". */
static size_t match_bound(scan *s, size_t i, hit *h)
{
    if (!key_is(s, i + 1, "of")) return 0;
    size_t j = i + 2;
    if (key_is(s, j, "the") && key_is(s, j + 1, "year")) {
        set_value(h, TIMEX_DATE, "%04d", s->an.year);
        return found(h, 4);
    }
    if (key_is(s, j, "the") && key_is(s, j + 1, "month")) {
        set_month(h, s->an.year, s->an.month, 0);
        return found(h, 4);
    }
    size_t len = match_at(s, j, h);
    if (!len || h->type != TIMEX_DATE || !isdigit((unsigned char)h->value[0])) return 0;
    return found(h, len + 2);
}

/* "early June", "late 2006", "mid March"; "earlier this week", "later
 * today". */
static size_t match_modifier(scan *s, size_t i, const word *w, hit *h)
{
    const word *next = word_at(s, i + 1);
    if (w->cls == W_EDGE && (!next || (next->cls != W_REL && next->cls != W_DAYWORD) ||
                             (next->cls == W_REL && next->val != 0)))
        return 0;
    size_t len = match_at(s, i + 1, h);
    if (!len || h->type != TIMEX_DATE || !isdigit((unsigned char)h->value[0])) return 0;
    return found(h, len + 1);
}

/* "now", "recently", "soon", "recent years". */
static size_t match_reference(scan *s, size_t i, int v, hit *h)
{
    const word *u = word_at(s, i + 1);
    if (v < 0 && u && u->cls == W_UNIT && (u->flags & F_PLURAL)) {   /* "recent years" */
        set_value(h, TIMEX_DATE, "PAST_REF");
        return found(h, 2);
    }
    if (v > 0 && i > 0 && key_is(s, i - 1, "as")) return 0;        /* "as soon as" */
    if (i > 0 && key_is(s, i - 1, "until") && v == 0) return 0;   /* "until now": a span */
    set_value(h, TIMEX_DATE, "%s", v < 0 ? "PAST_REF" : v > 0 ? "FUTURE_REF" : "PRESENT_REF");
    return found(h, 1);
}

/* A season after "in", "during", "since": "in spring", "summer 2010". */
static size_t match_season(scan *s, size_t i, int k, hit *h)
{
    int year;
    if (read_year(s, i + 1, &year)) {
        set_value(h, TIMEX_DATE, "%04d-%s", year, SEASON_CODES[k]);
        return found(h, 2);
    }
    if (i == 0 || !(key_is(s, i - 1, "in") || key_is(s, i - 1, "during") ||
                    key_is(s, i - 1, "since") || key_is(s, i - 1, "until") ||
                    key_is(s, i - 1, "early") || key_is(s, i - 1, "late")))
        return 0;
    int dir = is_future(s, i, i + 1) ? 1 : 0;
    set_value(h, TIMEX_DATE, "%04d-%s", year_of_season(s, k, dir), SEASON_CODES[k]);
    return found(h, 1);
}

/* "since '82": an apostrophe and two digits, written together. */
static size_t match_short_year(scan *s, size_t i, hit *h)
{
    num x;
    if ((s->t[i].flags & TOKF_SPACE_AFTER) || !after_time_preposition(s, i) ||
        !read_num(s, i + 1, &x) || x.kind != N_DIGITS || x.digits != 2)
        return 0;
    int century = x.v > s->an.year % 100 ? s->an.year / 100 - 1 : s->an.year / 100;
    set_value(h, TIMEX_DATE, "%02d%02ld", century, x.v);
    return found(h, 2);
}

/* The longest expression starting at token i, or 0. */
static size_t match_rule(scan *s, size_t i, hit *h);

static size_t match_at(scan *s, size_t i, hit *h)
{
    if (i >= s->n || s->depth >= MAX_NESTING) return 0;
    s->depth++;
    size_t len = match_rule(s, i, h);
    s->depth--;
    return len;
}

static size_t match_rule(scan *s, size_t i, hit *h)
{
    const token *t = &s->t[i];
    if (t->key[0] == '\'' && t->key[1] == '\0') return match_short_year(s, i, h);
    if (t->kind != TOK_WORD && t->kind != TOK_NUMBER) return 0;
    const word *w = word_of(t);
    if (!w) return isdigit((unsigned char)t->key[0]) || (t->flags & TOKF_HYPHENATED)
                   ? match_number(s, i, h) : 0;
    switch (w->cls) {
    case W_MONTH: case W_MONTH_ABBR:
        return match_month(s, i, w->val, w->cls == W_MONTH_ABBR, h);
    case W_WEEKDAY: return match_weekday(s, i, w->val, 0, h);
    case W_WEEKDAYS:
        if (!capitalized(s, i)) return 0;
        set_value(h, TIMEX_SET, "XXXX-WXX-%d", w->val);
        return found(h, 1);
    case W_DAYWORD: return match_dayword(s, i, w->val, h);
    case W_REL: return match_relative(s, i, w->val, h);
    case W_NUM: return match_count_unit(s, i, h);
    case W_ORD: return match_quarter(s, i, w->val, h);
    case W_THE: return match_the(s, i, h);
    case W_EVERY: return match_every(s, i, h);
    case W_TIMES: return match_times(s, i, h);
    case W_BOUND: return match_bound(s, i, h);
    case W_POSMOD: case W_EDGE: return match_modifier(s, i, w, h);
    case W_REF: return match_reference(s, i, w->val, h);
    case W_SEASON: return match_season(s, i, w->val, h);
    case W_SETADJ:
        set_duration(h, 1, w->val);
        h->type = TIMEX_SET;
        return found(h, 1);
    default: return 0;
    }
}

size_t timex_find(const token *toks, size_t n, timex_anchor anchor, timex *out, size_t max)
{
    pthread_once(&table_once, build_table);
    scan s = {toks, n, anchor, calendar_days(anchor.year, anchor.month, anchor.day), 0};
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        hit h;
        size_t len = match_at(&s, i, &h);
        if (!len) { i++; continue; }
        out[k].first = (uint32_t)i;
        out[k].n = (uint32_t)len;
        out[k].type = h.type;
        memcpy(out[k].value, h.value, sizeof out[k].value);
        k++;
        i += len;
    }
    return k;
}

const char *timex_type_name(timex_type t)
{
    static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? names[t] : "DATE";
}

int timex_calendar_date(const timex *t, char out[11])
{
    const char *v = t->value;
    if (t->type != TIMEX_DATE && t->type != TIMEX_TIME) return 0;
    for (int k = 0; k < 4; k++) if (!isdigit((unsigned char)v[k])) return 0;
    if (v[4] != '-') { snprintf(out, 11, "%.4s", v); return 1; }
    int y = atoi(v), m, d, wk;
    if (sscanf(v, "%*4d-%2d-%2d", &m, &d) == 2 && isdigit((unsigned char)v[9])) {
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    } else if (sscanf(v, "%*4d-W%2d", &wk) == 1) {
        long thursday = calendar_days(y, 1, 4);              /* in ISO week 1 */
        thursday += 7 * (wk - 1) + (4 - weekday(thursday));
        calendar_date(thursday, &y, &m, &d);
        snprintf(out, 11, "%04d-%02d", y, m);
    } else if (isdigit((unsigned char)v[5]) && sscanf(v, "%*4d-%2d", &m) == 1) {
        snprintf(out, 11, "%04d-%02d", y, m);
    } else {
        snprintf(out, 11, "%04d", y);
    }
    return 1;
}
