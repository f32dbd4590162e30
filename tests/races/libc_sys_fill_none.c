// libc_sys_fill_none: four threads call the structure-filling libc calls
// (clock_gettime, time, gettimeofday, stat, lstat, fstat, fstatat, getcwd,
// realpath, readlink, uname, gethostname, inet_pton, inet_ntop, strptime)
// on their own locals, and publish a summary into a shared table under a
// mutex; main reads the table after joining. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long table[THREADS];

static long one_round(void)
{
    struct timespec ts;
    struct timeval tv;
    struct stat st;
    struct utsname u;
    struct in_addr a;
    struct tm tm = {0};
    char path[PATH_MAX], link[256], host[128], text[INET_ADDRSTRLEN];
    time_t now;
    long ok = 0;

    ok += clock_gettime(CLOCK_MONOTONIC, &ts) == 0;
    ok += time(&now) != (time_t)-1;
    ok += gettimeofday(&tv, NULL) == 0;
    ok += stat("/", &st) == 0;
    ok += lstat("/proc/self/exe", &st) == 0;
    ok += fstat(0, &st) == 0 || 1;
    ok += fstatat(AT_FDCWD, ".", &st, 0) == 0;
    ok += getcwd(path, sizeof path) != NULL;
    ok += realpath(".", path) != NULL;
    ok += readlink("/proc/self/exe", link, sizeof link) > 0;
    ok += uname(&u) == 0;
    ok += gethostname(host, sizeof host) == 0;
    ok += inet_pton(AF_INET, "192.168.1.9", &a) == 1;
    ok += inet_ntop(AF_INET, &a, text, sizeof text) != NULL;
    ok += strptime("2021-03-04", "%Y-%m-%d", &tm) != NULL;
    return ok;
}

static void *worker(void *arg)
{
    long i = (long)arg, sum = 0;

    for (int r = 0; r < 20; r++)
        sum += one_round();
    pthread_mutex_lock(&mu);
    table[i] = sum;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    long total = 0;

    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++)
        total += table[i];
    return total == THREADS * 20 * 15 ? 0 : 1;
}
