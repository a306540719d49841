-- wrk script: GET the addresses listed in a file (one path per line), in turn, each thread from its own offset;
-- counts page-cache hits (X-Page-Cache) and prints one JSON line of figures at the end.
--   wrk -t2 -c10 -d20s -s bench/perf/pages.lua http://127.0.0.1:8765 -- urls.txt

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if #line > 0 then
         paths[#paths + 1] = line
      end
   end
   counter = id * 7919
   hits = 0
   statuses = {}
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
   if headers["X-Page-Cache"] == "hit" then
      hits = hits + 1
   end
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local hit_total = 0
   local status_total = {}
   for _, thread in ipairs(threads) do
      hit_total = hit_total + thread:get("hits")
      for status, count in pairs(thread:get("statuses")) do
         status_total[status] = (status_total[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(status_total) do
      parts[#parts + 1] = string.format('"%d": %d', status, count)
   end
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "hits": %d, "statuses": {%s}, "socket_errors": %d, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
      summary.requests, summary.duration, hit_total, table.concat(parts, ", "),
      errors.connect + errors.read + errors.write + errors.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
