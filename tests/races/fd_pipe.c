// fd_pipe: the writer fills a buffer, then write()s one byte into a pipe; the
// reader blocks in read() on that pipe and looks at the buffer only after the
// byte arrived. A write to a pipe happens before the read that receives it,
// so the buffer accesses are ordered. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];
static int payload[4];

static void *writer(void *arg)
{
    char c = 'p';

    for (int i = 0; i < 4; i++)
        payload[i] = i + 1;
    if (write(fds[1], &c, 1) != 1)
        perror("write");
    return arg;
}

static void *reader(void *arg)
{
    char c = 0;
    int sum = 0;

    if (read(fds[0], &c, 1) != 1)
        perror("read");
    for (int i = 0; i < 4; i++)
        sum += payload[i];
    *(int *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    int sum = 0;

    if (pipe(fds) != 0)
        return 1;
    pthread_create(&r, NULL, reader, &sum); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    printf("sum = %d\n", sum);
    return sum == 10 ? 0 : 1;
}
