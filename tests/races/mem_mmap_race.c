// mem_mmap_race: main maps anonymous memory with mmap and hands it to two
// threads: T1 writes a word in the second page, T2 then reads it with no
// synchronization. mmap'd memory is checked like any other: race.
// uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 36
// RACE-FUNCS: writer reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sys/mman.h>

#include "uninstr_sync.h"

#define LEN (4 * 4096)

static int written;

static void *writer(void *arg)
{
    long *page = arg;

    page[600] = 42;
    crace_test_signal(&written);
    return NULL;
}

static void *reader(void *arg)
{
    long *page = arg;
    long seen;

    crace_test_wait(&written);
    seen = page[600];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    void *map = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (map == MAP_FAILED)
        return 1;
    pthread_create(&t1, NULL, writer, map); /* CREATE */
    pthread_create(&t2, NULL, reader, map); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    munmap(map, LEN);
    return 0;
}
