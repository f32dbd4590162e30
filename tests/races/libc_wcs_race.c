// libc_wcs_race: T1 changes a character of a shared wide string; T2 then
// measures it with wcslen() and copies another T1 changed with wcscpy():
// each reads the character T1 wrote (wcslen with its terminator, 4 bytes a
// character): two races.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 24 37
// RACE-LINES: 25 38
// RACE-FUNCS: writer user
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <wchar.h>

#include "uninstr_sync.h"

static wchar_t wide[16] = L"wide text";
static wchar_t other[16] = L"other";
static int written;

static void *writer(void *arg)
{
    wide[6] = L'X';  /* RACY */
    other[2] = L'H'; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *user(void *arg)
{
    wchar_t copy[16];
    long n;

    (void)arg;
    crace_test_wait(&written);
    n = (long)wcslen(wide); /* RACY */
    wcscpy(copy, other);    /* RACY */
    return (void *)(n + wcscmp(copy, L"otHer"));
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, user, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
