// cxx_mutex_race: one thread updates a counter under a std::mutex, the
// other forgets the lock. One race, between the locked and the unlocked
// update; the locked side lists the mutex it held.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 34
// STDERR-HAS: Mutexes held: M1
// LINK: uninstr_sync
#include <cstdio>
#include <mutex>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

static std::mutex m;
static long counter;
static int locked_done;

int main()
{
    auto a_body = [] {
        {
            std::lock_guard<std::mutex> g(m);
            counter = counter + 1; /* RACY */
        }
        crace_test_signal(&locked_done);
    };
    std::thread a(a_body); /* CREATE */
    auto b_body = [] {
        crace_test_wait(&locked_done);
        counter = 5; /* RACY */
    };
    std::thread b(b_body); /* CREATE */
    a.join();
    b.join();
    std::printf("counter = %ld\n", counter);
    return 0;
}
