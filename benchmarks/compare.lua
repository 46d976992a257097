-- wrk script for benchmarks/compare.
--
-- 1. done() prints one machine-readable "CTBENCH ..." line (latencies in µs), so the harness never has to
--    parse wrk's human output (whose units change from us to ms to s with the value).
-- 2. With WRK_RATE=N (requests/s, all threads together) requests are paced to N/s. Debian's wrk is wrk 4,
--    which has no fixed-rate mode (wrk2's -R); this uses wrk 4's delay() hook instead. Each thread keeps a
--    schedule of send slots spaced WRK_THREADS/N ms apart on the monotonic clock (through LuaJIT's FFI), and
--    every request waits for the next free slot. When the server falls behind, the schedule restarts from
--    "now" rather than bursting to catch up. Latency is timed from the actual send, so (unlike wrk2) there is
--    no coordinated-omission correction: run the fixed rate well below saturation, as the harness does.

local rate = tonumber(os.getenv("WRK_RATE") or "") or 0
local threads = tonumber(os.getenv("WRK_THREADS") or "") or 1

if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } ctbench_timespec;
    int clock_gettime(int clk_id, ctbench_timespec *tp);
  ]]
  local CLOCK_MONOTONIC = 1
  local ts = ffi.new("ctbench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end

  local interval_ms = threads * 1000 / rate
  local next_slot = nil

  -- Called by wrk before every request of this thread's connections: milliseconds to wait before sending
  -- (wrk truncates to whole ms; the schedule itself stays exact, so the average rate does not drift).
  function delay()
    local now = now_ms()
    if next_slot == nil or next_slot < now then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    return wait
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "CTBENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
