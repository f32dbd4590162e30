// cxx_eh_c_frame_race: each of two threads throws, 50 times, a C++
// exception out of a callback through an instrumented C function (no
// unwind cleanups, so its exit is never seen) and catches it, then makes
// one more failed allocation (operator new throws std::bad_alloc), then
// writes a shared global: one race. The stacks must be exactly
// attempts, body: the exceptions left no stale frames behind.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 49 49
// RACE-STACK: attempts body(int)
// LINK-SHARED: cxx_eh_visit.c
// LINK: uninstr_sync
#include <cstdio>
#include <new>
#include <stdexcept>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
void visit(void (*fn)(long), long n);
}

static long shared_value;
static int first_done;
static thread_local long caught;
static volatile size_t huge = (size_t)1 << 62;

static void thrower(long i)
{
    if (i == 2)
        throw std::runtime_error("stop");
}

__attribute__((noinline)) static void attempts()
{
    for (int k = 0; k < 50; k++) {
        try {
            visit(thrower, 5);
        } catch (const std::exception &) {
            caught++;
        }
    }
    try {
        ::operator delete(::operator new(huge));
    } catch (const std::bad_alloc &) {
        caught++;
    }
    shared_value = caught; /* RACY */
}

__attribute__((noinline)) static void body(int first)
{
    if (!first)
        crace_test_wait(&first_done);
    attempts();
    if (first)
        crace_test_signal(&first_done);
}

int main()
{
    std::thread a(body, 1); /* CREATE */
    std::thread b(body, 0); /* CREATE */
    a.join();
    b.join();
    std::printf("%ld\n", shared_value);
    return 0;
}
