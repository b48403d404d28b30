/* validate.h — the expectations of a PETRARCH validation file, for
 * `dyad validate` (SPEC §2).
 *
 *   <Environment> <Verbfile>..</Verbfile> <Actorfile>..</Actorfile> ...
 *   <Config option="require_dyad" value="false"></Config>
 *   <Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
 *   <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
 *   <EventCoding noevents="True"></EventCoding>
 *   <EventCoding error="storydiscard"></EventCoding>
 *   <Text> ... </Text> <Parse> ... </Parse>
 *   </Sentence>
 *
 * The stories themselves are read by the petrarch-xml reader (read.h);
 * this module reads what the file expects of them.  Record ids are
 * numbered the way dyad_input numbers a repeated id (#2, #3, ...), so the
 * two can be matched.  <Config> elements are kept in file order with the
 * index of the first record they precede.
 */
#ifndef DYAD_VALIDATE_H
#define DYAD_VALIDATE_H

#include <stddef.h>

#include "arena.h"

typedef struct expected_event {
    const char *source, *target, *code;   /* as written; target may be NULL */
} expected_event;

typedef struct vrecord {
    const char *id;
    const char *category;       /* NULL when absent */
    int sentence;               /* sentence="true" */
    int noevents;               /* <EventCoding noevents="True"> */
    const char *error;          /* <EventCoding error="..."> or NULL */
    expected_event *events;
    size_t n_events;
    long line;                  /* where the record starts */
} vrecord;

typedef struct vconfig {
    const char *option, *value;
    size_t before;              /* index of the first record it applies to */
} vconfig;

#define VALIDATE_MAX_ACTOR_FILES 8

typedef struct vsuite {
    const char *verbfile, *agentfile, *discardfile, *issuefile;
    const char *actorfiles[VALIDATE_MAX_ACTOR_FILES];
    size_t n_actorfiles;
    vrecord *recs;
    size_t n;
    vconfig *configs;
    size_t n_configs;
    arena *a;                   /* owns everything above */
} vsuite;

/* Reads the file; NULL with "FILE:LINE: message" in err. */
vsuite *validate_read(const char *path, char *err, size_t errlen);

/* The same from the len bytes at data; `who` names them in messages. */
vsuite *validate_parse(const char *data, size_t len, const char *who, char *err,
                       size_t errlen);
void validate_free(vsuite *v);

#endif
