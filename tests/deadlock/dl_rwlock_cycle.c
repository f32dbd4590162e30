// dl_rwlock_cycle: T1 holds a rwlock for reading and wants a mutex; T2
// holds the mutex and wants the rwlock for writing, which T1's read hold
// blocks. A cycle through a read hold.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 21 32
// STDERR-HAS: for writing held by thread T1 (for reading)
// TIMEOUT: 20
#include <pthread.h>

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;
static long table, stats;

static void *reader(void *arg)
{
    pthread_rwlock_rdlock(&table_lock);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(&stats_lock); /* BLOCKED */
    stats += table;
    pthread_mutex_unlock(&stats_lock);
    pthread_rwlock_unlock(&table_lock);
    return arg;
}

static void *writer(void *arg)
{
    pthread_mutex_lock(&stats_lock);
    pthread_barrier_wait(&both_hold_one);
    pthread_rwlock_wrlock(&table_lock); /* BLOCKED */
    table = stats;
    pthread_rwlock_unlock(&table_lock);
    pthread_mutex_unlock(&stats_lock);
    return arg;
}

int main(void)
{
    pthread_t r, w;
    pthread_barrier_init(&both_hold_one, NULL, 2);
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    return 0;
}
