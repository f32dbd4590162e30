// cxx_static_init_shapes_none: function-local statics of other shapes than
// cxx_static_init_none, each first reached by several threads at once:
// one per instantiation of a function template, a class's static member
// function, a static built by a constructor that itself calls another
// function with a local static (nested guards), and a thread started with
// pthread_create rather than std::thread. Every initialization happens
// before every reader through its guard: no report.
//
// EXPECT: none
#include <pthread.h>

#include <cstdio>
#include <string>

template <typename T> static const T &zero_plus(T v)
{
    static T base = v * 2; // one static per T
    return base;
}

struct Registry {
    long entries[32];
    static Registry &get()
    {
        static Registry r; // a class's static member function
        return r;
    }
    Registry()
    {
        for (int i = 0; i < 32; i++)
            entries[i] = i * 3;
    }
};

static const std::string &inner_name()
{
    static std::string s("inner static, long enough for the heap");
    return s;
}

struct Outer {
    std::string label;
    Outer() : label(inner_name() + " / outer") {} // a guard inside a guard
};

static const Outer &outer()
{
    static Outer o;
    return o;
}

static void *worker(void *arg)
{
    long *out = static_cast<long *>(arg);
    long s = zero_plus<long>(21) + (long)zero_plus<double>(1.5) + zero_plus<short>(4);
    for (int i = 0; i < 32; i++)
        s += Registry::get().entries[i];
    s += (long)outer().label.size() + (long)inner_name().size();
    *out = s;
    return nullptr;
}

int main()
{
    pthread_t t[6];
    long out[6];
    for (int i = 0; i < 6; i++)
        pthread_create(&t[i], nullptr, worker, &out[i]); /* CREATE */
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], nullptr);
    std::printf("%ld %ld\n", out[0], out[5]);
    return 0;
}
