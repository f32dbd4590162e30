// overlap: T1 writes a 2-byte short at offset 2 of a word, T2 then writes a
// 4-byte int at offset 0 of the same word. The accesses share bytes 2-3, so
// they race even though they start at different addresses. T1 goes first
// (ordered through uninstr_sync, invisible to crace).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 29
// RACE-FUNCS: write_int write_short
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "uninstr_sync.h"

union word {
    uint32_t whole;   /* bytes 0-3 */
    uint16_t half[2]; /* half[1] is bytes 2-3 */
};

_Alignas(8) union word w;
static int short_done;

static void *write_short(void *arg)
{
    (void)arg;
    w.half[1] = 0x1234;
    crace_test_signal(&short_done);
    return NULL;
}

static void *write_int(void *arg)
{
    (void)arg;
    crace_test_wait(&short_done);
    w.whole = 0xdeadbeef;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, write_short, NULL); /* CREATE */
    pthread_create(&t2, NULL, write_int, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("word = %#x\n", (unsigned)w.whole);
    return 0;
}
