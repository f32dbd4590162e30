// thr_c11_mtx_init_race: the C11 form of lock_mutex_init_race. T1
// initializes an mtx_t with mtx_init; T2 then locks it, with nothing
// ordering the lock after the init (uninstr_sync only puts it later in real
// time). mtx_init writes the mutex, mtx_lock reads it: one race, on the
// mutex itself.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 23
// RACE-ACCESS: read write
// STDERR-HAS: Atomic read at
// STDERR-HAS: Location is global 'lock'
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

mtx_t lock;
static int initialized;

static int initializer(void *arg)
{
    mtx_init(&lock, mtx_plain); /* RACY */
    crace_test_signal(&initialized);
    return arg != 0;
}

static int user(void *arg)
{
    crace_test_wait(&initialized);
    mtx_lock(&lock); /* RACY */
    mtx_unlock(&lock);
    return arg != 0;
}

int main(void)
{
    thrd_t t1, t2;

    thrd_create(&t1, initializer, NULL); /* CREATE */
    thrd_create(&t2, user, NULL);        /* CREATE */
    thrd_join(t1, NULL);
    thrd_join(t2, NULL);
    mtx_destroy(&lock);
    return 0;
}
