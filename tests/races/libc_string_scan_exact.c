// libc_string_scan_exact: T1 writes bytes of shared strings past where
// T2's calls stop reading: strspn("12345abc", digits) reads bytes 0-5 (the
// span and the 'a' ending it), strpbrk stops at its match, strncasecmp at
// its bound, memccpy after the ';', strtok_r at the end of the first token
// and strcasecmp at the first difference. T1's bytes lie beyond each of
// them. No race. (uninstr_sync only fixes the order.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "uninstr_sync.h"

static _Alignas(8) char digits[16] = "12345abc";
static _Alignas(8) char text[16] = "hello world";
static _Alignas(8) char record[16] = "ab;cdefg";
static _Alignas(8) char line[16] = "one two three";
static _Alignas(8) char word[16] = "Apple pie";
static int written;

static void *writer(void *arg)
{
    digits[7] = 'z';
    text[8] = 'R';
    record[6] = 'G';
    line[6] = 'O';
    word[7] = 'I';
    crace_test_signal(&written);
    return arg;
}

static void *scanner(void *arg)
{
    char rec[16], *save;
    long r = 0;

    (void)arg;
    crace_test_wait(&written);
    r += (long)strspn(digits, "0123456789");
    r += strpbrk(text, " ") - text;
    r += strncasecmp(text, "HELLO", 5);
    r += memccpy(rec, record, ';', sizeof rec) != 0;
    r += strtok_r(line, " ", &save) == line;
    r += strcasecmp(word, "apple tart") != 0;
    return (void *)r;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL);  /* CREATE */
    pthread_create(&t2, NULL, scanner, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
