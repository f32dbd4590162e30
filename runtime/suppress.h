/*
 * suppress.h - the suppressions file (option suppressions=FILE):
 *
 *   # comment
 *   race:PATTERN            a race whose stacks have a frame whose function,
 *                           file or module matches PATTERN is not reported
 *   called_from_lib:LIB     calls into libc from library LIB are not checked
 *
 * PATTERN uses `*` as a wildcard and matches anywhere in the name (an
 * implicit `*` on both sides); `^` and `$` anchor it at the start or end.
 */
#ifndef CRACE_SUPPRESS_H
#define CRACE_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

/* Load the file. On a missing or malformed file writes one line into err
 * and returns -1. */
int suppress_load(const char *path, char *err, size_t errlen);
/* Does a race:PATTERN match this frame (any of the strings may be NULL)? */
int suppress_frame(const char *function, const char *file, const char *module);
/* Is pc inside a called_from_lib library? Cheap when there is none. */
int suppress_caller(uintptr_t pc);
/* PATTERN matches text (exported for unit tests). */
int suppress_match(const char *pattern, const char *text);

#endif
