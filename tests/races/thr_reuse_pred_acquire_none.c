// thr_reuse_pred_acquire_none: detached threads run one at a time, ordered
// with nothing by main (thr_helper_seq waits invisibly). T1 fills `box`
// and unlocks `mu` (a release). T256, T511, T766 and T1021 run on T1's
// slot once crace reuses it (256 slots first, main holds slot 0); they lock
// `mu` and read `box`. The lock orders them after T1's unlock, so after its
// writes: the new owner of a slot must learn what its acquires tell it
// about its predecessor. The threads in between take and release `mu`
// without touching `box`. No race.
//
// EXPECT: none
// LINK: thr_helper_seq
#include <pthread.h>

void thr_seq_note(void);
void thr_seq_wait(void);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long box[4];

static void *worker(void *arg)
{
    long i = (long)arg, v = 0;

    if (i == 1) {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        for (int k = 0; k < 4; k++)
            box[k] = k + 1;
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
    } else if (i % 255 == 1) {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        v = box[0] + box[3];
    } else {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
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
