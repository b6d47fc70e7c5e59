-- Page benchmarks (bench/pages.ts, bench/pages-nginx.ts): each request asks one of the paths listed in
-- the file named after `--`, at random, and done() prints one JSON line with the latency percentiles and
-- the response statuses, so the script that started wrk can read the result without parsing its table.
--   wrk -t1 -c1 -d10s -s bench/pages.lua http://127.0.0.1:3000 -- /tmp/paths.txt

local paths = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

-- A global, not a local: done() reads each thread's counts through thread:get.
statuses = {}

function request()
  local headers = nil
  if wrk.headers["Accept-Encoding"] then headers = wrk.headers end
  return wrk.format("GET", paths[math.random(1, #paths)], headers)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then for k, v in pairs(s) do all[k] = (all[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(all) do parts[#parts + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format(
    'BENCH {"requests":%d,"seconds":%f,"bytes":%d,"errors":%d,"p50":%f,"p95":%f,"p99":%f,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    table.concat(parts, ",")))
end
