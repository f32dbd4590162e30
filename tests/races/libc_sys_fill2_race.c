// libc_sys_fill2_race: more of the family. T1 writes the last byte a later
// readlink fills, T2 the struct utsname's first byte, T3 a struct tm field;
// then (real-time order, no edge) main calls readlink, uname and strptime on
// them, and T4 later reads the text inet_ntop wrote (main wrote it first,
// with no edge to T4). Four races.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 69 31
// RACE-LINES: 70 38
// RACE-LINES: 71 45
// RACE-LINES: 72 53
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "uninstr_sync.h"

static char link_text[256];
static struct utsname host;
static struct tm when;
static char text[INET_ADDRSTRLEN];
static int done[3], written, read_done;

static void *link_writer(void *arg)
{
    link_text[0] = 'x'; /* RACY */
    crace_test_signal(&done[0]);
    return arg;
}

static void *host_writer(void *arg)
{
    host.sysname[0] = 'y'; /* RACY */
    crace_test_signal(&done[1]);
    return arg;
}

static void *tm_writer(void *arg)
{
    when.tm_year = 1; /* RACY */
    crace_test_signal(&done[2]);
    return arg;
}

static void *text_reader(void *arg)
{
    crace_test_wait(&written);
    long v = text[0]; /* RACY */
    crace_test_signal(&read_done);
    return (void *)v;
}

int main(void)
{
    void *(*fns[4])(void *) = {link_writer, host_writer, tm_writer, text_reader};
    struct in_addr a = {htonl(0x7f000001)};
    pthread_t t[4];
    int bad;

    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, fns[i], NULL); /* CREATE */
    for (int i = 0; i < 3; i++)
        crace_test_wait(&done[i]);
    bad = readlink("/proc/self/exe", link_text, sizeof link_text) <= 0; /* RACY */
    bad |= uname(&host) != 0;                                           /* RACY */
    bad |= strptime("2024-05-06", "%Y-%m-%d", &when) == NULL;          /* RACY */
    bad |= inet_ntop(AF_INET, &a, text, sizeof text) == NULL;          /* RACY */
    crace_test_signal(&written);
    crace_test_wait(&read_done);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return bad;
}
