// cxx_eh_race: exceptions thrown three C++ frames deep (through objects
// with destructors) and caught, in two threads, before each writes a
// shared global: one race. gcc and clang run the frames' exits on the
// unwind paths; the catch must then leave the stack exactly as it is:
// the stacks are attempts, body.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 68 68
// RACE-STACK: attempts body(int)
// LINK: uninstr_sync
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

extern "C" {
#include "uninstr_sync.h"
}

static long shared_value;
static int first_done;

struct Guard {
    std::string name;
    explicit Guard(const char *n) : name(n) {}
    ~Guard() { name.clear(); }
};

__attribute__((noinline)) static void level3(int k)
{
    Guard g("level3");
    if (k % 3 == 0)
        throw std::runtime_error("level3");
}

__attribute__((noinline)) static void level2(int k)
{
    Guard g("level2");
    level3(k);
}

__attribute__((noinline)) static void level1(int k)
{
    level2(k + 1);
    level2(k);
}

__attribute__((noinline)) static void attempts()
{
    long caught = 0;
    for (int k = 0; k < 30; k++) {
        try {
            level1(k);
        } catch (const std::runtime_error &) {
            caught++;
        }
    }
    try {
        try {
            level1(0);
        } catch (...) {
            throw; // rethrown through attempts' own handler
        }
    } catch (const std::exception &) {
        caught++;
    }
    shared_value = caught; /* RACY */
}

__attribute__((noinline)) static void body(int first)
{
    if (!first)
        crace_test_wait(&first_done);
    attempts();
    if (first)
        crace_test_signal(&first_done);
}

int main()
{
    std::thread a(body, 1); /* CREATE */
    std::thread b(body, 0); /* CREATE */
    a.join();
    b.join();
    std::printf("%ld\n", shared_value);
    return 0;
}
