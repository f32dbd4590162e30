// test_queue_cxx: the queue from C++. Two std::thread producers push 1..N
// each, two consumers pop them; the sum goes to a std::atomic, each
// consumer's count into a std::vector shared through std::shared_ptr and
// guarded by a std::mutex, and a function-local static names the test.
// Race-free: under crace it must report nothing.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "minilib.h"

namespace {

constexpr long N = 1000;

struct Tally {
    std::mutex lock;
    std::vector<long> counts;
};

const std::string &test_name()
{
    static const std::string name("test_queue_cxx"); // initialized once, by any thread
    return name;
}

void consume(queue *q, std::atomic<long> &sum, std::shared_ptr<Tally> tally)
{
    long count = 0;
    for (long i = 0; i < N; i++) {
        sum += queue_pop(q);
        count++;
    }
    std::lock_guard<std::mutex> guard(tally->lock);
    tally->counts.push_back(count);
    if (test_name().empty())
        std::abort();
}

} // namespace

int main()
{
    queue *q = queue_new(8);
    std::atomic<long> sum{0};
    auto tally = std::make_shared<Tally>();
    std::vector<std::thread> threads;
    for (int p = 0; p < 2; p++)
        threads.emplace_back([q] {
            for (long i = 1; i <= N; i++)
                queue_push(q, i);
        });
    for (int c = 0; c < 2; c++)
        threads.emplace_back(consume, q, std::ref(sum), tally);
    for (auto &t : threads)
        t.join();
    queue_free(q);
    long want = 2 * N * (N + 1) / 2;
    if (sum != want || tally->counts.size() != 2) {
        std::fprintf(stderr, "%s: sum %ld, expected %ld\n", test_name().c_str(), sum.load(), want);
        return 1;
    }
    return 0;
}
