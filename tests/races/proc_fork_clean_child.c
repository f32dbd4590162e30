// proc_fork_clean_child: the parent's two threads race (one report), then
// the parent forks; the child does race-free work and calls exit(0). The
// child found nothing: it must print no summary and exit 0 (it used to
// inherit the parent's count and exit 66 with "Found 1 data race(s)"). The
// parent says what the child's status was and exits 66 for its own race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 35
// RACE-ACCESS: write write
// STDERR-HAS: child exit status 0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uninstr_sync.h"

static long shared;
static long child_work;
static int first_done;

static void *first(void *arg)
{
    shared = 1; /* RACY */
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    shared = 2; /* RACY */
    return arg;
}

static void *child_thread(void *arg)
{
    child_work += 1;
    return arg;
}

int main(void)
{
    pthread_t a, b;
    int st = 0;

    pthread_create(&a, NULL, first, NULL);  /* CREATE */
    pthread_create(&b, NULL, second, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        pthread_t c;
        pthread_create(&c, NULL, child_thread, NULL); /* CREATE */
        pthread_join(c, NULL);
        child_work += 1; /* after the join: no race */
        printf("%ld\n", child_work);
        exit(0);
    }
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return 1;
    printf("%ld %ld\n", shared, child_work);
    fprintf(stderr, "child exit status %d\n", WEXITSTATUS(st));
    return 0;
}
