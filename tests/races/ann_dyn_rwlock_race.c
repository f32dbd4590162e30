// ann_dyn_rwlock_race: the annotated spinlock of ann_dyn_rwlock, but the
// second thread forgets the annotations when it takes the lock. crace sees no
// edge from the first thread's release to it: the two updates race.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 42 31
// RACE-ACCESS: write write
// LINK: uninstr_sync ann_uninstr_lock
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateRWLockCreate(const char *file, int line, const volatile void *lock);
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *lock);
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *file, int line, const volatile void *lock, long is_w);
void ann_spin_lock(int *lock);
void ann_spin_unlock(int *lock);

static int lock;
long total;
static int first_done;

static void *annotated(void *arg)
{
    ann_spin_lock(&lock);
    AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1);
    total = 1;
    AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 1);
    ann_spin_unlock(&lock);
    crace_test_signal(&first_done);
    return arg;
}

static void *forgetful(void *arg)
{
    crace_test_wait(&first_done);
    ann_spin_lock(&lock);
    total = 2;
    ann_spin_unlock(&lock);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    AnnotateRWLockCreate(__FILE__, __LINE__, &lock);
    pthread_create(&t1, NULL, annotated, NULL); /* CREATE */
    pthread_create(&t2, NULL, forgetful, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    AnnotateRWLockDestroy(__FILE__, __LINE__, &lock);
    printf("total = %ld\n", total);
    return 0;
}
