/* store_plot.c — `dyad plot`: an SVG time series of the filtered events
 * per period, drawn by dyad itself.
 *
 *   top panel     events per period in each quad class: verbal and
 *                 material cooperation (blue, green), verbal and material
 *                 conflict (orange, red)
 *   bottom panel  the mean Goldstein score of the period's events, on the
 *                 scale's full range -10 .. +10 (no point where a period
 *                 has no event)
 *
 * Periods with no event are filled in (count 0), so that the x axis is
 * time.  Each series is a <g class="series" data-series="NAME">, each axis
 * a <g class="axis ..."> with its label, so that tests and style sheets
 * can find them. */
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "calendar.h"

#define MAX_PERIODS 20000
#define WIDTH 960
#define HEIGHT 600
#define LEFT 70
#define RIGHT 200          /* room for the legend */
#define TOP 60
#define COUNT_H 300        /* the counts panel */
#define GAP 50
#define GOLD_H 120         /* the Goldstein panel */

typedef struct period_row {
    char label[16];
    long counts[4];        /* quad classes 1..4 */
    long events;
    double mean;           /* mean Goldstein; meaningful when events > 0 */
} period_row;

typedef struct series_def {
    const char *name, *label, *color;
} series_def;

static const series_def quad_series[4] = {
    {"verbal_coop", "verbal cooperation", "#2c7fb8"},
    {"material_coop", "material cooperation", "#31a354"},
    {"verbal_conflict", "verbal conflict", "#fd8d3c"},
    {"material_conflict", "material conflict", "#de2d26"},
};

/* ---- periods ---- */


/* The label of the period after `label` ("2024-04" -> "2024-05"). */
static void next_period(const char *by, const char *label, char *out, size_t cap)
{
    int y = 0, m = 1, d = 1;
    sscanf(label, "%d-%d-%d", &y, &m, &d);
    if (!strcmp(by, "year")) snprintf(out, cap, "%04d", y + 1);
    else if (!strcmp(by, "month")) snprintf(out, cap, "%04d-%02d", y + (m == 12), m % 12 + 1);
    else {
        calendar_date(calendar_days(y, m, d) + (!strcmp(by, "week") ? 7 : 1), &y, &m, &d);
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
    }
}

/* The periods' rows from the query (column order of store_query_sql). */
static period_row *read_rows(dyad_store *s, sqlite3_stmt *st, size_t *n)
{
    period_row *rows = NULL;
    size_t cap = 0;
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) rows = xrealloc(rows, (cap = cap ? 2 * cap : 64) * sizeof *rows);
        period_row *r = &rows[(*n)++];
        snprintf(r->label, sizeof r->label, "%s", (const char *)sqlite3_column_text(st, 0));
        r->events = sqlite3_column_int(st, 1);
        r->mean = sqlite3_column_double(st, 4);
        for (int q = 0; q < 4; q++) r->counts[q] = sqlite3_column_int(st, 5 + q);
    }
    if (rc != SQLITE_DONE) {
        store_fail(s, "plot");
        free(rows);
        return NULL;
    }
    return rows ? rows : xcalloc(1, sizeof *rows);
}

/* Every period from the first row's to the last's, empty ones included. */
static period_row *fill_periods(dyad_store *s, const char *by, const period_row *rows, size_t n,
                                size_t *out_n)
{
    period_row *all = xcalloc(MAX_PERIODS, sizeof *all);
    size_t k = 0, i = 0;
    char label[16];
    snprintf(label, sizeof label, "%s", n ? rows[0].label : "");
    while (i < n) {
        if (k == MAX_PERIODS) {
            snprintf(s->error, sizeof s->error, "more than %d periods; use a longer --by or "
                     "--from/--to", MAX_PERIODS);
            free(all);
            return NULL;
        }
        snprintf(all[k].label, sizeof all[k].label, "%s", label);
        if (strcmp(rows[i].label, label) == 0) all[k] = rows[i++];
        k++;
        next_period(by, label, label, sizeof label);
    }
    *out_n = k;
    return all;
}

/* ---- drawing ---- */

