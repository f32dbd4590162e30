// cxx_eh_none: four threads throw and catch exceptions (through C++
// frames, through an instrumented C function and out of operator new),
// with the shared total updated under a std::mutex. No race, and no
// crash of the shadow stack bookkeeping after thousands of catches.
//
// EXPECT: none
// LINK-SHARED: cxx_eh_visit.c
#include <cstdio>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

extern "C" void visit(void (*fn)(long), long n);

static std::mutex m;
static long total;
static volatile size_t huge = (size_t)1 << 62;

static void thrower(long i)
{
    if (i == 1)
        throw std::out_of_range("thrower");
}

static void deep(int n)
{
    std::vector<int> v(4, n);
    if (n == 0)
        throw std::logic_error("deep");
    deep(n - 1);
}

static void work()
{
    long caught = 0;
    for (int k = 0; k < 500; k++) {
        try {
            visit(thrower, 3);
        } catch (const std::exception &) {
            caught++;
        }
        try {
            deep(k % 7);
        } catch (const std::logic_error &) {
            caught++;
        }
    }
    try {
        ::operator delete(::operator new(huge));
    } catch (const std::bad_alloc &) {
        caught++;
    }
    std::lock_guard<std::mutex> g(m);
    total += caught;
}

int main()
{
    std::vector<std::thread> ts;
    for (int i = 0; i < 4; i++)
        ts.emplace_back(work); /* CREATE */
    for (auto &t : ts)
        t.join();
    std::printf("total = %ld\n", total);
    return 0;
}
