// libc_strcpy_strlen_join: libc_strcpy_strlen_race, but main joins T1
// (which strcpy()s into the buffer) before it creates T2 (which takes
// strlen() of it). The join orders the copy before the read. No race.
//
// EXPECT: none
#include <pthread.h>
#include <string.h>

static char buf[64];
static char text[16] = "hello, world";

static void *copier(void *arg)
{
    strcpy(buf, text);
    return arg;
}

static void *measurer(void *arg)
{
    (void)arg;
    return (void *)(long)strlen(buf);
}

int main(void)
{
    pthread_t t1, t2;
    void *n;

    pthread_create(&t1, NULL, copier, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_create(&t2, NULL, measurer, NULL); /* CREATE */
    pthread_join(t2, &n);
    return n == (void *)12L ? 0 : 1;
}
