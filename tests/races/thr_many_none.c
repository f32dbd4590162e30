// thr_many_none: 10,000 threads over one run, at most 1,000 alive at once
// (64 KiB stacks); each writes only its own slot of a heap array, and main
// reads every slot after joining them all. Create/join order everything.
// No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define TOTAL 10000
#define WINDOW 1000

static int *slots;
static int base;

static void *worker(void *arg)
{
    long i = (long)arg;

    slots[i] = base + (int)i;
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t *tids = malloc(WINDOW * sizeof *tids);
    long bad = 0;

    slots = calloc(TOTAL, sizeof *slots);
    if (!tids || !slots)
        return 2;
    base = 7;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, 64 * 1024) != 0)
        return 2;
    for (long i = 0; i < TOTAL; i++) {
        if (i >= WINDOW)
            pthread_join(tids[i % WINDOW], NULL);
        if (pthread_create(&tids[i % WINDOW], &attr, worker, (void *)i) != 0) { /* CREATE */
            fprintf(stderr, "pthread_create failed at thread %ld\n", i);
            return 3;
        }
    }
    for (long i = TOTAL - WINDOW; i < TOTAL; i++)
        pthread_join(tids[i % WINDOW], NULL);
    for (long i = 0; i < TOTAL; i++)
        bad += slots[i] != base + (int)i;
    pthread_attr_destroy(&attr);
    free(slots);
    free(tids);
    return bad == 0 ? 0 : 1;
}
