// cxx_new_replaced_none: the program replaces only the basic operator new
// and operator delete (blocks carry a 16-byte header with a magic word),
// as the standard allows; the array, sized and nothrow forms it did not
// replace must go through its replacements, as the C++ runtime's do (a
// form that called free directly would free a pointer into the middle of
// a block). Threads allocate with every form; counts are atomic. No race,
// no crash.
//
// EXPECT: none
// CFLAGS: -fsized-deallocation
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <thread>
#include <vector>

static std::atomic<long> news{0}, deletes{0};
static const unsigned long MAGIC = 0x5ca1ab1e0ddba11UL;

void *operator new(std::size_t n)
{
    unsigned long *h = static_cast<unsigned long *>(std::malloc(n + 16));
    if (!h)
        throw std::bad_alloc();
    h[0] = MAGIC;
    news++;
    return h + 2;
}

void operator delete(void *p) noexcept
{
    if (!p)
        return;
    unsigned long *h = static_cast<unsigned long *>(p) - 2;
    if (h[0] != MAGIC)
        std::abort();
    deletes++;
    std::free(h);
}

static void work()
{
    for (int i = 0; i < 100; i++) {
        long *a = new long(i);
        long *b = new long[8];
        long *c = new (std::nothrow) long(3);
        long *d = new (std::nothrow) long[4];
        b[7] = *a + *c;
        d[3] = b[7];
        delete a;
        delete[] b;
        delete c;
        delete[] d;
        ::operator delete(::operator new(40), 40);
        ::operator delete[](::operator new[](24), 24);
        ::operator delete(::operator new(8, std::nothrow), std::nothrow);
    }
}

int main()
{
    std::vector<std::thread> ts;
    for (int i = 0; i < 3; i++)
        ts.emplace_back(work); /* CREATE */
    for (auto &t : ts)
        t.join();
    // (compilers may elide new/delete pairs at -O2: counts vary)
    std::printf("news %s deletes\n", news.load() >= deletes.load() ? ">=" : "<");
    return 0;
}
