// cxx_condvar_none: a bounded queue with std::condition_variable (wait
// with a predicate, wait_for, notify_one, notify_all): two producers hand
// heap items to two consumers, who write into them. Everything goes
// through the queue's mutex. No race.
//
// EXPECT: none
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

struct Item {
    long payload[4];
};

static std::mutex m;
static std::condition_variable not_empty, not_full;
static std::deque<Item *> q;
static bool done;
static long consumed;

static void produce(int id)
{
    for (int i = 0; i < 200; i++) {
        Item *it = new Item{{id, i, 0, 0}};
        std::unique_lock<std::mutex> l(m);
        not_full.wait(l, [] { return q.size() < 8; });
        q.push_back(it);
        not_empty.notify_one();
    }
}

static void consume()
{
    for (;;) {
        std::unique_lock<std::mutex> l(m);
        while (q.empty() && !done)
            not_empty.wait_for(l, std::chrono::milliseconds(5));
        if (q.empty())
            return;
        Item *it = q.front();
        q.pop_front();
        not_full.notify_all();
        consumed++;
        l.unlock();
        it->payload[2] = it->payload[0] + it->payload[1];
        delete it;
    }
}

int main()
{
    std::vector<std::thread> ts;
    ts.emplace_back(consume);    /* CREATE */
    ts.emplace_back(consume);    /* CREATE */
    ts.emplace_back(produce, 1); /* CREATE */
    ts.emplace_back(produce, 2); /* CREATE */
    ts[2].join();
    ts[3].join();
    {
        std::lock_guard<std::mutex> g(m);
        done = true;
    }
    not_empty.notify_all();
    ts[0].join();
    ts[1].join();
    std::printf("consumed = %ld\n", consumed);
    return 0;
}
