#!/usr/bin/env python3
"""Turns a benchmarks/compare run (raw.csv + meta.txt in the output folder) into results.md, summary.csv and,
when gnuplot is installed, compare.png. Standard library only. Usage: compare-report.py OUT_DIR

Every figure is paired by round: round r of a configuration is divided by (or subtracted from) round r of
"none", measured minutes apart in the same alternation, and the table shows min / median / max of those
per-round ratios. That cancels most of the drift of a shared machine, which plain medians of each column
would not.
"""
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

CONFIGS = ["none", "ct-agent", "otel"]
CONFIG_LABEL = {"none": "no agent", "ct-agent": "ct-agent", "otel": "OpenTelemetry 2.33.1"}
COLOR = {"none": 0x9E9E9E, "ct-agent": 0x2E7D32, "otel": 0x1565C0}
APP_TITLE = {
    "spring": "Spring Boot 3: GET /owners/7/document (Spring MVC + one AWS SDK v2 S3 HeadObject to a local endpoint)",
    "jetty": "Bare servlet: GET /hello on embedded Jetty 9.4 (javax-jetty test app)",
    "hello": "Hello-world JVM (java Hello, no servlet, no SDK)",
}
APP_SHORT = {"spring": "Spring Boot 3 + S3 call", "jetty": "Jetty hello servlet"}

# metric -> (label, unit, show the difference next to the ratio, decimals of absolute values)
# "{rate}" and "{conns}" are filled in per app.
METRICS = {
    "sat_rps": ("requests/s at saturation ({conns} connections)", "req/s", False, 0),
    "sat_p50_ms": ("p50 latency at saturation", "ms", False, 2),
    "sat_p99_ms": ("p99 latency at saturation", "ms", False, 2),
    "rate_rps": ("requests/s achieved at the fixed rate ({rate} req/s asked)", "req/s", False, 0),
    "rate_p50_ms": ("p50 latency at {rate} req/s", "ms", False, 2),
    "rate_p99_ms": ("p99 latency at {rate} req/s", "ms", False, 2),
    "sat_cpu_per_100k": ("CPU s per 100 000 requests, at saturation", "s", True, 2),
    "rate_cpu_per_100k": ("CPU s per 100 000 requests, at {rate} req/s", "s", True, 2),
    "writer_cpu_per_100k": ("  of which ct-agent's writer thread", "s", False, 2),
    "rss_mib": ("RSS after load", "MiB", True, 0),
    "heap_used_mib": ("heap used after load (jstat, garbage included)", "MiB", True, 0),
    "live_heap_mib": ("live heap after a full GC (one sample)", "MiB", True, 1),
    "threads": ("threads after load", "", True, 0),
    "ttfr_ms": ("time to first successful response", "ms", True, 0),
    "ready_ms": ("time to the READY line", "ms", True, 0),
    "hello_ms": ("hello-world JVM run, median of the round's runs", "ms", True, 0),
}
ORDER = ["sat_rps", "sat_p50_ms", "sat_p99_ms", "rate_rps", "rate_p50_ms", "rate_p99_ms", "sat_cpu_per_100k",
         "writer_cpu_per_100k", "rate_cpu_per_100k", "rss_mib", "heap_used_mib", "live_heap_mib", "threads", "ttfr_ms", "ready_ms",
         "hello_ms"]
DIFF_ONLY = {"threads"}   # "threads added" is the figure; a ratio of thread counts says little


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def read_data(path):
    data = defaultdict(dict)   # (app, metric, config) -> {round: value}
    with open(path) as f:
        for row in csv.DictReader(f):
            data[(row["app"], row["metric"], row["config"])][int(row["round"])] = float(row["value"])
    return data


def fmt(v, decimals):
    if decimals == 0:
        return f"{v:,.0f}".replace(",", "\u202f")   # narrow no-break space as thousands separator
    return f"{v:.{decimals}f}"


def signed(v, decimals):
    return ("+" if v >= 0 else "\u2212") + fmt(abs(v), decimals)


def paired(data, app, metric, config):
    """Per-round (ratio, difference) of config against none, over the rounds both have."""
    base = data.get((app, metric, "none"), {})
    other = data.get((app, metric, config), {})
    rounds = sorted(set(base) & set(other))
    ratios = [other[r] / base[r] for r in rounds if base[r] != 0]
    diffs = [other[r] - base[r] for r in rounds]
    return ratios, diffs


