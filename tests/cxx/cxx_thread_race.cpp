// cxx_thread_race: two std::threads (a function with arguments and a
// lambda) write the same global; joins come after both writes. One race;
// both creation stacks point at main's std::thread lines.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 32
// RACE-ACCESS: write write
// RACE-FUNCS: set_value(long)
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

static long value;
static int first_done;

void set_value(long v)
{
    value = v; /* RACY */
    crace_test_signal(&first_done);
}

int main()
{
    std::thread a(set_value, 1L); /* CREATE */
    auto b_body = [] {
        crace_test_wait(&first_done);
        value = 2; /* RACY */
    };
    std::thread b(b_body); /* CREATE */
    a.join();
    b.join();
    std::printf("value = %ld\n", value);
    return 0;
}
