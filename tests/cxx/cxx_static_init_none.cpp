// cxx_static_init_none: four threads race to call a function whose local
// static is built by a constructor; exactly one thread runs the
// constructor (__cxa_guard_acquire/release), the others wait for it or
// find it done, then all read its fields. The guard orders the
// constructor's writes before every reader (ThreadSanitizer agrees).
//
// EXPECT: none
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

struct Config {
    long threads;
    long limit;
    std::string name;
    Config() : threads(4), limit(1000), name("crace configuration with a long name") {}
};

static const Config &config()
{
    static Config c;
    return c;
}

static long table_sum()
{
    static long table[64] = {};
    static bool filled = [] {
        for (int i = 0; i < 64; i++)
            table[i] = i;
        return true;
    }();
    long s = filled ? 0 : -1;
    for (int i = 0; i < 64; i++)
        s += table[i];
    return s;
}

static void worker(long *out)
{
    const Config &c = config();
    *out = c.threads + c.limit + (long)c.name.size() + table_sum();
}

int main()
{
    long out[4];
    std::vector<std::thread> ts;
    for (int i = 0; i < 4; i++)
        ts.emplace_back(worker, &out[i]); /* CREATE */
    for (auto &t : ts)
        t.join();
    std::printf("%ld %ld\n", out[0], out[3]);
    return 0;
}
