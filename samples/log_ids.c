/*
 * log_ids.c - the program's own log lines name the thread the way crace's
 * reports do, so a race report can be matched with the log.
 *
 * Each worker names itself, labels itself with the request it serves, and
 * prefixes every log line with crace_thread_id() and crace_thread_name():
 *
 *     [T1 worker-1] request 101: done
 *
 * The workers count finished requests in `served` without a lock: crace
 * reports the race and names the same threads ("by thread T1 "worker-1"",
 * and "Thread T1 "worker-1" (finished, labels: request=101)").
 *
 *     <build>/bin/crace-cc -g samples/log_ids.c -o log_ids
 *     ./log_ids
 *
 * The same file builds with a plain compiler (cc samples/log_ids.c
 * -pthread -Iinclude): crace.h's calls fall back to a thread number of
 * their own and an empty name, with no #ifdef.
 */
#include <crace.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static long served; /* the race: both workers update it without a lock */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* "[T1 worker-1] " then the message: the report's name for this thread. */
static void log_line(const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&log_lock);
    printf("[T%u %s] ", crace_thread_id(), crace_thread_name());
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg)
{
    int n = (int)(long)arg;
    char name[16], request[16];
    snprintf(name, sizeof name, "worker-%d", n);
    snprintf(request, sizeof request, "%d", 100 + n);
    crace_thread_name(name);
    crace_set_label("request", request);
    /* Before this thread takes any lock (log_line's): nothing orders it
     * with the other worker's update, whichever runs first. */
    served++;
    log_line("request %s: done", request);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    crace_thread_name("main");
    log_line("starting 2 workers");
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i + 1));
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    log_line("served %ld requests", served);
    return 0;
}
