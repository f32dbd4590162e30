// dl_none_hand_over_hand: threads walk a list with lock coupling (take the
// next node's lock before releasing the current one). Each holds one lock
// while waiting for the next, always in list order: no cycle, whatever
// the interleaving.
//
// EXPECT: none
// TIMEOUT: 60
#include <pthread.h>

#define NODES 16
#define WALKERS 4
#define ROUNDS 300

static struct node {
    pthread_mutex_t lock;
    long visits;
} nodes[NODES];

static void *walker(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&nodes[0].lock);
        for (int i = 0; i < NODES; i++) {
            nodes[i].visits++;
            if (i + 1 < NODES)
                pthread_mutex_lock(&nodes[i + 1].lock);
            pthread_mutex_unlock(&nodes[i].lock);
        }
    }
    return arg;
}

int main(void)
{
    pthread_t t[WALKERS];
    for (int i = 0; i < NODES; i++)
        pthread_mutex_init(&nodes[i].lock, NULL);
    for (int i = 0; i < WALKERS; i++)
        pthread_create(&t[i], NULL, walker, NULL); /* CREATE */
    for (int i = 0; i < WALKERS; i++)
        pthread_join(t[i], NULL);
    return nodes[NODES - 1].visits == (long)WALKERS * ROUNDS ? 0 : 1;
}
