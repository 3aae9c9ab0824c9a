-- wrk script for bench/gateway: GET /api/v1/customers/{n}<suffix> with a random customer number of the loaded set
-- and a bearer token. Arguments after "--": numbers file, token file, path suffix ("" or "/view"), requests a second
-- per wrk thread (0 = closed loop, as fast as the connections go), and optionally "walk" and wrk's thread count:
-- instead of random numbers, the threads walk the numbers file in turns (thread t takes lines t+1, t+1+threads, ...),
-- so that no number is asked twice before the file is through (the gateway's cold path: every view a cache miss). Debian's wrk 4.1 has no fixed-rate mode, so the
-- rate is paced by delay(): each thread keeps a schedule of one request every 1000/rate ms and holds a connection
-- that is ready early until its slot; a slot missed (every connection busy) is sent at once, and the latency is
-- measured from the send, so when the hub falls behind the figures understate the wait (coordinated omission):
-- compare the achieved rate with the target.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]
local tv = ffi.new("timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local numbers = {}
local token, suffix, interval, next_slot, walk, stride, position
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then numbers[#numbers + 1] = line end
  end
  local f = io.open(args[2])
  token = f:read("*l")
  f:close()
  suffix = args[3] or ""
  local rate = tonumber(args[4] or "0")
  interval = rate > 0 and 1000 / rate or 0
  walk = args[5] == "walk"
  stride = tonumber(args[6] or "1")
  position = thread_index or 0
  -- Threads share a start time: seed each from its own table address so they do not ask the same sequence.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local n
  if walk then
    n = numbers[(position % #numbers) + 1]
    position = position + stride
  else
    n = numbers[math.random(#numbers)]
  end
  return wrk.format("GET", "/api/v1/customers/" .. n .. suffix, {["Authorization"] = "Bearer " .. token})
end

function delay()
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  next_slot = (next_slot or now) + interval
  local wait = next_slot - now
  return wait > 0 and math.floor(wait) or 0
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "non2xx=%d socket_errors=%d\n", summary.requests, summary.duration, latency:percentile(50),
      latency:percentile(90), latency:percentile(99), latency.max, e.status,
      e.connect + e.read + e.write + e.timeout))
end
