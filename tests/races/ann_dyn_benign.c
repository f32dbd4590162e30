// ann_dyn_benign: unlocked statistics, declared harmless up front:
// AnnotateBenignRaceSized covers a whole struct of counters and
// AnnotateBenignRace (one byte) a flag. Two threads race on all of them
// (real-time order from uninstr_sync). No race reported.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateBenignRaceSized(const char *file, int line, const volatile void *addr,
                             unsigned long size, const char *description);
void AnnotateBenignRace(const char *file, int line, const volatile void *addr,
                        const char *description);

struct stats {
    long calls;
    long bytes;
    int last_error;
};

_Alignas(64) struct stats stats;
_Alignas(64) char dirty;
static int first_done;

static void bump(long n)
{
    stats.calls++;
    stats.bytes += n;
    stats.last_error = (int)n;
    dirty = 1;
}

static void *first(void *arg)
{
    bump(10);
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    bump(20);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    AnnotateBenignRaceSized(__FILE__, __LINE__, &stats, sizeof stats, "statistics");
    AnnotateBenignRace(__FILE__, __LINE__, &dirty, "dirty flag");
    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("calls = %ld, bytes = %ld\n", stats.calls, stats.bytes);
    return 0;
}
