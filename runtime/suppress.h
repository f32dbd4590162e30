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
 *
 * glibc itself (libc.so and the dynamic loader) is always treated as a
 * called_from_lib library. Its calls that reach our interceptors (through
 * its PLT: in glibc 2.36 only malloc, calloc, realloc and free; the loader
 * reaches malloc and free through pointers it looks up) are its private
 * work, ordered by its internal locks (tzset's, getaddrinfo's check_pf
 * cache and refcount, nss, locales, stdio's list of FILEs...), which crace
 * cannot see: libc's own memory accesses are not instrumented, so the
 * only accesses crace would record on that memory are the allocation and
 * the free it intercepts, and those could only make false reports. See
 * suppress_private_alloc.
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
/* Is pc inside glibc or a called_from_lib library? A few comparisons. */
int suppress_caller(uintptr_t pc);
/* Register glibc's code (libc.so, ld.so) for suppress_caller: found once at
 * start-up (intercept_string_init). */
void suppress_init_libc(void);

/*
 * Is this malloc-family call private memory management of glibc or of a
 * called_from_lib library (its pc is in suppress_caller's ranges)? Then a
 * new block is fresh memory (no history, not a write by the thread: the
 * program's first accesses to a block libc hands out are checked from
 * scratch) and a free is not a write (the block's next allocation clears
 * its history anyway). The exception is the block an interceptor lent to
 * libc on the caller's behalf (getline's buffer): libc reallocating that
 * one is the caller's realloc, and *pc becomes the caller's call site.
 */
int suppress_private_alloc(uintptr_t *pc, uintptr_t block);
/* Lend block to libc for the duration of one real call made at pc; returns
 * what was lent before (to restore with suppress_unlend_block). */
uintptr_t suppress_lend_block(uintptr_t block, uintptr_t pc);
void suppress_unlend_block(uintptr_t before);
/* PATTERN matches text (exported for unit tests). */
int suppress_match(const char *pattern, const char *text);

#endif
