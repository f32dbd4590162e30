// thr_reuse_detached_race: detached threads run one at a time (each ends
// before the next starts, which main waits for invisibly: thr_helper_seq),
// so nothing orders them. T1 writes `first_data`. Long after T1 is gone,
// its slot (shadow identity) is handed to a new thread: crace makes 256
// slots before reusing one nobody is ordered after, so T256, T511, T766
// and T1021 run on T1's slot (main holds slot 0). They read `first_data`:
// the new owner of a slot must see its predecessor's cell as another
// thread's, unordered. One report (same pair of lines), naming T1.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 29
// RACE-ACCESS: read write
// STDERR-HAS: Previous write at
// STDERR-HAS: by thread T1:
// LINK: thr_helper_seq
#include <pthread.h>

void thr_seq_note(void);
void thr_seq_wait(void);

long first_data; /* long: alone in its 8-byte shadow granule */

static void *worker(void *arg)
{
    long i = (long)arg, v = i;

    if (i == 1)
        first_data = 42; /* RACY */
    else if (i % 255 == 1)
        v = first_data; /* RACY */
    __asm__ __volatile__("" : : "r"(v)); /* the read is used */
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
