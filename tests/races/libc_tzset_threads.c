// libc_tzset_threads: four threads call tzset(), localtime_r(), mktime()
// and strftime("%Z") in a loop. glibc's tzset frees and reallocates its
// copy of the TZ string and its zone data under its own internal lock,
// which crace cannot see; those allocations and frees are libc's private
// memory management, not accesses by the program. Every buffer the program
// passes is its own. No race. (TZ is unset: then every tzset() call
// frees and copies the zone name again.)
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define THREADS 4
#define ROUNDS 40

static void *worker(void *arg)
{
    long id = (long)arg;
    long sum = 0;

    for (int i = 0; i < ROUNDS; i++) {
        time_t now = 1700000000 + id * 3600 + i;
        struct tm tm;
        char buf[64];

        tzset();
        localtime_r(&now, &tm);
        tm.tm_hour += 1;
        sum += (long)mktime(&tm);
        sum += (long)strftime(buf, sizeof buf, "%Z %H:%M %z", &tm);
        sum += buf[0];
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    unsetenv("TZ");
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
