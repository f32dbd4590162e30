// cxx_static_init_late_none: the main thread initializes a function-local
// static while a worker already runs; the worker calls the function later
// (real-time order from uninstr_sync, invisible to crace) and finds the
// static initialized, taking the compiler's inline fast path (an acquire
// load of the guard). That load must pick up the initializer's release:
// no race on the static's fields.
//
// EXPECT: none
// LINK: uninstr_sync
#include <cstdio>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct Registry {
    long entries[8];
    Registry()
    {
        for (int i = 0; i < 8; i++)
            entries[i] = 10 * i;
    }
};

static Registry &registry()
{
    static Registry r;
    return r;
}

static int initialized;

int main()
{
    long seen = 0;
    auto t_body = [&seen] {
        crace_test_wait(&initialized);
        seen = registry().entries[7];
    };
    std::thread t(t_body); /* CREATE */
    registry();
    crace_test_signal(&initialized);
    t.join();
    std::printf("seen = %ld\n", seen);
    return 0;
}
