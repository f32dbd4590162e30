// cxx_new_race: main allocates a counter with operator new and starts a
// thread; both write it with nothing ordering the writes after the
// thread's start. The location names the allocation: operator new, called
// from main.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 26 31
// RACE-ACCESS: write write
// STDERR-HAS: allocated by main thread:
// STDERR-HAS:   operator new(unsigned long)
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

static int first_done;

int main()
{
    long *counter = new long(0);
    auto t_body = [counter] {
        *counter = 1; /* RACY */
        crace_test_signal(&first_done);
    };
    std::thread t(t_body); /* CREATE */
    crace_test_wait(&first_done);
    *counter = 2; /* RACY */
    t.join();
    std::printf("counter = %ld\n", *counter);
    delete counter;
    return 0;
}
