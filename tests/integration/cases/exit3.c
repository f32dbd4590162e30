// exit3: a race-free program whose main returns 3. crace must stay silent
// and leave the exit status alone.
//
// EXPECT: none
// EXIT: 3
#include <pthread.h>

int result;

static void *child(void *arg)
{
    result = 3;
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, child, NULL);
    pthread_join(t, NULL);
    return result;
}
