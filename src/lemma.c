/* lemma.c — see lemma.h. */
#include "lemma.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"

#define MAXW 128

/* Word classes of the exception list. */
enum { C_ANY, C_VERB, C_NOUN, C_ADJ, C_PRON, C_PART };

typedef struct exception {
    const char *form;   /* lower case */
    unsigned char cls;
    const char *lemma;
} exception;

/* Authored exceptions: irregular verbs, nouns, comparatives, pronouns and
 * contractions (EWT conventions). */
static const exception EXCEPTIONS[] = {
    /* be, have, do, modals and contractions */
    { "am", C_VERB, "be" }, { "is", C_VERB, "be" }, { "are", C_VERB, "be" },
    { "was", C_VERB, "be" }, { "were", C_VERB, "be" }, { "been", C_VERB, "be" },
    { "being", C_VERB, "be" }, { "'s", C_VERB, "be" }, { "'re", C_VERB, "be" },
    { "'m", C_VERB, "be" }, { "s", C_VERB, "be" }, { "re", C_VERB, "be" },
    { "m", C_VERB, "be" }, { "has", C_VERB, "have" }, { "had", C_VERB, "have" },
    { "having", C_VERB, "have" }, { "'ve", C_VERB, "have" }, { "ve", C_VERB, "have" },
    { "does", C_VERB, "do" }, { "did", C_VERB, "do" }, { "done", C_VERB, "do" },
    { "doing", C_VERB, "do" }, { "'ll", C_VERB, "will" }, { "ll", C_VERB, "will" },
    { "wo", C_VERB, "will" }, { "'d", C_VERB, "would" }, { "d", C_VERB, "would" },
    { "ca", C_VERB, "can" }, { "could", C_VERB, "could" }, { "would", C_VERB, "would" },
    { "should", C_VERB, "should" }, { "might", C_VERB, "might" }, { "must", C_VERB, "must" },
    { "n't", C_ANY, "not" }, { "nt", C_ANY, "not" }, { "an", C_ANY, "a" },
    /* irregular verbs */
    { "went", C_VERB, "go" }, { "gone", C_VERB, "go" }, { "goes", C_VERB, "go" },
    { "saw", C_VERB, "see" }, { "seen", C_VERB, "see" }, { "made", C_VERB, "make" },
    { "said", C_VERB, "say" }, { "says", C_VERB, "say" }, { "took", C_VERB, "take" },
    { "taken", C_VERB, "take" }, { "came", C_VERB, "come" }, { "got", C_VERB, "get" },
    { "gotten", C_VERB, "get" }, { "gave", C_VERB, "give" }, { "given", C_VERB, "give" },
    { "knew", C_VERB, "know" }, { "known", C_VERB, "know" }, { "thought", C_VERB, "think" },
    { "told", C_VERB, "tell" }, { "found", C_VERB, "find" }, { "felt", C_VERB, "feel" },
    { "left", C_VERB, "leave" }, { "kept", C_VERB, "keep" }, { "brought", C_VERB, "bring" },
    { "bought", C_VERB, "buy" }, { "began", C_VERB, "begin" }, { "begun", C_VERB, "begin" },
    { "wrote", C_VERB, "write" }, { "written", C_VERB, "write" }, { "ran", C_VERB, "run" },
    { "met", C_VERB, "meet" }, { "paid", C_VERB, "pay" }, { "sent", C_VERB, "send" },
    { "spent", C_VERB, "spend" }, { "built", C_VERB, "build" }, { "held", C_VERB, "hold" },
    { "stood", C_VERB, "stand" }, { "understood", C_VERB, "understand" },
    { "heard", C_VERB, "hear" }, { "meant", C_VERB, "mean" }, { "lost", C_VERB, "lose" },
    { "led", C_VERB, "lead" }, { "sold", C_VERB, "sell" }, { "fell", C_VERB, "fall" },
    { "fallen", C_VERB, "fall" }, { "chose", C_VERB, "choose" }, { "chosen", C_VERB, "choose" },
    { "spoke", C_VERB, "speak" }, { "spoken", C_VERB, "speak" }, { "broke", C_VERB, "break" },
    { "broken", C_VERB, "break" }, { "drove", C_VERB, "drive" }, { "driven", C_VERB, "drive" },
    { "ate", C_VERB, "eat" }, { "eaten", C_VERB, "eat" }, { "drew", C_VERB, "draw" },
    { "drawn", C_VERB, "draw" }, { "grew", C_VERB, "grow" }, { "grown", C_VERB, "grow" },
    { "threw", C_VERB, "throw" }, { "thrown", C_VERB, "throw" }, { "flew", C_VERB, "fly" },
    { "flown", C_VERB, "fly" }, { "wore", C_VERB, "wear" }, { "worn", C_VERB, "wear" },
    { "won", C_VERB, "win" }, { "sat", C_VERB, "sit" }, { "slept", C_VERB, "sleep" },
    { "taught", C_VERB, "teach" }, { "caught", C_VERB, "catch" }, { "fought", C_VERB, "fight" },
    { "sought", C_VERB, "seek" }, { "became", C_VERB, "become" }, { "forgot", C_VERB, "forget" },
    { "forgotten", C_VERB, "forget" }, { "hid", C_VERB, "hide" }, { "hidden", C_VERB, "hide" },
    { "rose", C_VERB, "rise" }, { "risen", C_VERB, "rise" }, { "shot", C_VERB, "shoot" },
    { "struck", C_VERB, "strike" }, { "stuck", C_VERB, "stick" }, { "swam", C_VERB, "swim" },
    { "woke", C_VERB, "wake" }, { "lay", C_VERB, "lie" }, { "laid", C_VERB, "lay" },
    { "lit", C_VERB, "light" }, { "fed", C_VERB, "feed" }, { "fled", C_VERB, "flee" },
    { "bent", C_VERB, "bend" }, { "lent", C_VERB, "lend" }, { "dealt", C_VERB, "deal" },
    { "sang", C_VERB, "sing" }, { "sung", C_VERB, "sing" }, { "rang", C_VERB, "ring" },
    { "drank", C_VERB, "drink" }, { "gave", C_VERB, "give" }, { "forgave", C_VERB, "forgive" },
    { "overcame", C_VERB, "overcome" }, { "withdrew", C_VERB, "withdraw" },
    { "undertook", C_VERB, "undertake" }, { "mistook", C_VERB, "mistake" },
    { "shook", C_VERB, "shake" }, { "shaken", C_VERB, "shake" }, { "froze", C_VERB, "freeze" },
    { "frozen", C_VERB, "freeze" }, { "stole", C_VERB, "steal" }, { "stolen", C_VERB, "steal" },
    { "tore", C_VERB, "tear" }, { "torn", C_VERB, "tear" }, { "swore", C_VERB, "swear" },
    { "bore", C_VERB, "bear" }, { "born", C_VERB, "bear" }, { "beaten", C_VERB, "beat" },
    { "bit", C_VERB, "bite" }, { "bitten", C_VERB, "bite" }, { "hung", C_VERB, "hang" },
    { "dug", C_VERB, "dig" }, { "ground", C_VERB, "grind" }, { "wound", C_VERB, "wind" },
    { "bound", C_VERB, "bind" }, { "read", C_VERB, "read" }, { "dying", C_VERB, "die" },
    { "lying", C_VERB, "lie" }, { "tying", C_VERB, "tie" }, { "seeing", C_VERB, "see" },
    { "agreed", C_VERB, "agree" }, { "freed", C_VERB, "free" }, { "sped", C_VERB, "speed" },
    { "let", C_VERB, "let" }, { "set", C_VERB, "set" }, { "put", C_VERB, "put" },
    { "cut", C_VERB, "cut" }, { "hit", C_VERB, "hit" }, { "cost", C_VERB, "cost" },
    { "hurt", C_VERB, "hurt" }, { "shut", C_VERB, "shut" }, { "quit", C_VERB, "quit" },
    { "spread", C_VERB, "spread" }, { "upset", C_VERB, "upset" }, { "bid", C_VERB, "bid" },
    /* irregular nouns */
    { "men", C_NOUN, "man" }, { "women", C_NOUN, "woman" }, { "children", C_NOUN, "child" },
    { "feet", C_NOUN, "foot" }, { "teeth", C_NOUN, "tooth" }, { "mice", C_NOUN, "mouse" },
    { "geese", C_NOUN, "goose" }, { "lives", C_NOUN, "life" }, { "wives", C_NOUN, "wife" },
    { "knives", C_NOUN, "knife" }, { "leaves", C_NOUN, "leaf" }, { "halves", C_NOUN, "half" },
    { "selves", C_NOUN, "self" }, { "shelves", C_NOUN, "shelf" }, { "thieves", C_NOUN, "thief" },
    { "wolves", C_NOUN, "wolf" }, { "loaves", C_NOUN, "loaf" }, { "calves", C_NOUN, "calf" },
    { "analyses", C_NOUN, "analysis" }, { "crises", C_NOUN, "crisis" },
    { "theses", C_NOUN, "thesis" }, { "criteria", C_NOUN, "criterion" },
    { "phenomena", C_NOUN, "phenomenon" }, { "people", C_NOUN, "people" },
    { "data", C_NOUN, "data" }, { "news", C_NOUN, "news" }, { "series", C_NOUN, "series" },
    { "species", C_NOUN, "species" }, { "means", C_NOUN, "means" }, { "sheep", C_NOUN, "sheep" },
    { "police", C_NOUN, "police" }, { "clothes", C_NOUN, "clothes" },
    { "glasses", C_NOUN, "glass" }, { "businesses", C_NOUN, "business" },
    { "buses", C_NOUN, "bus" }, { "gases", C_NOUN, "gas" }, { "taxes", C_NOUN, "tax" },
    { "movies", C_NOUN, "movie" }, { "cookies", C_NOUN, "cookie" }, { "pies", C_NOUN, "pie" },
    { "ties", C_NOUN, "tie" }, { "lies", C_NOUN, "lie" }, { "employees", C_NOUN, "employee" },
    { "prices", C_NOUN, "price" }, { "services", C_NOUN, "service" },
    /* comparatives and superlatives */
    { "better", C_ADJ, "good" }, { "best", C_ADJ, "good" }, { "worse", C_ADJ, "bad" },
    { "worst", C_ADJ, "bad" }, { "more", C_ADJ, "more" }, { "most", C_ADJ, "most" },
    { "less", C_ADJ, "less" }, { "least", C_ADJ, "least" }, { "further", C_ADJ, "further" },
    { "farther", C_ADJ, "far" }, { "furthest", C_ADJ, "far" }, { "elder", C_ADJ, "old" },
    /* pronouns */
    { "i", C_PRON, "I" }, { "me", C_PRON, "I" }, { "him", C_PRON, "he" },
    { "us", C_PRON, "we" }, { "them", C_PRON, "they" }, { "mine", C_PRON, "my" },
    { "yours", C_PRON, "your" }, { "ours", C_PRON, "our" }, { "theirs", C_PRON, "their" },
    { "hers", C_PRON, "her" }, { "myself", C_PRON, "myself" }, { "'s", C_PRON, "we" },
    { "u", C_PRON, "you" }, { "ya", C_PRON, "you" }, { "those", C_ANY, "that" },
    { "these", C_ANY, "this" }, { "s", C_PART, "'s" }, { "r", C_VERB, "be" },
};

