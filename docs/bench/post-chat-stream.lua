-- wrk script: a streamed chat completion against sim-echo (9 SSE events: role, 6 content pieces,
-- finish, usage, then [DONE]). Needs KEY in the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or "none")
wrk.body = '{"model":"sim-echo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream me back in six little pieces."}]}'

done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors(status)=%d p50=%.2fms p99=%.2fms rps=%.0f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