static void xml_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '&') fputs("&amp;", out);
        else if (*s == '<') fputs("&lt;", out);
        else if (*s == '>') fputs("&gt;", out);
        else if (*s == '"') fputs("&quot;", out);
        else putc(*s, out);
    }
}

/* A round step for about five ticks up to max: 1, 2 or 5 times 10^k. */
static long tick_step(long max)
{
    long step = 1;
    while (max / step > 5) {
        if (max / (step * 2) <= 5) return step * 2;
        if (max / (step * 5) <= 5) return step * 5;
        step *= 10;
    }
    return step;
}

typedef struct frame {
    size_t n;              /* periods */
    long ymax;             /* top of the counts axis */
} frame;

static double x_at(const frame *f, size_t i)
{
    double w = WIDTH - LEFT - RIGHT;
    return f->n <= 1 ? LEFT + w / 2 : LEFT + w * (double)i / (double)(f->n - 1);
}

static double y_count(const frame *f, double v) { return TOP + COUNT_H * (1 - v / (double)f->ymax); }

static double y_gold(double v) { return TOP + COUNT_H + GAP + GOLD_H * (10 - v) / 20; }

static void draw_x_axis(FILE *out, const frame *f, const period_row *p, const char *by)
{
    double y0 = TOP + COUNT_H + GAP + GOLD_H;
    size_t every = f->n / 10 + 1;
    fprintf(out, "<g class=\"axis x-axis\">\n<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
            "stroke=\"#333\"/>\n", LEFT, y0, WIDTH - RIGHT, y0);
    for (size_t i = 0; i < f->n; i += every)
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                x_at(f, i), y0 + 18, p[i].label);
    fprintf(out, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n"
            "</g>\n", LEFT + (WIDTH - LEFT - RIGHT) / 2, y0 + 40, by);
}

static void draw_count_axis(FILE *out, const frame *f)
{
    long step = tick_step(f->ymax);
    fprintf(out, "<g class=\"axis y-axis\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
            "stroke=\"#333\"/>\n", LEFT, TOP, LEFT, TOP + COUNT_H);
    for (long v = 0; v <= f->ymax; v += step)
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n"
                "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%ld</text>\n",
                LEFT, y_count(f, (double)v), WIDTH - RIGHT, y_count(f, (double)v), LEFT - 6,
                y_count(f, (double)v) + 4, v);
    fprintf(out, "<text class=\"label\" transform=\"translate(%d %d) rotate(-90)\" "
            "text-anchor=\"middle\">events</text>\n</g>\n", LEFT - 45, TOP + COUNT_H / 2);
}

static void draw_goldstein_axis(FILE *out)
{
    fprintf(out, "<g class=\"axis goldstein-axis\">\n<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
            "y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, y_gold(10), LEFT, y_gold(-10));
    for (int v = -10; v <= 10; v += 5)
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n"
                "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%d</text>\n",
                LEFT, y_gold(v), WIDTH - RIGHT, y_gold(v), v ? "#ddd" : "#888", LEFT - 6,
                y_gold(v) + 4, v > 0 ? "+" : "", v);
    fprintf(out, "<text class=\"label\" transform=\"translate(%d %d) rotate(-90)\" "
            "text-anchor=\"middle\">mean Goldstein</text>\n</g>\n", LEFT - 45,
            TOP + COUNT_H + GAP + GOLD_H / 2);
}

/* A line through the periods (markers too when there are few). */
static void draw_quad_series(FILE *out, const frame *f, const period_row *p, int q)
{
    const series_def *d = &quad_series[q];
    fprintf(out, "<g class=\"series\" data-series=\"%s\">\n<polyline fill=\"none\" "
            "stroke=\"%s\" stroke-width=\"2\" points=\"", d->name, d->color);
    for (size_t i = 0; i < f->n; i++)
        fprintf(out, "%s%.1f,%.1f", i ? " " : "", x_at(f, i), y_count(f, (double)p[i].counts[q]));
    fputs("\"/>\n", out);
    for (size_t i = 0; f->n <= 60 && i < f->n; i++)
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x_at(f, i),
                y_count(f, (double)p[i].counts[q]), d->color);
    fputs("</g>\n", out);
}