/* The exception-list class of a UPOS. */
static int class_of(int upos)
{
    switch (upos) {
    case POS_VERB: case POS_AUX: return C_VERB;
    case POS_NOUN: return C_NOUN;
    case POS_ADJ: case POS_ADV: return C_ADJ;
    case POS_PRON: return C_PRON;
    case POS_PART: return C_PART;
    default: return C_ANY;
    }
}

/* The exception lemma of a lower-cased word, or NULL. */
static const char *find_exception(const char *w, int cls)
{
    for (size_t i = 0; i < sizeof EXCEPTIONS / sizeof *EXCEPTIONS; i++) {
        const exception *e = &EXCEPTIONS[i];
        if (e->form[0] == w[0] && (e->cls == cls || e->cls == C_ANY) && strcmp(e->form, w) == 0)
            return e->lemma;
    }
    return NULL;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* After an -ed / -ing / -er / -est was cut from w (length n): undoes a
 * doubled final consonant (stopp -> stop) or restores a final e (lik ->
 * like) by spelling heuristics.  w has room for one more byte. */
static void fix_stem(char *w, size_t n)
{
    if (n < 2) return;
    char a = w[n - 2], b = w[n - 1];
    if (a == b && n > 3 && !is_vowel(b) && b != 'l' && b != 's' && b != 'z' && b != 'f') {
        w[n - 1] = '\0';                          /* stopp -> stop */
        return;
    }
    int add_e = 0;
    if (b == 'v' || b == 'z' || b == 'u' || (b == 'c' && a != 'i'))
        add_e = 1;                                /* lov, realiz, argu, produc */
    else if ((b == 'g' && a != 'n' && a != 'g') || (b == 's' && is_vowel(a) && a != 'u' && n > 3))
        add_e = 1;                                /* manag, rais */
    else if (b == 'l' && !is_vowel(a) && a != 'l' && a != 'r')
        add_e = 1;                                /* handl, settl */
    else if (n >= 3 && !is_vowel(w[n - 3]) && ((b == 't' && (a == 'a' || a == 'u')) ||
                                               (b == 'd' && (a == 'u' || a == 'i')) ||
                                               (b == 'k' && is_vowel(a))))
        add_e = 1;                                /* locat, comput, includ, decid, provok */
    else if (n >= 3 && b == 'g' && a == 'n' && w[n - 3] == 'a')
        add_e = 1;                                /* chang, arrang */
    else if (n >= 3 && b == 't' && a == 'e' && w[n - 3] == 'l')
        add_e = 1;                                /* complet, delet */
    else if (n == 2 && b == 's' && a == 'u')
        add_e = 1;                                /* us(ed) */
    else if (n >= 3 && !is_vowel(b) && b != 'w' && b != 'x' && b != 'y' && is_vowel(a) &&
             !is_vowel(w[n - 3]) && n <= 4)
        add_e = 1;                                /* short CVC: lik, hop(e), us */
    if (add_e) {
        w[n] = 'e';
        w[n + 1] = '\0';
    }
}

/* Cuts k bytes from the end of w (length n). */
static size_t cut(char *w, size_t n, size_t k)
{
    w[n - k] = '\0';
    return n - k;
}

/* Whether a capitalised adjective keeps its case as its lemma, as EWT's
 * adjectives of nations and faiths do (Israeli, Palestinian, Islamic,
 * Chinese, British); w is its lower-cased form of length n. */
static int proper_adjective(const char *form, const char *w, size_t n)
{
    if (!(form[0] >= 'A' && form[0] <= 'Z') || (n > 1 && form[1] >= 'A' && form[1] <= 'Z'))
        return 0;
    return ends_with(w, n, "an") || ends_with(w, n, "ese") || ends_with(w, n, "ish") ||
           ends_with(w, n, "ic") || ends_with(w, n, "i");
}

/* Singular of a plural noun, in place. */
static void noun_singular(char *w, size_t n)
{
    if (n > 4 && ends_with(w, n, "ies")) {
        n = cut(w, n, 3);
        strcat(w, "y");
    } else if (n > 4 && (ends_with(w, n, "sses") || ends_with(w, n, "xes") ||
                         ends_with(w, n, "ches") || ends_with(w, n, "shes") ||
                         ends_with(w, n, "zzes"))) {
        cut(w, n, 2);
    } else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'' &&
               !ends_with(w, n, "us") && !ends_with(w, n, "is")) {
        cut(w, n, 1);
    }
}

