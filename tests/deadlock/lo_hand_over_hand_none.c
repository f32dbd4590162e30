// lo_hand_over_hand_none: four threads walk a linked list with
// hand-over-hand locking (lock the next node, then release the current
// one), always from head to tail: edges node i -> node i+1 only, never
// back. Many edges, no cycle.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long value;
    struct node *next;
};

static struct node *head;

static void *walker(void *arg)
{
    for (int round = 0; round < 200; round++) {
        struct node *cur = head;
        pthread_mutex_lock(&cur->lock);
        while (cur->next) {
            struct node *next = cur->next;
            pthread_mutex_lock(&next->lock);
            next->value += cur->value & 1;
            pthread_mutex_unlock(&cur->lock);
            cur = next;
        }
        cur->value++;
        pthread_mutex_unlock(&cur->lock);
    }
    return arg;
}

int main(void)
{
    for (int i = 0; i < 16; i++) {
        struct node *n = calloc(1, sizeof *n);
        pthread_mutex_init(&n->lock, NULL);
        n->value = i;
        n->next = head;
        head = n;
    }
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, walker, NULL); /* CREATE */
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    while (head) {
        struct node *n = head;
        head = n->next;
        pthread_mutex_destroy(&n->lock);
        free(n);
    }
    return 0;
}
