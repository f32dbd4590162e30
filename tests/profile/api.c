/*
 * api.c - crace.h's thread identity and label calls, built with crace-cc
 * and with a plain compiler (test_api.sh compares what it prints):
 * ids (0 for main, distinct and stable per thread, the same from another
 * file: api_other.c), the name getter and both setter spellings, labels.
 */
#include <crace.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

unsigned other_file_id(void);

static unsigned ids[3];
static char names[3][64];
static int label_rc[3];

static void *worker(void *arg)
{
    int i = (int)(long)arg;
    char name[16];
    snprintf(name, sizeof name, "w%d", i);
    if (i == 1)
        crace_thread_name(name);
    else
        crace_set_thread_name(name);
    ids[i] = crace_thread_id();
    if (crace_thread_id() != ids[i] || other_file_id() != ids[i])
        printf("unstable id in worker %d\n", i);
    snprintf(names[i], sizeof names[i], "%s", crace_thread_name());
    label_rc[i] = crace_set_label("worker", name) | crace_set_label("worker", NULL) |
                  crace_set_label("request", "7");
    crace_clear_labels();
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    printf("main id %u other %u name '%s'\n", crace_thread_id(), other_file_id(),
           crace_thread_name());
    for (long i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
        pthread_join(t[i], NULL);
    }
    int distinct = ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2] && ids[0] && ids[1] &&
                   ids[2];
    printf("workers distinct %d\n", distinct);
    for (int i = 0; i < 3; i++)
        printf("worker %d name '%s' labels %d\n", i, names[i], label_rc[i]);
    /* Too many labels: refused under crace (-1), accepted by the fallback. */
    int rc = 0;
    for (int i = 0; i < 20; i++) {
        char k[8];
        snprintf(k, sizeof k, "k%d", i);
        rc |= crace_set_label(k, "v");
    }
    printf("twenty labels %d, empty key %d\n", rc, crace_set_label("", "v"));
    crace_clear_labels();
    return 0;
}
