// fd_socketpair: a request/reply over a UNIX socketpair. The client fills a
// record and send()s; the server recv()s, reads the record, updates it and
// send()s back; the client recv()s the reply and reads the update. Each
// send happens before the recv that gets its bytes. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

static int sv[2];
static struct {
    int question;
    int answer;
} record;

static void *client(void *arg)
{
    char c = 'q';

    record.question = 20;
    if (send(sv[0], &c, 1, 0) != 1 || recv(sv[0], &c, 1, 0) != 1)
        perror("client");
    *(int *)arg = record.answer;
    return NULL;
}

static void *server(void *arg)
{
    char c = 0;

    if (recv(sv[1], &c, 1, 0) != 1)
        perror("server recv");
    record.answer = record.question + 22;
    if (send(sv[1], &c, 1, 0) != 1)
        perror("server send");
    return arg;
}

int main(void)
{
    pthread_t ct, st;
    int answer = 0;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    pthread_create(&st, NULL, server, NULL);  /* CREATE */
    pthread_create(&ct, NULL, client, &answer); /* CREATE */
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    printf("answer = %d\n", answer);
    return answer == 42 ? 0 : 1;
}