def triple(values, render):
    if not values:
        return "–"
    lo, med, hi = min(values), statistics.median(values), max(values)
    if len(values) == 1:
        return f"**{render(med)}**"
    return f"{render(lo)} / **{render(med)}** / {render(hi)}"


def label(metric, meta, app):
    return METRICS[metric][0].format(rate=meta.get(f"rate_{app}", "?"), conns=meta.get("connections", "?"))


def metrics_of(data, app):
    present = {m for (a, m, _) in data if a == app}
    return [m for m in ORDER if m in present]


def ratio_table(data, meta, app, summary):
    lines = [f"| metric | no agent (median) | ct-agent ÷ no agent | OpenTelemetry ÷ no agent |",
             "|---|--:|--:|--:|"]
    for m in metrics_of(data, app):
        _, unit, show_diff, dec = METRICS[m]
        base = list(data.get((app, m, "none"), {}).values())
        if not base:   # a figure only one configuration has (the writer thread's CPU): absolute values
            cells = [" ".join(filter(None, [triple(list(data.get((app, m, c), {}).values()),
                                                    lambda v: fmt(v, dec)), unit])) if (app, m, c) in data else "–"
                     for c in CONFIGS]
            lines.append(f"| {label(m, meta, app)} (absolute) | " + " | ".join(cells) + " |")
            continue
        cells = [f"{fmt(statistics.median(base), dec)} {unit}".strip()]
        for c in ("ct-agent", "otel"):
            ratios, diffs = paired(data, app, m, c)
            if m in DIFF_ONLY:
                cell = triple(diffs, lambda v: signed(v, dec))
            else:
                cell = triple(ratios, lambda v: f"{v:.2f}")
                if show_diff and diffs:
                    cell += f" ({signed(statistics.median(diffs), dec)} {unit})".replace(" )", ")")
            cells.append(cell)
            for kind, values in (("ratio", ratios), ("diff", diffs)):
                if values:
                    summary.append([app, m, c, kind, len(values), f"{min(values):.4g}",
                                    f"{statistics.median(values):.4g}", f"{max(values):.4g}"])
        lines.append(f"| {label(m, meta, app)} | " + " | ".join(cells) + " |")
    return lines


def absolute_table(data, meta, app):
    lines = ["| metric | " + " | ".join(CONFIG_LABEL[c] for c in CONFIGS) + " |", "|---|--:|--:|--:|"]
    for m in metrics_of(data, app):
        _, unit, _, dec = METRICS[m]
        cells = []
        for c in CONFIGS:
            v = list(data.get((app, m, c), {}).values())
            cells.append(f"{fmt(statistics.median(v), dec)}" if v else "–")
        lines.append(f"| {label(m, meta, app)}{' (' + unit + ')' if unit else ''} | " + " | ".join(cells) + " |")
    return lines


def added_threads(out, app, config):
    """Thread names (with counts) that config's JVM has beyond the no-agent JVM's, or None without the files."""
    def names(c):
        path = os.path.join(out, "raw", f"threads-{app}-{c}.txt")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            # Numbers (hex ones too) become "#": pool ids and identity hashes differ from JVM to JVM, so
            # qtp1751075886-12 and qtp2010545395-12, or Connector-Scheduler-5e9f23b4-1 and ...-1a2b3c4d-1, match.
            return Counter(re.sub(r"[0-9a-fA-F]*\d[0-9a-fA-F]*", "#", line.strip()) for line in f if line.strip())
    base, other = names("none"), names(config)
    if base is None or other is None:
        return None
    extra = other - base
    return ", ".join(f"`{n}`" + (f" ×{k}" if k > 1 else "") for n, k in sorted(extra.items()))


