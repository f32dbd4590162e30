// libc_nss_locale_threads: three threads look up users and groups
// (getpwnam_r, getpwuid_r, getgrgid_r into their own buffers; getpwnam and
// getpwuid, whose results live in one static buffer, under a mutex), query
// the locale (setlocale(LC_ALL, NULL)) and switch LC_NUMERIC between "C"
// and "C.UTF-8" (glibc serializes setlocale with its own lock and frees
// the old category name, allocated by another thread), create and use C
// and POSIX locale objects (newlocale, uselocale, freelocale), and format
// times with %Z. glibc caches nss modules, locale data and zone data
// behind internal locks crace cannot see: that is libc's private work.
// No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <grp.h>
#include <locale.h>
#include <pthread.h>
#include <pwd.h>
#include <string.h>
#include <time.h>

#define THREADS 3
#define ROUNDS 25

static pthread_mutex_t pw_lock = PTHREAD_MUTEX_INITIALIZER;

static long users(void)
{
    struct passwd pw, *found = NULL;
    struct group gr, *gfound = NULL;
    char buf[2048];
    long n = 0;

    if (getpwnam_r("root", &pw, buf, sizeof buf, &found) == 0 && found)
        n += (long)strlen(found->pw_dir);
    if (getpwuid_r(0, &pw, buf, sizeof buf, &found) == 0 && found)
        n += (long)strlen(found->pw_name);
    if (getgrgid_r(0, &gr, buf, sizeof buf, &gfound) == 0 && gfound)
        n += (long)strlen(gfound->gr_name);
    pthread_mutex_lock(&pw_lock);
    struct passwd *p = getpwnam("root");
    if (p)
        n += (long)strlen(p->pw_shell);
    p = getpwuid(0);
    if (p)
        n += p->pw_uid;
    pthread_mutex_unlock(&pw_lock);
    return n;
}

static long locales(long id)
{
    long n = 0;
    const char *cur = setlocale(LC_ALL, NULL);

    setlocale(LC_NUMERIC, id & 1 ? "C.UTF-8" : "C");
    locale_t loc = newlocale(LC_ALL_MASK, id & 1 ? "C" : "POSIX", (locale_t)0);

    n += cur != NULL;
    if (loc) {
        locale_t old = uselocale(loc);
        n += strcoll("abc", "abd") < 0;
        uselocale(old);
        freelocale(loc);
    }
    return n;
}

static long times(long id)
{
    time_t when = 1600000000 + id * 86400;
    struct tm tm;
    char buf[64];

    gmtime_r(&when, &tm);
    return (long)strftime(buf, sizeof buf, "%Y-%m-%d %Z", &tm);
}

static void *worker(void *arg)
{
    long id = (long)arg, sum = 0;

    for (int i = 0; i < ROUNDS; i++)
        sum += users() + locales(id + i) + times(id);
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
