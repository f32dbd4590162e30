// cxx_vptr_race: a worker calls a virtual function of an object while
// main destroys it (an explicit virtual destructor call; the storage
// stays): Base's destructor resets the object's virtual pointer to Base's
// vtable, with nothing ordering that after the worker's virtual call,
// which read it. One race, on the object (its first word).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 39
// STDERR-HAS: Location is global 'storage'
// LINK: uninstr_sync
#include <cstdio>
#include <new>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

struct Base {
    // the asm may read the object: the vptr store stays at -O2
    virtual ~Base() { /* RACY */
        __asm__ __volatile__("" : : "r"(this) : "memory");
    }
    virtual long kind() const { return 1; }
};

struct Derived : Base {
    ~Derived() override {}
    long kind() const override { return 2; }
};

alignas(Derived) static unsigned char storage[sizeof(Derived)];
static int called;
static long result;

__attribute__((noinline)) static long ask(const Base *b)
{
    return b->kind(); /* RACY */
}

int main()
{
    Base *obj = new (storage) Derived;
    auto t_body = [obj] {
        result = ask(obj);
        crace_test_signal(&called);
    };
    std::thread t(t_body); /* CREATE */
    crace_test_wait(&called);
    obj->~Base();
    t.join();
    std::printf("result = %ld\n", result);
    return 0;
}
