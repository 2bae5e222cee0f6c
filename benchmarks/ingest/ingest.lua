-- wrk script: POSTs prediction telemetry to /v1/predictions.
-- BATCH records per request (1 = a single JSON object), spread over VERSIONS model versions,
-- each record with 4 numeric features (at least 64 distinct bodies, one per version when there are more). PATH overrides the endpoint (the Python baseline's /predict).
local batch = tonumber(os.getenv("BATCH") or "1")
local versions = tonumber(os.getenv("VERSIONS") or "8")
local path = os.getenv("PATH_OVERRIDE") or "/v1/predictions"
local baseline = path == "/predict"
local bodies = {}
local counter = 0

-- TAGS=1 adds two text features, "country" (30 values) and "device" (4), the keys of the segment benchmark.
local tags = os.getenv("TAGS") == "1"

local function record(v, i)
  local latency = 5 + ((i * 37) % 200) / 4
  local tagged = tags and string.format(',"country":"C%02d","device":"D%d"', (i * 7) % 30, i % 4) or ""
  return string.format(
    '{"model":"bench","version":"v%d","features":{"amount":%.2f,"age":%d,"tenure":%.1f,"score":%.3f%s},' ..
    '"prediction":%d,"confidence":%.3f,"latency_ms":%.2f,"status":"success"}',
    v, 10 + (i % 90), 20 + (i % 50), (i % 12) / 2, (i % 1000) / 1000, tagged, i % 2, 0.5 + (i % 50) / 100, latency)
end

init = function(args)
  local n = 0
  -- At least one body per version, so every version receives traffic.
  for k = 0, math.max(63, versions - 1) do
    local v = k % versions
    if baseline then
      bodies[k + 1] = string.format("[%.2f, %d, %.1f, %.3f]", 10 + k, 20 + k, k / 2, k / 100)
    elseif batch == 1 then
      bodies[k + 1] = record(v, k)
    else
      local parts = {}
      for i = 1, batch do
        n = n + 1
        parts[i] = record(v, n)
      end
      bodies[k + 1] = "[" .. table.concat(parts, ",") .. "]"
    end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  return wrk.format(nil, path, nil, bodies[(counter % #bodies) + 1])
end
