// proc_fork_logs: reports go to log_path files, one per process
// (log.<pid>). The parent forks three children: A races while the parent
// has found nothing; then the parent races; then B races and C does not.
// Each child's file must hold its own report and its own count ("Found 1"),
// C must write no file and exit 0, and the parent's file must hold only the
// parent's report (children used to write into the parent's file, count the
// parent's race as theirs, and exit 66). The program checks the files
// itself and says what it found on stderr; its own race makes it exit 66.
//
// EXPECT: none
// EXIT: 66
// ENV: CRACE_OPTIONS=log_path=log
// STDERR-HAS: child A: exit 66, reports 1, summary 'Found 1 data race(s)'
// STDERR-HAS: child B: exit 66, reports 1, summary 'Found 1 data race(s)'
// STDERR-HAS: child C: exit 0, no log
// STDERR-HAS: parent: reports 1, no summary yet
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uninstr_sync.h"

struct pair {
    long value;
    int done;
};

static struct pair parent_pair, child_pair;
static char text[1 << 16];

static void *parent_first(void *arg)
{
    struct pair *p = arg;
    p->value = 1; /* RACY */
    crace_test_signal(&p->done);
    return NULL;
}

static void *parent_second(void *arg)
{
    struct pair *p = arg;
    crace_test_wait(&p->done);
    p->value = 2; /* RACY */
    return NULL;
}

/* The children's race: other lines than the parent's (a child does not
 * report again a pair of lines its parent reported before the fork). */
static void *child_first(void *arg)
{
    struct pair *p = arg;
    p->value = 3; /* RACY */
    crace_test_signal(&p->done);
    return NULL;
}

static void *child_second(void *arg)
{
    struct pair *p = arg;
    crace_test_wait(&p->done);
    p->value = 4; /* RACY */
    return NULL;
}

static void race_on(struct pair *p, void *(*first)(void *), void *(*second)(void *))
{
    pthread_t a, b;
    pthread_create(&a, NULL, first, p);  /* CREATE */
    pthread_create(&b, NULL, second, p); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *q = strstr(s, needle); q; q = strstr(q + 1, needle))
        n++;
    return n;
}

/* The log of process pid, or NULL when there is none. */
static const char *read_log(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "log.%d", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    return text;
}

static void check_child(const char *name, int racy)
{
    int st = 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        exit(1);
    if (pid == 0) {
        if (racy)
            race_on(&child_pair, child_first, child_second);
        exit(0);
    }
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        exit(1);
    const char *log = read_log(pid);
    if (!log) {
        fprintf(stderr, "child %s: exit %d, no log\n", name, WEXITSTATUS(st));
        return;
    }
    const char *found = strstr(log, "Found ");
    int len = found ? (int)strcspn(found, "\n") : 0;
    fprintf(stderr, "child %s: exit %d, reports %d, summary '%.*s'\n", name, WEXITSTATUS(st),
            count(log, "WARNING: DATA RACE"), len, found ? found : "");
}

int main(void)
{
    check_child("A", 1);
    race_on(&parent_pair, parent_first, parent_second);
    check_child("B", 1);
    check_child("C", 0);
    const char *log = read_log(getpid());
    fprintf(stderr, "parent: reports %d, %s\n", log ? count(log, "WARNING: DATA RACE") : 0,
            log && strstr(log, "Found ") ? "a summary already" : "no summary yet");
    printf("%ld %ld\n", parent_pair.value, child_pair.value);
    return 0;
}
