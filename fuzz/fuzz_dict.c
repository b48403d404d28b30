/* fuzz_dict.c — libFuzzer target for the dictionary reader (src/dict*.c).
 *
 * The input is loaded as each of the five dictionary kinds in turn, then
 * as all of them into one dictionary; after each load every lookup runs
 * over tokens made from the input's own words (so that what was loaded
 * is also found), and every accessor is called on what it returns.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_dict.c \
 *       src/dict*.c src/key.c src/arena.c -lutf8proc -o fuzz_dict
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dict.h"
#include "key.h"

#define MAX_TOKENS 96

static void on_problem(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    if (!file || !msg || !*msg || line < 0) abort();
}

/* Tokens for the words of the input (split at blanks, '_' and brackets),
 * keyed as the tokenizer keys them. */
static size_t make_tokens(arena *a, const char *s, size_t len, token *out)
{
    size_t n = 0, i = 0;
    while (i < len && n < MAX_TOKENS) {
        while (i < len && strchr(" \t\r\n_[]{}()", s[i]) && s[i]) i++;
        size_t start = i;
        while (i < len && !strchr(" \t\r\n_[]{}()", s[i])) i++;
        if (i == start) { i++; continue; }
        memset(&out[n], 0, sizeof out[n]);
        out[n].kind = TOK_WORD;
        out[n].len = (uint32_t)(i - start);
        out[n].key = match_key(a, s + start, i - start);
        out[n].hash = key_hash(out[n].key, strlen(out[n].key));
        n++;
    }
    return n;
}

static void use_string(const char *s)
{
    if (s && strlen(s) > (1u << 30)) abort();
}

static void exercise_patterns(const dict *d, uint32_t verb, const token *t, size_t n)
{
    const verb_pattern *p;
    size_t np = dict_verb_patterns(d, verb, &p);
    for (size_t k = 0; k < np && k < 8; k++) {
        if (p[k].n_elems == 0 || p[k].verb_index >= p[k].n_elems) abort();
        if (p[k].elems[p[k].verb_index].kind != PE_VERB) abort();
        use_string(p[k].code);
        use_string(p[k].file);
        for (size_t e = 0; e < p[k].n_elems; e++)
            for (size_t i = 0; i < n; i++) {
                size_t len = dict_match_elem(d, &p[k].elems[e], t, n, i);
                if (len > n - i) abort();
            }
    }
}

static void exercise(const dict *d, const token *t, size_t n)
{
    static const int dates[] = { 0, 19000229, 19991231, 20240409, 99999999 };
    for (size_t i = 0; i <= n; i++) {
        noun_match nm;
        if (dict_match_noun(d, t, n, i, &nm)) {
            if (nm.n_tokens < 1 || nm.n_tokens > n - i) abort();
            if (nm.kind == NOUN_ACTOR) {
                for (size_t k = 0; k < sizeof dates / sizeof *dates; k++)
                    use_string(dict_actor_code(d, nm.entry, dates[k]));
                use_string(dict_actor_name(d, nm.entry));
                (void)dict_actor_is_person(d, nm.entry);
            } else {
                int prefix;
                use_string(dict_agent_code(d, nm.entry, &prefix));
            }
        }
        verb_match vm;
        if (dict_match_verb(d, t, n, i, &vm)) {
            if (vm.n_tokens < 1 || vm.n_tokens > n - i || vm.head >= vm.n_tokens) abort();
            use_string(dict_verb_code(d, vm.verb));
            use_string(dict_verb_name(d, vm.verb));
            long line;
            use_string(dict_verb_file(d, vm.verb, &line));
            exercise_patterns(d, vm.verb, t, n);
        }
        int whole;
        if (dict_match_discard_scope(d, t, n, i, &whole) > n - i) abort();
    }
    dict_stats st;
    dict_get_stats(d, &st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    arena *a = arena_new();
    token toks[MAX_TOKENS];
    size_t n = make_tokens(a, text, size, toks);
    dict *all = dict_new();
    for (int kind = DICT_VERBS; kind <= DICT_ISSUES; kind++) {
        dict *d = dict_new();
        int problems = dict_load(d, (dict_kind)kind, "fuzz.txt", text, size, on_problem, NULL);
        if (problems < 0) abort();
        exercise(d, toks, n);
        dict_free(d);
        dict_load(all, (dict_kind)kind, "fuzz.txt", text, size, on_problem, NULL);
    }
    exercise(all, toks, n);
    dict_free(all);
    arena_free(a);
    return 0;
}
