// cxx_new_forms_none: every form of operator new and delete (plain, array,
// nothrow, aligned, aligned nothrow, sized) in threads that each own their
// blocks, while memory is recycled between them: a block freed by one
// thread and handed out again to another carries no old history. Blocks
// passed between threads go through join. No race.
//
// EXPECT: none
// CFLAGS: -std=c++17 -fsized-deallocation
#include <cstdio>
#include <new>
#include <thread>
#include <vector>

struct alignas(128) Wide {
    long v[16];
};

static void churn(long id, long *out)
{
    long sum = 0;
    for (int round = 0; round < 200; round++) {
        long *a = new long(id);
        long *b = new long[32];
        long *c = new (std::nothrow) long(round);
        long *d = new (std::nothrow) long[8];
        Wide *w = new Wide();
        Wide *x = new (std::nothrow) Wide();
        Wide *y = new Wide[2];
        for (int i = 0; i < 32; i++)
            b[i] = i + round;
        for (int i = 0; i < 8; i++)
            d[i] = i;
        w->v[3] = *a;
        x->v[1] = *c;
        y[1].v[2] = b[31];
        sum += *a + b[31] + *c + d[7] + w->v[3] + x->v[1] + y[1].v[2];
        delete a;
        delete[] b;
        delete c;
        delete[] d;
        delete w;
        delete x;
        delete[] y;
        ::operator delete(::operator new(24), 24);                      // sized
        ::operator delete(::operator new(64, std::align_val_t(64)), 64, // sized aligned
                          std::align_val_t(64));
        ::operator delete[](::operator new[](16, std::nothrow), std::nothrow);
    }
    *out = sum;
}

int main()
{
    long sums[4] = {0, 0, 0, 0};
    std::vector<std::thread> ts;
    for (long i = 0; i < 4; i++)
        ts.emplace_back(churn, i, &sums[i]); /* CREATE */
    for (auto &t : ts)
        t.join();
    long *handed = new long[4];
    std::thread reader([handed] { handed[0] = 1; }); /* CREATE */
    reader.join();
    handed[1] = handed[0];
    delete[] handed;
    std::printf("%ld %ld %ld %ld\n", sums[0], sums[1], sums[2], sums[3]);
    return 0;
}
