/*
 * stackdepot.h - call stacks stored once. A stack (a few call-site pcs)
 * gets a 32-bit id; equal stacks get the same id. Records that keep a
 * stack per object (heap blocks: heap.c) keep its id instead of a copy: a
 * program with half a million live blocks allocated at a handful of call
 * sites kept 72 MiB of identical 16-frame copies.
 *
 * Lock-free and never freed: stacks are only added (an id stays valid for
 * the life of the process), so readers need no lock and a signal handler
 * may add a stack while the code it interrupted is adding one.
 */
#ifndef CRACE_STACKDEPOT_H
#define CRACE_STACKDEPOT_H

#include <stdint.h>

/* The id of the stack pcs[0..n) (innermost first), adding it if new. 0 for
 * an empty stack, or when the depot is full (DEPOT_BYTES): no stack. */
uint32_t depot_put(const uintptr_t *pcs, uint32_t n);
/*
 * Copy up to max frames of stack `id` to out; returns how many. 0 for id 0
 * and for any id depot_put never returned (a record read while being
 * reused may carry one): never a crash.
 */
uint32_t depot_get(uint32_t id, uintptr_t *out, uint32_t max);
/* Bytes of stacks stored so far: tests. */
uint64_t depot_bytes(void);

#endif
