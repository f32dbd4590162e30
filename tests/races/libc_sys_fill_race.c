// libc_sys_fill_race: libc calls that fill the caller's structures are
// writes of them. Four workers each read one shared result (a timespec,
// a struct stat, a path buffer, an in_addr); later in real time (no edge)
// main refills each with clock_gettime, stat, getcwd and inet_pton. Four
// races, each between a worker's read and main's call.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 59 31
// RACE-LINES: 60 38
// RACE-LINES: 61 45
// RACE-LINES: 62 52
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "uninstr_sync.h"

static struct timespec now;
static struct stat info;
static char cwd[256];
static struct in_addr addr;
static int done[4];

static void *clock_reader(void *arg)
{
    long v = now.tv_sec; /* RACY */
    crace_test_signal(&done[0]);
    return (void *)v;
}

static void *stat_reader(void *arg)
{
    long v = (long)info.st_size; /* RACY */
    crace_test_signal(&done[1]);
    return (void *)v;
}

static void *cwd_reader(void *arg)
{
    long v = cwd[0]; /* RACY */
    crace_test_signal(&done[2]);
    return (void *)v;
}

static void *addr_reader(void *arg)
{
    long v = addr.s_addr; /* RACY */
    crace_test_signal(&done[3]);
    return (void *)v;
}

static int refill(void)
{
    int bad = clock_gettime(CLOCK_REALTIME, &now) != 0; /* RACY */
    bad |= stat("/", &info) != 0;                        /* RACY */
    bad |= getcwd(cwd, sizeof cwd) == NULL;              /* RACY */
    bad |= inet_pton(AF_INET, "10.1.2.3", &addr) != 1;   /* RACY */
    return bad;
}

int main(void)
{
    void *(*readers[4])(void *) = {clock_reader, stat_reader, cwd_reader, addr_reader};
    pthread_t t[4];

    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, readers[i], NULL); /* CREATE */
    for (int i = 0; i < 4; i++)
        crace_test_wait(&done[i]);
    int bad = refill();
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return bad;
}
