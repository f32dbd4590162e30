// lo_gate_lock_none: A and B are taken in both orders, but always under the
// gate lock G: whoever holds one of them inside holds G, so the other order
// cannot be running at the same time. Edges A -> B and B -> A share the gate:
// no deadlock, no report. Four threads at once.
//
// EXPECT: none
#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n, alone[2]; /* n under the gate; alone[0] under a, alone[1] under b */

static void *worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&gate);
        pthread_mutex_t *first = (i + id) & 1 ? &a : &b;
        pthread_mutex_t *second = first == &a ? &b : &a;
        pthread_mutex_lock(first);
        pthread_mutex_lock(second);
        n++;
        pthread_mutex_unlock(second);
        pthread_mutex_unlock(first);
        pthread_mutex_unlock(&gate);
        /* and A alone, and B alone, outside the gate */
        pthread_mutex_lock(first);
        alone[first == &b]++;
        pthread_mutex_unlock(first);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return n == 4000 && alone[0] + alone[1] == 4000 ? 0 : 1;
}
