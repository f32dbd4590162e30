// cxx_shared_ptr_race: the reference count is thread-safe, the object it
// points to is not: two threads holding copies of one std::shared_ptr
// write the same field. One race, in the block make_shared allocated.
// Both threads start before either writes: a thread that drops its copy
// releases on the count, and main taking a copy afterwards (an acq_rel
// increment) would be ordered after that thread's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 35 41
// RACE-ACCESS: write write
// STDERR-HAS: Location is heap block
// LINK: uninstr_sync
#include <cstdio>
#include <memory>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct Account {
    long balance;
    long pad[3];
};

static int first_done;
static int both_started;

int main()
{
    auto acct = std::make_shared<Account>();
    auto a_body = [acct] {
        crace_test_wait(&both_started);
        acct->balance = 10; /* RACY */
        crace_test_signal(&first_done);
    };
    std::thread a(a_body); /* CREATE */
    auto b_body = [acct] {
        crace_test_wait(&first_done);
        acct->balance = 20; /* RACY */
    };
    std::thread b(b_body); /* CREATE */
    crace_test_signal(&both_started);
    a.join();
    b.join();
    std::printf("balance = %ld\n", acct->balance);
    return 0;
}
