// mem_mmap_disjoint: main maps anonymous memory; two threads fill the two
// halves at the same time (split at an odd byte, inside one 8-byte word),
// then main checks every byte after joining them. The halves never
// overlap and the join orders main's reads. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sys/mman.h>

#define LEN (4 * 4096)
#define SPLIT (LEN / 2 + 3)

static unsigned char *map;

static void *fill(void *arg)
{
    int upper = arg != NULL;
    size_t from = upper ? SPLIT : 0, to = upper ? LEN : SPLIT;

    for (size_t i = from; i < to; i++)
        map[i] = (unsigned char)(upper + 1);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int ok = 1;

    map = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return 1;
    pthread_create(&t1, NULL, fill, NULL);     /* CREATE */
    pthread_create(&t2, NULL, fill, (void *)1); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (size_t i = 0; i < LEN; i++)
        ok &= map[i] == (i < SPLIT ? 1 : 2);
    munmap(map, LEN);
    return ok ? 0 : 1;
}
