/*
 * counter_mutex.c - counter.c fixed with a mutex: every increment happens
 * while holding `lock`, so the two threads never touch `counter` at the
 * same time.
 *
 *     <build>/bin/crace-cc -g samples/counter_mutex.c -o counter_mutex
 *     ./counter_mutex
 *
 * crace stays silent and the program prints 2000 and exits with status 0.
 */
#include <pthread.h>
#include <stdio.h>

int counter;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *inc(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, inc, NULL);
    pthread_create(&t2, NULL, inc, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", counter);
    return 0;
}
