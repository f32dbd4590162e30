// mis_rwlock_upgrade: a thread holding a read-write lock for reading asks
// for it for writing: the writer waits for all readers, itself included,
// forever. Reported, the run ends with status 66.
//
// EXPECT: report
// WARNING: DOUBLE LOCK x1
// FRAME-LINES: 16 18
// TIMEOUT: 30
#include <pthread.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long value;

static void *upgrader(void *arg)
{
    pthread_rwlock_rdlock(&rw); /* FRAME */
    if (value == 0) {
        pthread_rwlock_wrlock(&rw); /* FRAME */
        value = 1;
    }
    pthread_rwlock_unlock(&rw);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, upgrader, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
