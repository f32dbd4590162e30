/* Two threads call shared_add from a library loaded with dlopen: one race,
 * inside the plugin. PLUGIN is its path (set by the build). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static void (*add)(long);

static void *worker(void *arg)
{
    add(1);
    return arg;
}

int main(void)
{
    void *h = dlopen(PLUGIN, RTLD_NOW);
    if (!h) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    add = (void (*)(long))dlsym(h, "shared_add");
    pthread_t a, b;
    pthread_create(&a, 0, worker, 0);
    pthread_create(&b, 0, worker, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    dlclose(h);
    return 0;
}
