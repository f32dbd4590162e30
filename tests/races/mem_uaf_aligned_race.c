// mem_uaf_aligned_race: main gets four blocks from the aligned allocators
// (posix_memalign, aligned_alloc, memalign, valloc) and checks their
// alignment and malloc_usable_size; T1 frees them all; T2, not ordered
// after the frees, writes each once: four uses after free, each racing
// with the free, each block reported as freed; then more aligned blocks
// come and go and the program ends normally.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 45 36
// RACE-LINES: 46 36
// RACE-LINES: 47 36
// RACE-LINES: 48 36
// RACE-FUNCS: freer late_writer
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "uninstr_sync.h"

#define SIZE 200

static long *b[4]; /* written before the threads exist */
static int freed;

static void *freer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 4; i++)
        free(b[i]); /* RACY */
    crace_test_signal(&freed);
    return NULL;
}

static void *late_writer(void *arg)
{
    (void)arg;
    crace_test_wait(&freed);
    b[0][1] = 1; /* RACY */
    b[1][2] = 2; /* RACY */
    b[2][3] = 3; /* RACY */
    b[3][4] = 4; /* RACY */
    return NULL;
}

static int aligned(void *p, size_t align)
{
    return p && (uintptr_t)p % align == 0 && malloc_usable_size(p) >= SIZE;
}

int main(void)
{
    pthread_t t1, t2;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    void *p;

    if (posix_memalign(&p, 64, SIZE))
        return 1;
    b[0] = p;
    b[1] = aligned_alloc(128, SIZE);
    b[2] = memalign(256, SIZE);
    b[3] = valloc(SIZE);
    if (!aligned(b[0], 64) || !aligned(b[1], 128) || !aligned(b[2], 256) || !aligned(b[3], page))
        return 1;
    pthread_create(&t1, NULL, freer, NULL);       /* CREATE */
    pthread_create(&t2, NULL, late_writer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 64; i++) {
        p = memalign(64 << (i % 4), SIZE + i);
        if (!aligned(p, 64 << (i % 4)))
            return 1;
        free(p);
    }
    return 0;
}
