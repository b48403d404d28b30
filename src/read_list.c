/* read_list.c — command-line inputs to a list of paths.
 *
 *   dyad code story.txt corpus/ -    ->  story.txt, corpus/a/1.jsonl,
 *                                         corpus/a/2.txt, corpus/b.xml, -
 *
 * Directories are walked depth-first, entries in strcmp order, hidden
 * entries (".name") skipped, only files with a story extension kept;
 * symbolic links are followed, a link back to a directory being walked is
 * not.  The whole list is built up front (paths only). */
#include "read_internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct input_list {
    char **paths;
    size_t n, cap, next;
};

/* The directories being walked, innermost first (to stop link cycles). */
typedef struct walk_dir {
    dev_t dev;
    ino_t ino;
    const struct walk_dir *up;
} walk_dir;

/* Adds a copy of path. */
static void push(input_list *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->paths = xrealloc(l->paths, l->cap * sizeof *l->paths);
    }
    l->paths[l->n++] = xstrdup(path);
}

/* 1 when name ends in .txt .jsonl .json .ndjson or .xml (any case). */
static int story_name(const char *name)
{
    static const char *const exts[] = { ".txt", ".jsonl", ".json", ".ndjson", ".xml" };
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name) return 0;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0) return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entries of an open directory, sorted; *n set.  Caller frees. */
static char **dir_names(DIR *d, size_t *n)
{
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[(*n)++] = xstrdup(e->d_name);
    }
    if (*n) qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* 1 when (dev, ino) is one of the directories being walked. */
static int walking(const walk_dir *w, const struct stat *st)
{
    for (; w; w = w->up)
        if (w->dev == st->st_dev && w->ino == st->st_ino) return 1;
    return 0;
}

static void add_path(input_list *l, const char *path, const walk_dir *up, int top);

/* dir + "/" + name in malloc'd storage (no doubled slash). */
static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir), m = strlen(name);
    size_t at = len && dir[len - 1] == '/' ? len : len + 1;
    char *path = xmalloc(at + m + 1);
    memcpy(path, dir, len);
    path[len] = '/';
    memcpy(path + at, name, m + 1);
    return path;
}

/* Adds the story files under directory `path` (stat in st).  An unreadable
 * directory is listed itself, so that opening it reports the problem. */
static void add_dir(input_list *l, const char *path, const struct stat *st, const walk_dir *up)
{
    walk_dir here = { st->st_dev, st->st_ino, up };
    DIR *d = opendir(path);
    size_t n;
    if (!d) { push(l, path); return; }
    char **names = dir_names(d, &n);
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        char *child = join(path, names[i]);
        add_path(l, child, &here, 0);
        free(child);
        free(names[i]);
    }
    free(names);
}

/* Adds path: a directory is expanded; a file is kept when given on the
 * command line (top) or when its name has a story extension. */
static void add_path(input_list *l, const char *path, const walk_dir *up, int top)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!walking(up, &st)) add_dir(l, path, &st, up);
    } else if (top || story_name(path)) {
        push(l, path);
    }
}

input_list *input_list_new(const char *const *paths, size_t n)
{
    input_list *l = xcalloc(1, sizeof *l);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(paths[i], "-") == 0) push(l, "-");
        else add_path(l, paths[i], NULL, 1);
    }
    return l;
}

const char *input_list_next(input_list *l)
{
    return l && l->next < l->n ? l->paths[l->next++] : NULL;
}

void input_list_free(input_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->paths[i]);
    free(l->paths);
    free(l);
}
