/* cameo.c — the CAMEO event code table, read once from the embedded
 * data/cameo.txt.
 *
 * The table is built on first use under pthread_once: one copy of the file
 * (tabs and line ends turned into NULs, so every string points into it) and
 * an array of cameo_info sorted by code for binary search.  Both live for
 * the life of the process and are never written again, so lookups after
 * the first are lock-free and thread-safe.
 */
#include "cameo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "builtin.h"

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static cameo_info *S_table;
static int S_count;

/* Splits line[] (NUL-terminated, no line end) at TABs into at most `max`
 * fields; returns the number of fields.  The last field keeps any further
 * TABs. */
static int S_split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    return n;
}

/* True when s is 3 or 4 ASCII digits. */
static int S_is_code(const char *s)
{
    size_t n = strlen(s);
    if (n != 3 && n != 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Parses [-+]digits[.digits] into *out without the locale (strtod would
 * read "3,4" under some LC_NUMERIC settings).  Returns 0 on success. */
static int S_parse_score(const char *s, double *out)
{
    double sign = 1.0, value = 0.0, scale = 1.0;
    int digits = 0;
    if (*s == '-' || *s == '+') sign = (*s++ == '-') ? -1.0 : 1.0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) value = value * 10 + (*s - '0');
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
            scale /= 10;
            value += (*s - '0') * scale;
        }
    if (!digits || *s) return -1;
    *out = sign * value;
    return 0;
}

/* Fills *e from one data line; returns 0, or -1 when the line is not a
 * well-formed table row (such lines are skipped). */
static int S_parse_line(char *line, cameo_info *e)
{
    char *f[5];
    if (S_split_tabs(line, f, 5) != 5) return -1;
    if (!S_is_code(f[0])) return -1;
    if (f[1][0] < '1' || f[1][0] > '4' || f[1][1]) return -1;
    if (S_parse_score(f[2], &e->goldstein) != 0) return -1;
    if (!f[3][0] || !f[4][0]) return -1;
    e->code = f[0];
    e->quad_class = f[1][0] - '0';
    e->plover = strcmp(f[3], "-") == 0 ? NULL : f[3];
    e->name = f[4];
    return 0;
}

static int S_cmp_info(const void *a, const void *b)
{
    return strcmp(((const cameo_info *)a)->code, ((const cameo_info *)b)->code);
}

/* Builds S_table from the embedded file (run once). */
static void S_init(void)
{
    const struct builtin_file *f = builtin_find("cameo.txt");
    if (!f) return;
    char *text = xmalloc(f->len + 1);
    memcpy(text, f->data, f->len + 1);
    size_t lines = 1;
    for (size_t i = 0; i < f->len; i++) lines += text[i] == '\n';
    S_table = xcalloc(lines, sizeof *S_table);
    for (char *line = text; line && *line != '\0';) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r') line[n - 1] = '\0';
        if (line[0] != '#' && line[0] != '\0' && S_parse_line(line, &S_table[S_count]) == 0)
            S_count++;
        line = end ? end + 1 : NULL;
    }
    qsort(S_table, (size_t)S_count, sizeof *S_table, S_cmp_info);
}

const cameo_info *cameo_lookup(const char *code)
{
    if (!code || !S_is_code(code)) return NULL;
    pthread_once(&S_once, S_init);
    if (S_count == 0) return NULL;
    cameo_info key = {0};
    key.code = code;
    return bsearch(&key, S_table, (size_t)S_count, sizeof *S_table, S_cmp_info);
}

int cameo_count(void)
{
    pthread_once(&S_once, S_init);
    return S_count;
}

const cameo_info *cameo_at(int i)
{
    pthread_once(&S_once, S_init);
    return (i >= 0 && i < S_count) ? &S_table[i] : NULL;
}
