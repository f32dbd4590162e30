// dl_dump_api: crace_dump() prints every thread like Go's goroutine dump:
// four workers blocked on the mutex main holds (one stack: one block,
// "4 threads like ..."), one waiting on a condition after creating a
// helper that joins nobody and waits too, main itself running (in
// crace_dump). Then main releases everyone: not a deadlock, no report.
//
// EXPECT: none
// DUMPS: 1
// STDERR-HAS: crace: thread dump, 7 threads
// STDERR-HAS: main thread [running, in crace_dump]:
// STDERR-HAS: 4 threads like thread T1 (T1, T2, T3, T4) [blocked in pthread_mutex_lock on mutex M1
// STDERR-HAS: held by main thread
// STDERR-HAS: thread T5 "waiter" [waiting in pthread_cond_wait on condition C1
// STDERR-HAS: Mutexes held: M1
// STDERR-HAS: created by main thread at:
// STDERR-HAS: created by thread T5 "waiter" at:
// TIMEOUT: 30
#include <crace.h>
#include <pthread.h>
#include <time.h>

#define WORKERS 4
static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int started, released;

static void *worker(void *arg)
{
    pthread_mutex_lock(&big_lock);
    pthread_mutex_unlock(&big_lock);
    return arg;
}

static void *helper(void *arg)
{
    pthread_mutex_lock(&m);
    while (!released)
        pthread_cond_wait(&go, &m);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *waiter(void *arg)
{
    pthread_t h;
    crace_thread_name("waiter");
    pthread_create(&h, NULL, helper, NULL); /* CREATE */
    pthread_detach(h);
    pthread_mutex_lock(&m);
    started = 1;
    while (!released)
        pthread_cond_wait(&go, &m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t[WORKERS + 1];
    struct timespec settle = {0, 500 * 1000000L};
    pthread_mutex_lock(&big_lock);
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, NULL);   /* CREATE */
    pthread_create(&t[WORKERS], NULL, waiter, NULL); /* CREATE */
    nanosleep(&settle, NULL);                        /* let them all block */
    crace_dump();
    pthread_mutex_unlock(&big_lock);
    pthread_mutex_lock(&m);
    released = 1;
    pthread_cond_broadcast(&go);
    pthread_mutex_unlock(&m);
    for (int i = 0; i <= WORKERS; i++)
        pthread_join(t[i], NULL);
    return started ? 0 : 1;
}
