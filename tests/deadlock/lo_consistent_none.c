// lo_consistent_none: eight threads take the same three locks in the same
// order (A, B, C; sometimes only A and C, or B and C) many times, at once.
// Every edge points the same way: no cycle, no report.
//
// EXPECT: none
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static long ab, ac, bc, abc;

static void *worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 2000; i++) {
        switch ((i + id) % 4) {
        case 0:
            pthread_mutex_lock(&a);
            pthread_mutex_lock(&b);
            pthread_mutex_lock(&c);
            abc++;
            pthread_mutex_unlock(&c);
            pthread_mutex_unlock(&b);
            pthread_mutex_unlock(&a);
            break;
        case 1:
            pthread_mutex_lock(&a);
            pthread_mutex_lock(&c);
            ac++;
            pthread_mutex_unlock(&c);
            pthread_mutex_unlock(&a);
            break;
        case 2:
            pthread_mutex_lock(&b);
            pthread_mutex_lock(&c);
            bc++;
            pthread_mutex_unlock(&c);
            pthread_mutex_unlock(&b);
            break;
        default:
            pthread_mutex_lock(&a);
            pthread_mutex_lock(&b);
            ab++;
            pthread_mutex_unlock(&b);
            pthread_mutex_unlock(&a);
            break;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t[8];
    for (long i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    return ab + ac + bc + abc == 8 * 2000 ? 0 : 1;
}
