// lock_munmap_large_forgets_race: as lock_munmap_forgets_race, in a mapping
// of 300 pages with the mutex on page 150 and 64 other mutexes spread over
// the other pages, all used (the unmap of many pages visits the pages that
// hold sync objects, not every page). T1 writes `x` and then releases a mutex that
// lives in an mmap'd page; main unmaps the page and maps fresh memory at the
// same address (uninstr_sync orders it after T1's unlock in real time only).
// T2 then locks the new mutex at the old address and reads `x`. The unmap
// ended the old mutex: its release must not order T1's write before T2's
// read. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 43 32
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>

#include "uninstr_sync.h"

#define PAGES 300
#define MUTEX_OFFSET (150 * 4096 + 72) /* bytes into the mapping */

long x;
static char *map;
static pthread_mutex_t *m;
static int unlocked, remapped;

static void *writer(void *arg)
{
    x = 1; /* RACY */
    pthread_mutex_lock(m);
    pthread_mutex_unlock(m);
    crace_test_signal(&unlocked);
    return arg;
}

static void *reader(void *arg)
{
    crace_test_wait(&remapped);
    pthread_mutex_lock(m);
    long v = x; /* RACY */
    pthread_mutex_unlock(m);
    return (void *)v;
}

int main(void)
{
    pthread_t a, b;
    size_t len = PAGES * 4096ul;
    map = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return 1;
    m = (pthread_mutex_t *)(map + MUTEX_OFFSET);
    pthread_mutex_init(m, 0);
    for (int i = 0; i < 64; i++) { /* neighbours, each on its own page */
        pthread_mutex_t *n = (pthread_mutex_t *)(map + (i * 4 + 2) * 4096ul + 8 * i);
        pthread_mutex_init(n, 0);
        pthread_mutex_lock(n);
        pthread_mutex_unlock(n);
    }
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    crace_test_wait(&unlocked);
    munmap(map, len);
    if (mmap(map, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        map)
        return 1;
    crace_test_signal(&remapped);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
