// cxx_new_array_race: an array from operator new[] and a cache-line
// aligned block from the aligned operator new, each written by a worker
// thread and read by main without synchronization: two races, each
// located in its block, allocated by the matching operator.
//
// EXPECT: race
// CFLAGS: -std=c++17
// REPORTS: 2
// RACE-LINES: 29 40
// RACE-LINES: 30 41
// STDERR-HAS:   operator new[](unsigned long)
// STDERR-HAS:   operator new(unsigned long, std::align_val_t)
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct alignas(64) Line {
    long v[8];
};

static int written;

static void fill(long *arr, Line *line)
{
    arr[3] = 7;     /* RACY */
    line->v[5] = 9; /* RACY */
    crace_test_signal(&written);
}

int main()
{
    long *arr = new long[16]();
    Line *line = new Line();
    std::thread t(fill, arr, line); /* CREATE */
    crace_test_wait(&written);
    long a = arr[3];     /* RACY */
    long b = line->v[5]; /* RACY */
    t.join();
    std::printf("%ld %ld\n", a, b);
    delete line;
    delete[] arr;
    return 0;
}
