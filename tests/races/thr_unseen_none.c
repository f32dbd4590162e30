// thr_unseen_none: four threads started by uninstrumented code (libc's own
// pthread_create, thr_helper_unseen) announce themselves on their first
// instrumented access, then share a counter under a pthread mutex and hand
// a result to main through a release/acquire atomic flag. Everything they
// share is properly synchronized: no race. (Their data written before
// they were known is their own.)
//
// EXPECT: none
// LINK: thr_helper_unseen
#include <pthread.h>

#define THREADS 4

int thr_helper_spawn_unseen(pthread_t *t, void (*fn)(void *), void *arg);
int thr_helper_join_unseen(pthread_t t);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long results[THREADS];
static int done[THREADS];

static void worker(void *arg)
{
    long i = (long)arg;

    results[i] = i * 10;
    for (int k = 0; k < 1000; k++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    __atomic_store_n(&done[i], 1, __ATOMIC_RELEASE);
}

int main(void)
{
    pthread_t t[THREADS];
    long sum = 0;

    for (long i = 0; i < THREADS; i++)
        if (thr_helper_spawn_unseen(&t[i], worker, (void *)i) != 0)
            return 3;
    for (int i = 0; i < THREADS; i++) {
        while (!__atomic_load_n(&done[i], __ATOMIC_ACQUIRE))
            ;
        sum += results[i];
    }
    pthread_mutex_lock(&mu);
    sum += counter;
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < THREADS; i++)
        thr_helper_join_unseen(t[i]);
    return sum == 60 + THREADS * 1000 ? 0 : 4;
}
