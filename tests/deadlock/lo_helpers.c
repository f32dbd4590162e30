// lo_helpers: each lock is taken in a helper function that has returned by
// the time the second lock is taken. The report shows where the held lock
// was taken (inside lock_first, called from its caller), not where the
// thread is now. Two threads, run one after the other (uninstr_sync).
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 25 31 37 38
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

struct account {
    pthread_mutex_t lock;
    long balance;
};

static struct account x = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account y = {PTHREAD_MUTEX_INITIALIZER, 100};
static int first_done;

static __attribute__((noinline)) void lock_first(struct account *acc)
{
    pthread_mutex_lock(&acc->lock); /* FRAME */
}

static __attribute__((noinline)) void lock_second(struct account *acc)
{
    volatile int second = 2;        /* a body of its own: not folded with lock_first */
    pthread_mutex_lock(&acc->lock); /* FRAME */
    (void)second;
}

static __attribute__((noinline)) void transfer(struct account *from, struct account *to, long n)
{
    lock_first(from); /* FRAME */
    lock_second(to);  /* FRAME */
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
}

static void *x_to_y(void *arg)
{
    transfer(&x, &y, 10);
    crace_test_signal(&first_done);
    return arg;
}

static void *y_to_x(void *arg)
{
    crace_test_wait(&first_done);
    transfer(&y, &x, 5);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, x_to_y, NULL); /* CREATE */
    pthread_create(&t2, NULL, y_to_x, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return x.balance + y.balance == 200 ? 0 : 1;
}
