// mis_double_lock_spin: a spinlock taken again by its holder would spin
// forever: reported, the run ends with status 66.
//
// EXPECT: report
// WARNING: DOUBLE LOCK x1
// FRAME-LINES: 14 15
// TIMEOUT: 30
#include <pthread.h>

static pthread_spinlock_t s;

static void *worker(void *arg)
{
    pthread_spin_lock(&s); /* FRAME */
    pthread_spin_lock(&s); /* FRAME */
    pthread_spin_unlock(&s);
    return arg;
}

int main(void)
{
    pthread_spin_init(&s, PTHREAD_PROCESS_PRIVATE);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
