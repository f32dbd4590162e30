// lock_objects_lifecycle_none: synchronization objects created, used and
// destroyed by different threads, always in order:
//  - refcounted objects with their own mutex: each of four threads drops a
//    reference under the mutex; the one that drops the last destroys the
//    mutex and frees the object (ordered after every other unlock by the
//    mutex itself);
//  - a semaphore in a heap block: the poster posts, the waiter waits, then
//    destroys it and frees the block (the post is before the wait);
//  - a condition variable signalled while the mutex is held: the waiter
//    wakes, unlocks, destroys both and frees them;
//  - objects initialized by one thread and handed to another through a
//    mutex-protected pointer, used, then handed back and destroyed.
// Twenty rounds. No race.
//
// EXPECT: none
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 20

struct obj {
    pthread_mutex_t m;
    int refs;
    long data;
};

struct handoff {
    pthread_mutex_t m;
    pthread_cond_t cv;
    sem_t sem;
    pthread_rwlock_t rw;
    int ready;
};

static struct obj *objs[ROUNDS];
static struct handoff *hand[ROUNDS];
static pthread_mutex_t hand_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hand_cv = PTHREAD_COND_INITIALIZER;
static struct handoff *shared_hand;

static void drop(struct obj *o)
{
    pthread_mutex_lock(&o->m);
    o->data++;
    int last = --o->refs == 0;
    pthread_mutex_unlock(&o->m);
    if (last) {
        pthread_mutex_destroy(&o->m);
        free(o);
    }
}

static void *dropper(void *arg)
{
    for (int r = 0; r < ROUNDS; r++)
        drop(objs[r]);
    return arg;
}

/* Thread A: for each round, set up a handoff and give it to B. */
static void *producer(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        struct handoff *h = malloc(sizeof *h);
        pthread_mutex_init(&h->m, NULL);
        pthread_cond_init(&h->cv, NULL);
        sem_init(&h->sem, 0, 0);
        pthread_rwlock_init(&h->rw, NULL);
        h->ready = 0;
        pthread_mutex_lock(&hand_m);
        while (shared_hand)
            pthread_cond_wait(&hand_cv, &hand_m);
        shared_hand = h;
        pthread_cond_broadcast(&hand_cv);
        pthread_mutex_unlock(&hand_m);
        sem_post(&h->sem);
        pthread_mutex_lock(&h->m);
        h->ready = 1;
        pthread_cond_signal(&h->cv); /* under the mutex */
        pthread_mutex_unlock(&h->m);
    }
    return arg;
}

/* Thread B: take each handoff, wait for both signals, tear it down. */
static void *consumer(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&hand_m);
        while (!shared_hand)
            pthread_cond_wait(&hand_cv, &hand_m);
        struct handoff *h = shared_hand;
        shared_hand = NULL;
        pthread_cond_broadcast(&hand_cv);
        pthread_mutex_unlock(&hand_m);
        sem_wait(&h->sem);
        pthread_rwlock_rdlock(&h->rw);
        pthread_rwlock_unlock(&h->rw);
        pthread_mutex_lock(&h->m);
        while (!h->ready)
            pthread_cond_wait(&h->cv, &h->m);
        pthread_mutex_unlock(&h->m);
        pthread_cond_destroy(&h->cv);
        pthread_mutex_destroy(&h->m);
        sem_destroy(&h->sem);
        pthread_rwlock_destroy(&h->rw);
        free(h);
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS], p, c;

    for (int r = 0; r < ROUNDS; r++) {
        objs[r] = malloc(sizeof *objs[r]);
        pthread_mutex_init(&objs[r]->m, NULL);
        objs[r]->refs = THREADS;
        objs[r]->data = 0;
    }
    (void)hand;
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, dropper, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL);       /* CREATE */
    pthread_create(&c, NULL, consumer, NULL);       /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
