// cxx_shared_ptr_none: std::shared_ptr copies made and dropped in four
// threads; whichever drops the last reference runs the destructor, which
// writes the object. The atomic reference counts order every thread's
// use before the destruction (also through weak_ptr::lock and
// make_shared's single block). No race.
//
// EXPECT: none
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

static long destroyed;

struct Node {
    long value[4];
    explicit Node(long v) : value{v, v, v, v} {}
    ~Node()
    {
        value[0] = -1;
        __atomic_fetch_add(&destroyed, 1, __ATOMIC_RELAXED);
    }
};

int main()
{
    for (int round = 0; round < 20; round++) {
        auto shared = std::make_shared<Node>(round);
        std::shared_ptr<Node> plain(new Node(round + 100));
        std::weak_ptr<Node> weak = shared;
        std::vector<std::thread> ts;
        for (int i = 0; i < 4; i++)
            ts.emplace_back([s = shared, p = plain, weak]() mutable { /* CREATE */
                long sum = s->value[1] + p->value[2];
                if (auto again = weak.lock())
                    sum += again->value[3];
                s.reset();
                p.reset();
                if (sum < 0)
                    std::printf("impossible\n");
            });
        shared.reset();
        plain.reset();
        for (auto &t : ts)
            t.join();
    }
    std::printf("destroyed = %ld\n", destroyed);
    return 0;
}
