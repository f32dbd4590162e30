// libc_blocks_handoff: producer threads get memory that libc allocates
// (getaddrinfo results, asprintf strings, getline buffers, opendir
// streams) and hand it through a mutex-protected slot to consumer threads,
// which read it and give it back to libc (freeaddrinfo, free, closedir).
// Blocks libc allocates are fresh memory; the mutex orders each hand-off.
// No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <dirent.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS 2
#define ITEMS 40

struct item {
    struct addrinfo *ai;
    char *text;
    char *line;
    DIR *dir;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static struct item slot;
static int full;

static void put(const struct item *it)
{
    pthread_mutex_lock(&lock);
    while (full)
        pthread_cond_wait(&changed, &lock);
    slot = *it;
    full = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static void take(struct item *it)
{
    pthread_mutex_lock(&lock);
    while (!full)
        pthread_cond_wait(&changed, &lock);
    *it = slot;
    full = 0;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static void *producer(void *arg)
{
    long id = (long)arg;
    FILE *f = tmpfile();
    size_t cap = 0;

    if (!f)
        return NULL;
    for (int i = 0; i < ITEMS; i++)
        fprintf(f, "line %ld %d\n", id, i);
    rewind(f);
    for (int i = 0; i < ITEMS; i++) {
        struct item it = {0};
        struct addrinfo hints;

        memset(&hints, 0, sizeof hints);
        hints.ai_flags = AI_NUMERICHOST;
        if (getaddrinfo("127.0.0.1", "80", &hints, &it.ai) != 0)
            it.ai = NULL;
        if (asprintf(&it.text, "item %ld/%d", id, i) < 0)
            it.text = NULL;
        it.line = NULL;
        cap = 0;
        if (getline(&it.line, &cap, f) < 0) {
            free(it.line);
            it.line = NULL;
        }
        it.dir = opendir("/");
        put(&it);
    }
    fclose(f);
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;

    (void)arg;
    for (int i = 0; i < ITEMS; i++) {
        struct item it;
        struct dirent *d;

        take(&it);
        if (it.ai) {
            sum += it.ai->ai_family + it.ai->ai_addrlen;
            freeaddrinfo(it.ai);
        }
        if (it.text)
            sum += (long)strlen(it.text);
        if (it.line)
            sum += it.line[0];
        if (it.dir) {
            while ((d = readdir(it.dir)))
                sum += d->d_name[0];
            closedir(it.dir);
        }
        free(it.text);
        free(it.line);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t p[PAIRS], c[PAIRS];

    for (long i = 0; i < PAIRS; i++) {
        pthread_create(&p[i], NULL, producer, (void *)i); /* CREATE */
        pthread_create(&c[i], NULL, consumer, NULL);      /* CREATE */
    }
    for (int i = 0; i < PAIRS; i++) {
        pthread_join(p[i], NULL);
        pthread_join(c[i], NULL);
    }
    return 0;
}
