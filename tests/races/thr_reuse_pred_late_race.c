// thr_reuse_pred_late_race: as thr_reuse_pred_acquire_none, but T1 writes
// `late` after its last unlock of `mu`. The readers on T1's reused slot
// (T256, T511, ...) lock `mu` and read `late`: the lock orders them after
// T1's unlock, not after the write that followed it. Race, found by the
// new owner of T1's slot and naming T1.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 28
// RACE-ACCESS: read write
// STDERR-HAS: by thread T1:
// LINK: thr_helper_seq
#include <pthread.h>

void thr_seq_note(void);
void thr_seq_wait(void);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long late; /* long: alone in its 8-byte shadow granule */

static void *worker(void *arg)
{
    long i = (long)arg, v = 0;

    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
    if (i == 1)
        late = 5; /* RACY */
    else if (i % 255 == 1) {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        __asm__ __volatile__("" ::: "memory");
        v = late; /* RACY */
    }
    __asm__ __volatile__("" : : "r"(v));
    thr_seq_note();
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long i = 1; i <= 1100; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, worker, (void *)i) != 0) /* CREATE */
            return 3;
        thr_seq_wait();
    }
    return 0;
}
