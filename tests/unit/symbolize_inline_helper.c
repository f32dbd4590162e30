/*
 * symbolize_inline_helper.c - inlined code for test_symbolize.c.
 *
 * Built with -O2 -g so that inline_callee is inlined into inline_helper and
 * the DWARF holds a DW_TAG_inlined_subroutine for it.
 */
#include <stdint.h>

#include "symbolize_inline_helper.h"

__attribute__((noinline)) uintptr_t helper_return_address(int *out, int line)
{
    *out = line;
    __asm__ volatile("" ::: "memory");
    return (uintptr_t)__builtin_return_address(0);
}

static inline __attribute__((always_inline)) uintptr_t inline_callee(int *callee_line)
{
    uintptr_t pc = helper_return_address(callee_line, __LINE__);

    /* Keeps the call above from becoming a tail call. */
    __asm__ volatile("" ::: "memory");
    return pc;
}

__attribute__((noinline)) uintptr_t inline_helper(int *callee_line, int *call_line)
{
    uintptr_t pc = inline_callee(callee_line);

    *call_line = __LINE__ - 2;
    __asm__ volatile("" ::: "memory");
    return pc;
}
