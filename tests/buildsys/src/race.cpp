// C++ through the build system: std::threads update a shared counter in
// the static library (one race, in counter_add) and, under a std::mutex,
// a map (no race).
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "counter.h"

static std::mutex m;
static std::map<int, int> seen;

static void work(int id)
{
    counter_add(id);
    std::lock_guard<std::mutex> g(m);
    seen[id]++;
}

int main()
{
    std::thread a(work, 1), b(work, 2);
    a.join();
    b.join();
    std::printf("%ld %zu\n", counter_total(), seen.size());
    return 0;
}
