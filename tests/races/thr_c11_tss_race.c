// thr_c11_tss_race: a C11 thread's tss destructor writes `last_seen` when
// the thread ends; the thread was detached, and main reads `last_seen`
// once the thread is gone (thr_helper_gone, invisible to crace). Nothing
// orders the destructor's write before main's read. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 40 21
// RACE-ACCESS: read write
// LINK: thr_helper_gone
#include <threads.h>

void thr_helper_note_self(void);
void thr_helper_wait_gone(void);

static tss_t key;
long last_seen; /* long: alone in its 8-byte shadow granule */

static void dtor(void *p)
{
    last_seen = (long)p; /* RACY */
}

static int worker(void *arg)
{
    tss_set(key, (void *)7L);
    thr_helper_note_self();
    return arg != 0;
}

int main(void)
{
    thrd_t t;

    if (tss_create(&key, dtor) != thrd_success)
        return 3;
    thrd_create(&t, worker, NULL); /* CREATE */
    thrd_detach(t);
    thr_helper_wait_gone();
    return last_seen == 7 ? 0 : 1; /* RACY */
}
