// lo_spin_mutex: a spinlock and a mutex taken in both orders by two threads
// that run at the same time (one after the other in real time).
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 19 20 31 32
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_spinlock_t spin;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static int spin_first_done;
static long value;

static void *spin_then_mutex(void *arg)
{
    pthread_spin_lock(&spin);   /* FRAME */
    pthread_mutex_lock(&mutex); /* FRAME */
    value++;
    pthread_mutex_unlock(&mutex);
    pthread_spin_unlock(&spin);
    crace_test_signal(&spin_first_done);
    return arg;
}

static void *mutex_then_spin(void *arg)
{
    crace_test_wait(&spin_first_done);
    pthread_mutex_lock(&mutex); /* FRAME */
    pthread_spin_lock(&spin);   /* FRAME */
    value++;
    pthread_spin_unlock(&spin);
    pthread_mutex_unlock(&mutex);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    pthread_create(&t1, NULL, spin_then_mutex, NULL); /* CREATE */
    pthread_create(&t2, NULL, mutex_then_spin, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_spin_destroy(&spin);
    return 0;
}
