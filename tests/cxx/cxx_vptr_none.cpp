// cxx_vptr_none: objects with virtual functions built before the threads
// start (their constructors write the virtual pointers) and destroyed
// after join; threads call the virtual functions concurrently (reads of
// the virtual pointer only). No race.
//
// EXPECT: none
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

struct Shape {
    virtual ~Shape() {}
    virtual long area() const = 0;
};

struct Square : Shape {
    long side;
    explicit Square(long s) : side(s) {}
    long area() const override { return side * side; }
};

struct Rect : Shape {
    long w, h;
    Rect(long a, long b) : w(a), h(b) {}
    long area() const override { return w * h; }
};

int main()
{
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 0; i < 16; i++) {
        if (i % 2)
            shapes.emplace_back(new Square(i));
        else
            shapes.emplace_back(new Rect(i, i + 1));
    }
    std::vector<long> sums(4);
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; t++)
        ts.emplace_back([&, t] { /* CREATE */
            long s = 0;
            for (int r = 0; r < 50; r++)
                for (auto &sh : shapes)
                    s += sh->area();
            sums[t] = s;
        });
    for (auto &t : ts)
        t.join();
    shapes.clear();
    std::printf("%ld\n", sums[0] + sums[3]);
    return 0;
}
