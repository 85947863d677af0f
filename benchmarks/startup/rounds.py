#!/usr/bin/env python3
"""Issue 17: start-up wall time (ms) and CPU of one application, variants alternating round by round.

    benchmarks/startup/rounds.py APP ROUNDS NAME=JVM-ARGS...

APP: toy (bench.app.StartupApp, start to exit), demo (the demo's QuickLook, start to exit) or
spring (the Spring Boot + JPA fixture, start to "Started PetclinicApplication"). Needs the
benchmarks, demo-app or integration-tests/spring-app built. Prints median and mean per variant,
and the median's difference from the first variant's. Run from the repository root, e.g.

    benchmarks/startup/rounds.py toy 15 none= \\
        agent=-javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules.yaml
"""
import resource, shlex, statistics, subprocess, sys, time

APPS = {
    "toy": (["-cp", "benchmarks/target/classes", "bench.app.StartupApp"], None),
    "demo": (["-jar", "demo-app/target/demo-app.jar", "--demo", "--db-latency-ms", "0"], None),
    "spring": (["-jar", "integration-tests/spring-app/target/spring-app.jar", "--server.port=0", "--spring.jmx.enabled=false"],
               "Started PetclinicApplication"),
}


def run(args, app, until):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    if until is None:
        subprocess.run(["java"] + args + app, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    else:
        process = subprocess.Popen(["java"] + args + app, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in process.stdout:
            if until in line:
                break
        else:
            raise SystemExit(f"never printed {until!r}: java {' '.join(args + app)}")
        wall = (time.perf_counter() - began) * 1000
        process.kill()
        process.wait()
        return wall, None  # the CPU of a killed server says nothing about its start
    wall = (time.perf_counter() - began) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def main():
    app, until = APPS[sys.argv[1]]
    rounds = int(sys.argv[2])
    variants = [v.split("=", 1) for v in sys.argv[3:]]
    results = {name: [] for name, _ in variants}
    for _ in range(rounds):
        for name, args in variants:
            results[name].append(run(shlex.split(args), app, until))
    first = statistics.median(w for w, _ in results[variants[0][0]])
    for name, values in results.items():
        walls = [w for w, _ in values]
        cpus = [c for _, c in values if c is not None]
        cpu = f", cpu mean {statistics.mean(cpus):.0f} ms" if cpus else ""
        print(f"{name:12s} wall median {statistics.median(walls):7.1f} ms ({statistics.median(walls) - first:+7.1f}),"
              f" mean {statistics.mean(walls):7.1f}{cpu}, n={len(values)}")


if __name__ == "__main__":
    main()
