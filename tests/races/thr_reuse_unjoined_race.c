// thr_reuse_unjoined_race: 300 threads come and go, then a child writes
// `result` and ends unjoined; once it is gone, main creates and joins 300
// more threads one by one (a detector may hand them the dead writer's
// identity) and reads `result`. The writer is ordered with nothing. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 51
// RACE-ACCESS: read write
// LINK: thr_helper_gone
#include <pthread.h>

#define ROUNDS 300

void thr_helper_note_self(void);
void thr_helper_wait_gone(void);

long result; /* long: alone in its 8-byte shadow granule */

static void *idle(void *arg)
{
    return arg;
}

static void *writer(void *arg)
{
    result = 42; /* RACY */
    thr_helper_note_self();
    return arg;
}

static void churn(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        pthread_t t;

        pthread_create(&t, NULL, idle, NULL); /* CREATE */
        pthread_join(t, NULL);
    }
}

int main(void)
{
    pthread_t w;
    long v;

    churn();
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    thr_helper_wait_gone();
    churn();
    v = result; /* RACY */
    pthread_join(w, NULL);
    return v == 42 ? 0 : 1;
}
