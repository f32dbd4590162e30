// cxx_mutex_none: std::mutex with lock_guard and unique_lock, a
// std::recursive_mutex, std::shared_mutex readers and a writer, and
// std::call_once: every shared access is ordered. No race.
//
// EXPECT: none
// CFLAGS: -std=c++17
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

static std::mutex m;
static std::recursive_mutex rm;
static std::shared_mutex sm;
static std::once_flag once;
static long counter;
static long recursive_counter;
static std::map<int, long> table;
static long init_value;

static void add_recursive(int depth)
{
    std::lock_guard<std::recursive_mutex> g(rm);
    recursive_counter++;
    if (depth > 0)
        add_recursive(depth - 1);
}

static void work(int id)
{
    std::call_once(once, [] { init_value = 7; });
    for (int i = 0; i < 200; i++) {
        {
            std::lock_guard<std::mutex> g(m);
            counter += init_value;
        }
        {
            std::unique_lock<std::mutex> l(m);
            counter--;
            l.unlock();
        }
        add_recursive(2);
        if (i % 10 == 0) {
            std::unique_lock<std::shared_mutex> w(sm);
            table[i] = id;
        } else {
            std::shared_lock<std::shared_mutex> r(sm);
            auto it = table.find(i - i % 10);
            if (it != table.end() && it->second < 0)
                std::printf("impossible\n");
        }
    }
}

int main()
{
    std::vector<std::thread> ts;
    for (int i = 0; i < 4; i++)
        ts.emplace_back(work, i); /* CREATE */
    for (auto &t : ts)
        t.join();
    std::printf("%ld %ld %zu\n", counter, recursive_counter, table.size());
    return 0;
}
