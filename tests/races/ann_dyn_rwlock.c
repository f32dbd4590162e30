// ann_dyn_rwlock: a spinlock crace cannot see (ann_uninstr_lock, built
// without instrumentation), annotated with AnnotateRWLockCreate/Destroy and
// AnnotateRWLockAcquired/Released: is_w=1 around the writes, is_w=0 around
// the reads. Four threads update and read a shared total through it. No race.
//
// EXPECT: none
// LINK: ann_uninstr_lock
#include <pthread.h>
#include <stdio.h>

void AnnotateRWLockCreate(const char *file, int line, const volatile void *lock);
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *lock);
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *file, int line, const volatile void *lock, long is_w);
void ann_spin_lock(int *lock);
void ann_spin_unlock(int *lock);

#define THREADS 4
#define ROUNDS 1000

static int lock;
static long total;
static long last_seen[THREADS];

static void lock_acquire(long is_w)
{
    ann_spin_lock(&lock);
    AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, is_w);
}

static void lock_release(long is_w)
{
    AnnotateRWLockReleased(__FILE__, __LINE__, &lock, is_w);
    ann_spin_unlock(&lock);
}

static void *updater(void *arg)
{
    int id = *(int *)arg;

    for (int i = 0; i < ROUNDS; i++) {
        lock_acquire(1);
        total++;
        lock_release(1);
        lock_acquire(0);
        last_seen[id] = total;
        lock_release(0);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    int ids[THREADS];

    AnnotateRWLockCreate(__FILE__, __LINE__, &lock);
    for (int i = 0; i < THREADS; i++) {
        ids[i] = i;
        pthread_create(&t[i], NULL, updater, &ids[i]); /* CREATE */
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    AnnotateRWLockDestroy(__FILE__, __LINE__, &lock);
    printf("total = %ld\n", total);
    return total == THREADS * ROUNDS ? 0 : 1;
}
