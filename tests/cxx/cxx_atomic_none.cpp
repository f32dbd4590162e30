// cxx_atomic_none: std::atomic publication: a release store of a flag
// after filling a buffer, acquire loads before reading it; a
// compare_exchange spin lock guarding a counter; fetch_add counters and
// an acquire fence after a relaxed load. No race.
//
// EXPECT: none
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

static long buffer[32];
static std::atomic<bool> published{false};
static std::atomic<int> spin{0};
static long guarded;
static std::atomic<long> hits{0};
static long fenced_data;
static std::atomic<int> fenced_flag{0};

static void lock()
{
    int expected = 0;
    while (!spin.compare_exchange_weak(expected, 1, std::memory_order_acquire))
        expected = 0;
}

static void unlock()
{
    spin.store(0, std::memory_order_release);
}

int main()
{
    std::vector<std::thread> ts;
    for (int t = 0; t < 3; t++)
        ts.emplace_back([] { /* CREATE */
            while (!published.load(std::memory_order_acquire))
                std::this_thread::yield();
            long s = 0;
            for (long v : buffer)
                s += v;
            for (int i = 0; i < 100; i++) {
                lock();
                guarded += s > 0;
                unlock();
                hits.fetch_add(1, std::memory_order_relaxed);
            }
            while (fenced_flag.load(std::memory_order_relaxed) == 0)
                std::this_thread::yield();
            std::atomic_thread_fence(std::memory_order_acquire);
            s += fenced_data;
        });
    for (int i = 0; i < 32; i++)
        buffer[i] = i;
    published.store(true, std::memory_order_release);
    fenced_data = 5;
    std::atomic_thread_fence(std::memory_order_release);
    fenced_flag.store(1, std::memory_order_relaxed);
    for (auto &t : ts)
        t.join();
    std::printf("%ld %ld\n", guarded, hits.load());
    return 0;
}
