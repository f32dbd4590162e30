// ann_dyn_benign_race: AnnotateBenignRaceSized covers slots[0] and slots[1]
// only (2 * sizeof(long) bytes). Two threads race on slots[0..2]; the race on
// slots[2], just past the range, is still reported, and it is the only one.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 36 26
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateBenignRaceSized(const char *file, int line, const volatile void *addr,
                             unsigned long size, const char *description);

_Alignas(64) long slots[4];
static int first_done;

static void *first(void *arg)
{
    slots[0] = 1;
    slots[1] = 1;
    slots[2] = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    slots[0] = 2;
    slots[1] = 2;
    slots[2] = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    AnnotateBenignRaceSized(__FILE__, __LINE__, &slots[0], 2 * sizeof(long), "slots 0-1");
    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("slots = %ld %ld %ld\n", slots[0], slots[1], slots[2]);
    return 0;
}
