/* events.h — for tests of the coder: a result's events written compactly
 * as "SOURCE>TARGET:CODE" joined by spaces, in order ("-" for no target,
 * "" for no event), so that a case can state them in one string. */
#ifndef DYAD_TEST_EVENTS_H
#define DYAD_TEST_EVENTS_H

#include <stdio.h>

#include "dyad.h"

static inline const char *events_of(const dyad_result *r, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < dyad_result_event_count(r); i++) {
        const dyad_event *e = dyad_result_event(r, i);
        const char *t = dyad_event_target(e);
        int w = snprintf(out + used, cap - used, "%s%s>%s:%s", i ? " " : "",
                         dyad_event_source(e), t ? t : "-", dyad_event_code(e));
        if (w < 0 || (size_t)w >= cap - used) break;
        used += (size_t)w;
    }
    return out;
}

#endif
