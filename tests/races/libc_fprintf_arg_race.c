// libc_fprintf_arg_race: T1 renames a shared name; T2 then prints it with
// fprintf("<%s>") to a stream and with dprintf("%s!") to a descriptor.
// Each reads the %s argument up to its terminator: races with T1's write
// (each pair reported once).
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 29 41
// RACE-LINES: 30 42
// RACE-FUNCS: renamer printer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

static char name[24] = "initial";
static char other[24] = "another";
static FILE *sink;
static int sink_fd;
static int renamed;

static void *renamer(void *arg)
{
    (void)arg;
    name[2] = 'X';  /* RACY */
    other[5] = 'Y'; /* RACY */
    crace_test_signal(&renamed);
    return NULL;
}

static void *printer(void *arg)
{
    int n;

    (void)arg;
    crace_test_wait(&renamed);
    n = fprintf(sink, "<%s>\n", name);     /* RACY */
    n += dprintf(sink_fd, "%s!\n", other); /* RACY */
    return (void *)(long)n;
}

int main(void)
{
    pthread_t t1, t2;

    sink = fopen("/dev/null", "w");
    sink_fd = open("/dev/null", O_WRONLY);
    if (!sink || sink_fd < 0)
        return 1;
    pthread_create(&t1, NULL, renamer, NULL); /* CREATE */
    pthread_create(&t2, NULL, printer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(sink);
    close(sink_fd);
    return 0;
}
