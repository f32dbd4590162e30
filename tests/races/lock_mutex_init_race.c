// lock_mutex_init_race: T1 initializes a mutex with pthread_mutex_init; T2
// then locks it, with nothing ordering the lock after the init (uninstr_sync
// only puts it later in real time). The init writes the mutex, the lock
// reads it: one race, on the mutex itself.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 22
// RACE-ACCESS: read write
// STDERR-HAS: Atomic read at
// STDERR-HAS: Location is global 'lock'
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

pthread_mutex_t lock;
static int initialized;

static void *initializer(void *arg)
{
    pthread_mutex_init(&lock, NULL); /* RACY */
    crace_test_signal(&initialized);
    return arg;
}

static void *user(void *arg)
{
    crace_test_wait(&initialized);
    pthread_mutex_lock(&lock); /* RACY */
    pthread_mutex_unlock(&lock);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, initializer, NULL); /* CREATE */
    pthread_create(&t2, NULL, user, NULL);        /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_mutex_destroy(&lock);
    return 0;
}
