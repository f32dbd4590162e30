// cxx_stdlib_none: the C++ standard library used from several threads the
// way it allows: each thread formats with its own std::ostringstream
// (sharing the global locale and its facets), converts with
// std::to_string and std::stol, writes whole lines to std::cout (the
// standard streams are synchronized), grows its own containers, sorts
// through a std::function comparator, throws and catches, and hands a
// result back through a std::promise/std::future. Nothing the library
// shares between the threads may be reported.
//
// EXPECT: none
#include <algorithm>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static long work(int id)
{
    std::ostringstream os;
    std::vector<std::string> words;
    std::map<std::string, int> counts;
    for (int i = 0; i < 200; i++) {
        os.str("");
        os << "t" << id << "-" << i * 3.5 << "-" << std::hex << i;
        words.push_back(os.str() + std::to_string(i));
        counts[words.back().substr(0, 3)]++;
    }
    std::function<bool(const std::string &, const std::string &)> cmp =
        [](const std::string &a, const std::string &b) { return a.size() < b.size() || (a.size() == b.size() && a < b); };
    std::sort(words.begin(), words.end(), cmp);
    long parsed = 0;
    for (int i = 0; i < 50; i++) {
        try {
            parsed += std::stol(i % 5 ? std::to_string(i) : std::string("x"));
        } catch (const std::invalid_argument &) {
            parsed -= 1;
        }
    }
    auto owned = std::make_unique<std::vector<long>>(100, id);
    std::cout << "thread " << id << ": " << words.front() << " " << counts.size() << "\n";
    return parsed + (long)words.size() + (*owned)[99];
}

int main()
{
    std::vector<std::future<long>> results;
    std::vector<std::thread> ts;
    for (int i = 0; i < 4; i++) {
        std::promise<long> p;
        results.push_back(p.get_future());
        ts.emplace_back([i](std::promise<long> pr) { pr.set_value(work(i)); }, std::move(p)); /* CREATE */
    }
    long total = 0;
    for (auto &f : results)
        total += f.get();
    for (auto &t : ts)
        t.join();
    auto async_result = std::async(std::launch::async, [] { return work(9); });
    total += async_result.get();
    std::cout << "total " << total << std::endl;
    return 0;
}
