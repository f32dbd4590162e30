// thr_orphan_sem_race: 600 detached threads, at most 8 alive (a semaphore
// main waits on and each worker posts first thing). The first worker writes
// `first_data` after its post: nothing ever orders that write before
// anything (nobody joins a detached thread). Every worker also writes its
// own element of `after_post` after its post, so no slot's last owner is
// ordered before main and slots change owner without order (past 256
// slots). The first worker's slot gets new owners long
// before the last worker runs, and main synchronizes with them through the
// semaphore, so main's clock (and the last worker's, which main creates)
// holds an entry for the slot above the first worker's epochs. The last
// worker's read must still race with the first worker's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 40
// RACE-ACCESS: read write
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define WORKERS 600
#define ALIVE 8

static sem_t room;
static long first_data; /* long: alone in its 8-byte shadow granule */
long seen; /* printed by main: the read stays */
long after_post[WORKERS];

static void *worker(void *arg)
{
    long i = (long)arg;
    if (i == WORKERS - 1) {
        long v;
        v = first_data; /* RACY */
        seen = v;       /* before the post: main reads it after its waits */
    }
    sem_post(&room);
    after_post[i] = 1; /* every worker: its slot's reuse is unordered */
    if (i == 0)
        first_data = 42; /* RACY */
    return 0;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sem_init(&room, 0, ALIVE);
    for (long i = 0; i < WORKERS; i++) {
        pthread_t t;
        sem_wait(&room);
        if (pthread_create(&t, &attr, worker, (void *)i) != 0) /* CREATE */
            return 1;
    }
    for (int i = 0; i < ALIVE; i++)
        sem_wait(&room);
    printf("%ld\n", seen);
    return 0;
}
