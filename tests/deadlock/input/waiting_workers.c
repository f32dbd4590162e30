/* waiting_workers: three workers wait on a condition for three seconds,
 * then main releases them (test_dl_tools.sh sends dump_signal from outside
 * meanwhile: its handler interrupts main's sleep). Prints "released". */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define WORKERS 3
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int released;

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    while (!released)
        pthread_cond_wait(&go, &m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t[WORKERS];
    struct timespec three_seconds = {3, 0};
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    while (nanosleep(&three_seconds, &three_seconds) != 0)
        ; /* interrupted by the dump signal: sleep the rest */
    pthread_mutex_lock(&m);
    released = 1;
    pthread_cond_broadcast(&go);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    printf("released\n");
    return 0;
}
