-- wrk script of the soak (bench/soak.ts): public reads and searches in a mix. The paths come from
-- the file named by SOAK_PATHS (one per line, written by soak.ts from the running site); each request
-- picks one at random. At the end one line "SOAK_RESULT {json}" gives the totals soak.ts reads.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local paths = {}

function init(args)
  for line in io.lines(os.getenv("SOAK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() * 100 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'SOAK_RESULT {"requests":%d,"bytes":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
