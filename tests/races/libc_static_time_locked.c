// libc_static_time_locked: four threads call localtime(), gmtime(),
// ctime() and asctime(), whose results live in glibc's static buffers,
// always under one mutex, and copy the results out before unlocking; they
// also use the _r forms on their own buffers without the lock. The mutex
// orders every write of the static buffers. No race.
//
// EXPECT: none
#include <pthread.h>
#include <string.h>
#include <time.h>

#define THREADS 4
#define ROUNDS 50

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    long id = (long)arg, sum = 0;

    for (int i = 0; i < ROUNDS; i++) {
        time_t when = 1000000000 + id * 7919 + i * 3600;
        struct tm mine, copy;
        char text[32], own[32];

        pthread_mutex_lock(&lock);
        copy = *localtime(&when);
        sum += gmtime(&when)->tm_hour;
        strcpy(text, ctime(&when));
        sum += asctime(&copy)[0];
        pthread_mutex_unlock(&lock);
        gmtime_r(&when, &mine);
        localtime_r(&when, &mine);
        sum += asctime_r(&mine, own)[0] + ctime_r(&when, own)[1] + text[2] + copy.tm_min;
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
