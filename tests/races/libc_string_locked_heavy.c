// libc_string_locked_heavy: four threads share a record buffer, a word
// list and a number table, and change them only under one mutex, with the
// string functions (strcpy, stpcpy, strcat, strncat, memccpy, mempcpy,
// strtok_r, strsep, strxfrm, strerror_r, snprintf, sscanf, strtol, qsort,
// wcscpy); outside the lock they only read constant strings (strlen,
// strcmp, strcasecmp, strspn, strcspn, strpbrk, strchr, strstr, strcoll,
// wcslen) and work on their own buffers. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define THREADS 4
#define ROUNDS 60

static const char motto[] = "alpha beta gamma delta";
static const wchar_t wmotto[] = L"wide motto";
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char record[128];
static char words[64];
static long table[32];
static wchar_t wrecord[32];

static int ascending(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return (x > y) - (x < y);
}

static long read_only(void)
{
    long n = (long)strlen(motto) + strcmp(motto, "alpha") + strcasecmp(motto, "ALPHA BETA");

    n += (long)strspn(motto, "abcdefghijklmnopqrstuvwxyz");
    n += (long)strcspn(motto, " ");
    n += strpbrk(motto, "g") - motto;
    n += strchr(motto, 'd') - motto;
    n += strstr(motto, "gamma") - motto;
    n += strcoll(motto, "beta") < 0;
    return n + (long)wcslen(wmotto);
}

static long locked_work(long id, int round)
{
    char *p, *save, *rest, copy[128], out[64];
    long n = 0, v;
    int k;

    pthread_mutex_lock(&lock);
    p = stpcpy(record, "id=");
    snprintf(p, sizeof record - 3, "%ld;round=%d;", id, round);
    strcat(record, "tail");
    strncat(record, "-more-text", 5);
    if (sscanf(record, "id=%ld;round=%d", &v, &k) == 2)
        n += v + k;
    n += strtol(record + 3, NULL, 10);
    memccpy(copy, record, ';', sizeof copy);
    mempcpy(words, "one two three", 14);
    for (p = strtok_r(words, " ", &save); p; p = strtok_r(NULL, " ", &save))
        n += (long)strlen(p);
    strcpy(copy, record);
    rest = copy;
    while ((p = strsep(&rest, ";")))
        n += p[0];
    n += (long)strxfrm(out, "xfrm", sizeof out);
    strerror_r(EACCES, out, sizeof out);
    for (int i = 0; i < 32; i++)
        table[i] = (i * 7 + id + round) % 32;
    qsort(table, 32, sizeof table[0], ascending);
    wcscpy(wrecord, L"locked wide");
    n += table[5] + out[0] + wrecord[3];
    pthread_mutex_unlock(&lock);
    return n;
}

static void *worker(void *arg)
{
    long id = (long)arg, sum = 0;
    char own[64];

    for (int i = 0; i < ROUNDS; i++) {
        sum += read_only() + locked_work(id, i);
        snprintf(own, sizeof own, "%s-%ld", motto, id);
        sum += (long)strlen(own) + strtol("123", NULL, 10);
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
