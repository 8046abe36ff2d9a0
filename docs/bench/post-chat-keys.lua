-- wrk script: the small non-streaming chat completion of post-chat.lua, each request with a key
-- picked at random from KEYS (comma-separated account keys): many accounts through one connection pool.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"sim-echo","max_tokens":16,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}'

local keys = {}
for key in string.gmatch(os.getenv("KEYS") or "none", "[^,]+") do
  keys[#keys + 1] = key
end

request = function()
  wrk.headers["Authorization"] = "Bearer " .. keys[math.random(#keys)]
  return wrk.format()
end

done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors(status)=%d p50=%.2fms p99=%.2fms rps=%.0f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
