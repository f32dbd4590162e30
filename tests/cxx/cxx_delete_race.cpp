// cxx_delete_race: a worker thread reads an object while main deletes it;
// the worker's read is not ordered before the delete. operator delete is
// a free: the race is reported against it (a write, marked free).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 35
// STDERR-HAS: (free)
// STDERR-HAS:   operator delete(void*
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct Box {
    long value;
    long pad[3];
};

static int read_done;
static long seen;

int main()
{
    Box *b = new Box{5, {0, 0, 0}};
    auto t_body = [b] {
        seen = b->value; /* RACY */
        crace_test_signal(&read_done);
    };
    std::thread t(t_body); /* CREATE */
    crace_test_wait(&read_done);
    delete b; /* RACY */
    t.join();
    std::printf("seen = %ld\n", seen);
    return 0;
}