/* Base form of an inflected verb, in place (xpos may be empty). */
static void verb_base(char *w, size_t n, const char *xpos)
{
    int z = strcmp(xpos, "VBZ") == 0, dn = strcmp(xpos, "VBD") == 0 || strcmp(xpos, "VBN") == 0;
    int g = strcmp(xpos, "VBG") == 0, any = !*xpos;
    if ((g || any) && n > 4 && ends_with(w, n, "ing")) {
        fix_stem(w, cut(w, n, 3));
    } else if ((dn || any) && n > 4 && ends_with(w, n, "ied")) {
        n = cut(w, n, 3);
        strcat(w, "y");
    } else if ((dn || any) && n > 3 && ends_with(w, n, "ed")) {
        if (ends_with(w, n, "eed")) cut(w, n, 1);
        else fix_stem(w, cut(w, n, 2));
    } else if ((z || any) && n > 3 && ends_with(w, n, "ies")) {
        n = cut(w, n, 3);
        strcat(w, "y");
    } else if ((z || any) && n > 3 && (ends_with(w, n, "sses") || ends_with(w, n, "xes") ||
                                       ends_with(w, n, "ches") || ends_with(w, n, "shes") ||
                                       ends_with(w, n, "zes") || ends_with(w, n, "oes"))) {
        cut(w, n, 2);
    } else if ((z || any) && n > 2 && w[n - 1] == 's' && w[n - 2] != 's') {
        cut(w, n, 1);
    }
}