def write_markdown(out, data, meta, summary):
    apps = [a for a in ("spring", "jetty", "hello") if any(k[0] == a for k in data)]
    md = ["# Overhead side by side: no agent, ct-agent, OpenTelemetry's Java agent", ""]
    md += ["Each cell is **min / median / max over the rounds** of the per-round ratio to *no agent* (below 1 is",
           "less, above 1 is more); where a difference is more telling, its median follows in brackets. Threads are",
           "given as threads added. Raw data: `raw.csv` (every measurement), `summary.csv` (these figures), `raw/`",
           "(wrk and hyperfine output, service logs).", ""]
    md += ["```", f"$ {meta.get('command', '?')}", "```", ""]
    md += ["| machine | |", "|---|---|"]
    for key, name in (("cpu", "CPU"), ("nproc", "nproc"), ("memory", "memory"), ("kernel", "kernel"), ("os", "OS"),
                      ("jdk", "JDK"), ("jdk_build", "JDK build"), ("jvm_opts", "service JVM options"), ("wrk", "wrk"), ("hyperfine", "hyperfine"),
                      ("otel_agent", "OpenTelemetry agent"), ("ct_agent_sha256", "ct-agent.jar sha256 (first 16)"),
                      ("git", "ct-agent commit"), ("date", "date"), ("params", "parameters"),
                      ("elapsed_s", "run time (s)")):
        if key in meta:
            md.append(f"| {name} | {meta[key]} |")
    loads = [v for (a, m, c), rs in data.items() if m == "loadavg" for v in rs.values()]
    if loads:
        md.append(f"| 1-min load average after each saturation run | min {min(loads):.2f} / median "
                  f"{statistics.median(loads):.2f} / max {max(loads):.2f} (start {meta.get('loadavg_start', '?')}, "
                  f"end {meta.get('loadavg_end', '?')}) |")
    md.append("")
    try:
        if loads and statistics.median(loads) > 0.75 * int(meta.get("nproc", "2")) + 1.5:
            md += ["> **The machine was busy during this run** (the load average above includes the benchmark",
                   "> itself, about 2 on a saturated 2-core machine): treat these figures as a smoke test.", ""]
    except ValueError:
        pass

    for app in apps:
        md += [f"## {APP_TITLE.get(app, app)}", ""]
        md += ratio_table(data, meta, app, summary)
        md += ["", "<details><summary>medians, absolute</summary>", ""]
        md += absolute_table(data, meta, app)
        md += ["", "</details>", ""]
        for c in ("ct-agent", "otel"):
            added = added_threads(out, app, c)
            if added is not None:
                md += [f"Threads by name in the {CONFIG_LABEL[c]} JVM but not in the one without agent, at the end of "
                       f"the load: {added or 'none'}.", ""]
        warm = [f"{CONFIG_LABEL[c]} {data[(app, 'warmup_seconds', c)][0]:.0f} s "
                f"({data[(app, 'warmup_rps', c)][0]:,.0f} req/s in the last window)"
                for c in ("none", "ct-agent", "otel") if 0 in data.get((app, "warmup_seconds", c), {})]
        if warm:
            md += ["Warm-up at saturation before the first round (until a window came within 10 % of the one "
                   "before): " + "; ".join(warm) + ".", ""]
        if f"ct_agent_{app}" in meta:
            md += [f"ct-agent at exit (load JVM): `{meta['ct_agent_' + app]}`.", ""]

    errors = [(a, c, m, sum(rs.values())) for (a, m, c), rs in data.items()
              if m.endswith("_errors") and sum(rs.values()) > 0]
    if errors:
        md += ["**Failed requests** (wrk socket errors or non-2xx answers) — the affected figures are suspect:", ""]
        md += [f"- {a} {c} {m}: {int(n)}" for a, c, m, n in errors] + [""]

    md += ["## How it was measured", "",
           "- **Services.** Spring Boot 3 (embedded Tomcat) serving `GET /owners/7/document`: Spring MVC plus one",
           "  AWS SDK v2 `S3Client.headObject` (a bean built once; Apache HttpClient; path-style) to `LocalS3` of",
           "  `benchmarks.jar`, a canned HeadObject answer in its own JVM (no agent there). With ct-agent every request",
           "  becomes two records. The bare servlet: `GET /hello` of test-apps/javax-jetty (two pass-through filters).",
           "- **Configurations.** *no agent*; *ct-agent* with defaults and `ct.dir` in a temp folder (gzip 3, signed",
           "  digests, SDK and servlet capture on); *OpenTelemetry* javaagent with",
           "  `-Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none` (instrumentation",
           "  and span creation are measured, export is not).",
           "- **Load.** wrk (one thread) on loopback. The three JVMs of a service run side by side (idle while",
           "  another is measured); each gets a warm-up at saturation first. Every round then measures each",
           "  configuration in turn, in an order that rotates by one per round: a saturation run (CONNECTIONS",
           "  connections, as fast as the service answers), then a fixed-rate run. Debian's wrk has no fixed-rate mode",
           "  (wrk2's `-R`); `benchmarks/compare.lua` paces requests with wrk's `delay()` hook on a schedule of send",
           "  slots (the rate is a quarter of the slowest configuration's warm-up throughput unless RATE is set). Its",
           "  latency is timed from the actual send: no coordinated-omission correction, which is why the rate is",
           "  kept well below saturation.",
           "- **Resources.** After each round's runs: RSS (`VmRSS`) and `Threads` from `/proc/<pid>/status`, heap used",
           "  from `jstat -gc` (survivor + eden + old: it includes garbage, so it depends on where the GC cycle is). At",
           "  the end: `jcmd <pid> GC.run` (a full GC with G1) and the heap used after it (the live set). CPU: utime +",
           "  stime of the service process (`/proc/<pid>/stat`) across each run, per 100 000 requests; at saturation",
           "  wrk and LocalS3 share the two cores with it, but their CPU is not counted.",
           "- **Startup.** Hello-world: `hyperfine -N` of `java Hello` with each agent (one hyperfine call per round,",
           "  HELLO_RUNS runs each, the round's median). Services: fresh starts alternating between configurations; the",
           "  time from fork to the first 200 answer of the endpoint above (polled every 10 ms; for Spring it",
           "  includes the first S3 call), and to the `READY port=` line.",
           ""]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md))


