/*
 * api_old.c - a program built against the earlier crace.h, where
 * crace_thread_name(name) was a function: it calls the symbol directly and
 * its thread's name must still reach the race report.
 */
#include <pthread.h>
#include <stdio.h>

void crace_thread_name(const char *name);

static long shared;

static void *worker(void *arg)
{
    crace_thread_name("old-style");
    shared++; /* RACY */
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    shared++; /* RACY */
    pthread_join(t, NULL);
    printf("%ld\n", shared);
    return 0;
}
