// cxx_thread_none: std::thread start and join order everything: main
// fills a vector, threads read it and write their own slots, main reads
// the results after join; a moved-from thread object and a thread started
// from a thread. No race.
//
// EXPECT: none
#include <cstdio>
#include <thread>
#include <utility>
#include <vector>

int main()
{
    std::vector<long> input(100);
    for (int i = 0; i < 100; i++)
        input[i] = i;
    std::vector<long> out(4);
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; t++)
        ts.emplace_back([&, t] { /* CREATE */
            long s = 0;
            for (int i = t; i < 100; i += 4)
                s += input[i];
            out[t] = s;
        });
    for (auto &t : ts)
        t.join();
    long nested = 0;
    auto outer_body = [&nested] {
        long inner_result = 0;
        std::thread inner([&inner_result] { inner_result = 42; }); /* CREATE */
        std::thread moved = std::move(inner);
        moved.join();
        nested = inner_result;
    };
    std::thread outer(outer_body); /* CREATE */
    outer.join();
    std::printf("%ld %ld %ld %ld %ld\n", out[0], out[1], out[2], out[3], nested);
    return 0;
}
