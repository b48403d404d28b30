/* fuzz_validate.c — libFuzzer target: the reader of PETRARCH validation
 * files' expectations (src/validate.h): any bytes give a suite or an
 * error message, never a crash or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    vsuite *v = validate_parse((const char *)data, size, "fuzz.xml", err, sizeof err);
    validate_free(v);
    return 0;
}
