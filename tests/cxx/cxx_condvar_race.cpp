// cxx_condvar_race: a consumer waits on a std::condition_variable for a
// ready flag set under the mutex, but the producer writes the payload
// after notifying, outside the lock: the consumer's read of the payload
// races with that write. One race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 42
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

static std::mutex m;
static std::condition_variable cv;
static bool ready;
static long payload;
static int late_written;

int main()
{
    long seen = 0;
    auto consumer_body = [&seen] {
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [] { return ready; });
        l.unlock();
        crace_test_wait(&late_written);
        seen = payload; /* RACY */
    };
    std::thread consumer(consumer_body); /* CREATE */
    {
        std::lock_guard<std::mutex> g(m);
        ready = true;
    }
    cv.notify_one();
    payload = 99; /* RACY */
    crace_test_signal(&late_written);
    consumer.join();
    std::printf("seen = %ld\n", seen);
    return 0;
}
