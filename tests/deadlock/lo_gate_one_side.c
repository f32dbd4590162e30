// lo_gate_one_side: T1 takes A then B under the gate G; T2 takes B then A
// without it. The gate does not keep T2 out: T1 holding G and A and T2
// holding B can deadlock. Reported.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 19 30
#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void *gated(void *arg)
{
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b); /* FRAME */
    n++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&gate);
    return arg;
}

static void *ungated(void *arg)
{
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a); /* FRAME */
    n++;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, gated, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_create(&t, NULL, ungated, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
