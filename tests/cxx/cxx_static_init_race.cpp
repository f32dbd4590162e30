// cxx_static_init_race: the guard orders a static's initialization, not
// what threads do with it afterwards: a worker updates a field of the
// initialized static and main, later in real time only, writes the same
// field. One race, on the static.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 37 42
// RACE-ACCESS: write write
// STDERR-HAS: Location is global 'stats()::s'
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct Stats {
    long hits;
    long misses;
    Stats() : hits(0), misses(0) {}
};

static Stats &stats()
{
    static Stats s;
    return s;
}

static int updated;

int main()
{
    stats();
    auto t_body = [] {
        stats().hits = 1; /* RACY */
        crace_test_signal(&updated);
    };
    std::thread t(t_body); /* CREATE */
    crace_test_wait(&updated);
    stats().hits = 2; /* RACY */
    t.join();
    std::printf("hits = %ld\n", stats().hits);
    return 0;
}