def gq(text):
    """Text safe inside a gnuplot double-quoted string (java -version quotes its version)."""
    return text.replace("\\", "").replace('"', "")


def plot(out, data, meta):
    if not shutil.which("gnuplot"):
        print("gnuplot not found: no plot (apt-get install -y gnuplot-nox)", file=sys.stderr)
        return
    apps = [a for a in ("spring", "jetty") if any(k[0] == a and k[1] == "sat_rps" for k in data)]
    if not apps:
        return
    panels = [("sat_rps", "requests/s at saturation (higher is better)", 0),
              ("sat_p99_ms", "p99 latency at saturation, ms", 2),
              ("rate_p99_ms", "p99 latency at {rate} req/s, ms", 2)]
    gp = [f"set terminal pngcairo size 1500,{430 * len(apps) + 60} font 'sans,10'",
          f"set output '{os.path.join(out, 'compare.png')}'",
          f"set multiplot layout {len(apps)},3 title \"ct-agent vs OpenTelemetry vs no agent — "
          f"{gq(meta.get('cpu', '?'))}, {gq(meta.get('nproc', '?'))} cores, {gq(meta.get('jdk', ''))}\\n"
          f"bars: median over the rounds; whiskers: min–max; labels: median ratio to no agent\"",
          "set style fill solid 0.85 border -1", "set boxwidth 0.6", "set xrange [-0.6:2.6]",
          "set yrange [0:*]", "set grid ytics", "unset key", "set xtics scale 0", "set tmargin 3",
          "set bmargin 4"]
    for app in apps:
        for metric, title, dec in panels:
            path = os.path.join(out, f"plot-{app}-{metric}.dat")
            with open(path, "w") as f:
                for c in CONFIGS:
                    v = list(data.get((app, metric, c), {}).values())
                    if not v:
                        v = [0.0]
                    ratios, _ = paired(data, app, metric, c)
                    tic = CONFIG_LABEL[c].replace(" 2.33.1", "")
                    if c != "none" and ratios:
                        tic += f"\\n×{statistics.median(ratios):.2f}"
                    f.write(f"\"{tic}\" {statistics.median(v)} {min(v)} {max(v)} {COLOR[c]}\n")
            t = title.format(rate=meta.get(f"rate_{app}", "?"))
            gp += [f"set title \"{APP_SHORT[app]}: {t}\"",
                   f"plot '{path}' using 0:2:5:xtic(1) with boxes lc rgb variable, "
                   f"'' using 0:2:3:4 with yerrorbars lc rgb 'black' pt 0 lw 1.2"]
    gp.append("unset multiplot")
    script = os.path.join(out, "plot.gp")
    with open(script, "w") as f:
        f.write("\n".join(gp) + "\n")
    subprocess.run(["gnuplot", script], check=True)


def main():
    out = sys.argv[1]
    meta = read_meta(os.path.join(out, "meta.txt"))
    data = read_data(os.path.join(out, "raw.csv"))
    summary = [["app", "metric", "config", "kind", "rounds", "min", "median", "max"]]
    write_markdown(out, data, meta, summary)
    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        csv.writer(f).writerows(summary)
    plot(out, data, meta)
    print(f"wrote {out}/results.md, summary.csv" + (", compare.png" if shutil.which("gnuplot") else ""))


if __name__ == "__main__":
    main()