/* The mean Goldstein line, broken where a period has no event. */
static void draw_goldstein_series(FILE *out, const frame *f, const period_row *p)
{
    fputs("<g class=\"series\" data-series=\"goldstein_mean\">\n<path fill=\"none\" "
          "stroke=\"#555\" stroke-width=\"2\" d=\"", out);
    int pen_down = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (!p[i].events) { pen_down = 0; continue; }
        fprintf(out, "%s%.1f %.1f ", pen_down ? "L" : "M", x_at(f, i), y_gold(p[i].mean));
        pen_down = 1;
    }
    fputs("\"/>\n", out);
    for (size_t i = 0; i < f->n; i++)
        if (p[i].events && (f->n <= 60 || (i == 0 || !p[i - 1].events) ||
                            (i + 1 == f->n || !p[i + 1].events)))
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#555\"/>\n",
                    x_at(f, i), y_gold(p[i].mean));
    fputs("</g>\n", out);
}

static void draw_legend(FILE *out)
{
    int x = WIDTH - RIGHT + 20, y = TOP + 10;
    fputs("<g class=\"legend\">\n", out);
    for (int q = 0; q < 4; q++, y += 22)
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>\n", x, y, x + 24, y,
                quad_series[q].color, x + 30, y + 4, quad_series[q].label);
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\" "
            "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">mean Goldstein</text>\n</g>\n",
            x, y, x + 24, y, x + 30, y + 4);
}

/* "RUS-CHN events by month", from the filters, when no title is given. */
static void default_title(const dyad_query *q, char *buf, size_t cap)
{
    const char *src = q->source ? q->source : "any", *tgt = q->target ? q->target : "any";
    snprintf(buf, cap, "%s %s %s: events by %s", src, q->either_direction ? "and" : "to", tgt,
             q->by);
}

static void draw(FILE *out, const char *title, const char *by, const period_row *p, size_t n)
{
    frame f = {n, 1};
    for (size_t i = 0; i < n; i++)
        for (int q = 0; q < 4; q++)
            if (p[i].counts[q] > f.ymax) f.ymax = p[i].counts[q];
    long step = tick_step(f.ymax);
    f.ymax = (f.ymax + step - 1) / step * step;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/"
            "2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-"
            "serif\" font-size=\"12\">\n<title>", WIDTH, HEIGHT, WIDTH, HEIGHT);
    xml_text(out, title);
    fprintf(out, "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n<text "
            "class=\"title\" x=\"%d\" y=\"32\" font-size=\"18\" text-anchor=\"middle\">", WIDTH,
            HEIGHT, WIDTH / 2);
    xml_text(out, title);
    fputs("</text>\n", out);
    draw_count_axis(out, &f);
    draw_goldstein_axis(out);
    draw_x_axis(out, &f, p, by);
    for (int q = 0; q < 4; q++) draw_quad_series(out, &f, p, q);
    draw_goldstein_series(out, &f, p);
    draw_legend(out);
    if (n == 0)
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no events</text>\n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, TOP + COUNT_H / 2);
    fputs("</svg>\n", out);
}

int dyad_store_plot(dyad_store *s, const dyad_query *q, const char *title, FILE *out)
{
    dyad_query pq = *q;
    if (!pq.by) pq.by = "month";
    pq.limit = 0;
    store_filter f;
    if (store_filter_sql(s, &pq, &f) != 0) return -1;
    char *sql = store_query_sql(s, &pq, &f);
    sqlite3_stmt *st = sql ? store_prepare_filtered(s, sql, &f) : NULL;
    free(sql);
    if (!st) return -1;
    size_t n_rows, n;
    period_row *rows = read_rows(s, st, &n_rows);
    sqlite3_finalize(st);
    period_row *all = rows ? fill_periods(s, pq.by, rows, n_rows, &n) : NULL;
    free(rows);
    if (!all) return -1;
    char buf[256];
    if (!title) default_title(&pq, buf, sizeof buf);
    draw(out, title ? title : buf, pq.by, all, n);
    free(all);
    if (ferror(out)) {
        snprintf(s->error, sizeof s->error, "error writing the plot");
        return -1;
    }
    return 0;
}
