// cxx_atomic_race: a flag published with a relaxed std::atomic store
// orders nothing: the reader's acquire load sees the flag but not the
// writer's plain write of the data. One race, on the data.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 25
// RACE-ACCESS: read write
#include <atomic>
#include <cstdio>
#include <thread>

static long data;
static std::atomic<int> flag{0};

int main()
{
    long seen = 0;
    auto reader_body = [&seen] {
        while (flag.load(std::memory_order_acquire) == 0)
            std::this_thread::yield();
        seen = data; /* RACY */
    };
    std::thread reader(reader_body); /* CREATE */
    data = 42; /* RACY */
    flag.store(1, std::memory_order_relaxed);
    reader.join();
    std::printf("seen = %ld\n", seen);
    return 0;
}
