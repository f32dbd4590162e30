// mutex: two threads increment a shared int, every access under the same
// pthread mutex. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>

int counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *inc(void *arg)
{
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, inc, NULL);
    pthread_create(&t2, NULL, inc, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", counter);
    return counter == 2000 ? 0 : 1;
}
