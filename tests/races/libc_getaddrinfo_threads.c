// libc_getaddrinfo_threads: four threads resolve "localhost" (loopback
// only: /etc/hosts, and AI_ADDRCONFIG makes glibc ask the kernel for the
// local addresses through its shared, refcounted check_pf cache), resolve
// a numeric address, and call gethostbyname_r(). glibc's own frees of
// blocks it allocated in another thread are ordered by its internal lock
// and refcount, which crace cannot see; they are libc's private memory
// management. The program only reads the results it owns. No race.
//
// EXPECT: none
#include <netdb.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

#define THREADS 4
#define ROUNDS 25

static long lookup(const char *host, int flags)
{
    struct addrinfo hints, *res = NULL;
    long n = 0;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    if (getaddrinfo(host, "80", &hints, &res) != 0)
        return 0;
    for (struct addrinfo *p = res; p; p = p->ai_next)
        n += p->ai_addrlen + (p->ai_canonname ? (long)strlen(p->ai_canonname) : 0);
    freeaddrinfo(res);
    return n;
}

static void *worker(void *arg)
{
    long sum = (long)arg;

    for (int i = 0; i < ROUNDS; i++) {
        struct hostent he, *found = NULL;
        char buf[2048];
        int err;

        sum += lookup("localhost", AI_ADDRCONFIG | AI_CANONNAME);
        sum += lookup("127.0.0.1", AI_NUMERICHOST);
        if (gethostbyname_r("localhost", &he, buf, sizeof buf, &found, &err) == 0 && found)
            sum += found->h_length + (long)strlen(found->h_name);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
