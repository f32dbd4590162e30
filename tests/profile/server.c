/*
 * server.c - a program to profile while it runs (test_http.sh): four
 * workers labelled worker=N contend on one lock (take_lock/release_lock)
 * until the file argv[1] exists (at most 60 s); thread T1 "waiter",
 * labelled request=42, is blocked in stuck() on a lock main holds.
 */
#include <crace.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static const char *stop_file;
static int stop;

__attribute__((noinline)) static void take_lock(void)
{
    pthread_mutex_lock(&big);
}

__attribute__((noinline)) static void release_lock(void)
{
    pthread_mutex_unlock(&big);
}

__attribute__((noinline)) static void stuck(void)
{
    pthread_mutex_lock(&held);
    pthread_mutex_unlock(&held);
}

static void *worker(void *arg)
{
    char v[8];
    snprintf(v, sizeof v, "%d", (int)(long)arg);
    crace_set_label("worker", v);
    for (;;) {
        take_lock();
        int done = stop;
        usleep(1000);
        release_lock();
        if (done)
            return NULL;
    }
}

static void *waiter(void *arg)
{
    crace_thread_name("waiter");
    crace_set_label("request", "42");
    stuck();
    return arg;
}

int main(int argc, char **argv)
{
    pthread_t w, t[4];
    stop_file = argc > 1 ? argv[1] : "stop";
    pthread_mutex_lock(&held);
    pthread_create(&w, NULL, waiter, NULL); /* CREATE */
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < 600 && access(stop_file, F_OK) != 0; i++)
        usleep(100000);
    pthread_mutex_lock(&big);
    stop = 1;
    pthread_mutex_unlock(&big);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_unlock(&held);
    pthread_join(w, NULL);
    printf("stopped\n");
    return 0;
}
