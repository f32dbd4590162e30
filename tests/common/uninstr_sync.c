/*
 * uninstr_sync.c - see uninstr_sync.h. This file is a helper, not a test
 * case (it has no EXPECT directive). It must be compiled without
 * -fsanitize=thread: the __atomic builtins below are then plain machine
 * instructions that crace never observes.
 */
#include <sched.h>

#include "uninstr_sync.h"

void crace_test_signal(int *flag)
{
    __atomic_store_n(flag, 1, __ATOMIC_RELEASE);
}

void crace_test_wait(int *flag)
{
    while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
        sched_yield();
}
