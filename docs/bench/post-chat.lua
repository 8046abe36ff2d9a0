-- wrk script: a small non-streaming chat completion against sim-echo.
-- Needs KEY in the environment (an account key, or any key for the simulator directly).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or "none")
wrk.body = '{"model":"sim-echo","max_tokens":16,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}'

done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors(status)=%d p50=%.2fms p99=%.2fms rps=%.0f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
