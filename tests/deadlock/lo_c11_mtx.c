// lo_c11_mtx: the same inversion with C11 mutexes (mtx_t, thrd_create):
// one thread takes first then second, another second then first.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 14 15 24 25 35
#include <threads.h>

static mtx_t first, second;
static long items;

static int forward(void *arg)
{
    mtx_lock(&first);  /* FRAME */
    mtx_lock(&second); /* FRAME */
    items++;
    mtx_unlock(&second);
    mtx_unlock(&first);
    return arg != 0;
}

static int backward(void *arg)
{
    mtx_lock(&second); /* FRAME */
    mtx_lock(&first);  /* FRAME */
    items--;
    mtx_unlock(&first);
    mtx_unlock(&second);
    return arg != 0;
}

int main(void)
{
    thrd_t t;
    mtx_init(&first, mtx_plain); /* FRAME */
    mtx_init(&second, mtx_timed);
    thrd_create(&t, forward, NULL); /* CREATE */
    thrd_join(t, NULL);
    thrd_create(&t, backward, NULL); /* CREATE */
    thrd_join(t, NULL);
    mtx_destroy(&second);
    mtx_destroy(&first);
    return 0;
}
