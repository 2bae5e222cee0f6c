-- wrk script for the many-versions benchmark: POSTs prediction telemetry to /v1/predictions, each request
-- one version's batch of BATCH records (1 = a single JSON object), the version chosen per request in turn
-- over the first VERSIONS versions. Version k is model "m<k mod 100>", version "v<k div 100>", so 1,000
-- versions are 100 models of 10 versions and the first 8 are v0 of models m0..m7.
-- Each record has 4 numeric features whose values vary within a body; at least 64 distinct bodies.
-- The turn starts at START (default: at random), so short runs do not all load the same first versions.
local batch = tonumber(os.getenv("BATCH") or "1")
local versions = tonumber(os.getenv("VERSIONS") or "8")
local bodies = {}
math.randomseed(os.time())
local counter = tonumber(os.getenv("START") or math.random(0, 1000000))

local function name(k)
  return string.format('"model":"m%d","version":"v%d"', k % 100, math.floor(k / 100))
end

local function record(k, i)
  local latency = 5 + ((i * 37) % 200) / 4
  return string.format(
    '{%s,"features":{"amount":%.2f,"age":%d,"tenure":%.1f,"score":%.3f},' ..
    '"prediction":%d,"confidence":%.3f,"latency_ms":%.2f,"status":"success"}',
    name(k), 10 + (i % 90), 20 + (i % 50), (i % 12) / 2, (i % 1000) / 1000, i % 2, 0.5 + (i % 50) / 100, latency)
end

init = function(args)
  local n = 0
  for b = 0, math.max(63, versions - 1) do
    local k = b % versions
    if batch == 1 then
      n = n + 1
      bodies[b + 1] = record(k, n)
    else
      local parts = {}
      for i = 1, batch do
        n = n + 1
        parts[i] = record(k, n)
      end
      bodies[b + 1] = "[" .. table.concat(parts, ",") .. "]"
    end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/predictions", nil, bodies[(counter % #bodies) + 1])
end