/* Positive of a comparative or superlative adjective or adverb. */
static void adj_positive(char *w, size_t n, const char *xpos)
{
    int r = strcmp(xpos, "JJR") == 0 || strcmp(xpos, "RBR") == 0;
    int s = strcmp(xpos, "JJS") == 0 || strcmp(xpos, "RBS") == 0;
    if (s && n > 5 && ends_with(w, n, "iest")) {
        n = cut(w, n, 4);
        strcat(w, "y");
    } else if (s && n > 4 && ends_with(w, n, "est")) {
        fix_stem(w, cut(w, n, 3));
    } else if (r && n > 4 && ends_with(w, n, "ier")) {
        n = cut(w, n, 3);
        strcat(w, "y");
    } else if (r && n > 3 && ends_with(w, n, "er")) {
        fix_stem(w, cut(w, n, 2));
    }
}

const char *lemma_of(const char *form, int upos, const char *xpos, char *out, size_t outlen)
{
    char w[MAXW + 2];
    size_t n = 0;
    if (!xpos || strcmp(xpos, "_") == 0) xpos = "";
    for (; form[n] && n < MAXW; n++) {
        char c = form[n];
        w[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    w[n] = '\0';
    int keep_case = upos == POS_PROPN || (upos == POS_ADJ && proper_adjective(form, w, n));
    const char *ex = keep_case ? NULL : find_exception(w, class_of(upos));
    if (upos == POS_PRON && strcmp(w, "her") == 0 && strcmp(xpos, "PRP") == 0) ex = "she";
    if (keep_case) {
        snprintf(w, sizeof w, "%.*s", (int)n, form);
        if (strcmp(xpos, "NNPS") == 0) noun_singular(w, n);
        else if (upos == POS_ADJ) adj_positive(w, n, xpos);
    } else if (ex) snprintf(w, sizeof w, "%s", ex);
    else if (upos == POS_NOUN && (strcmp(xpos, "NNS") == 0 || !*xpos)) noun_singular(w, n);
    else if (upos == POS_VERB || upos == POS_AUX) verb_base(w, n, xpos);
    else if (upos == POS_ADJ || upos == POS_ADV) adj_positive(w, n, xpos);
    snprintf(out, outlen, "%s", w);
    return out;
}
