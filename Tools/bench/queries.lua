-- wrk script: rotates through URL-encoded queries (one per line in $HUOPAN_WRK_QUERIES),
-- each thread starting at a different offset, keep-alive connections.
local queries = {}
local path = os.getenv("HUOPAN_WRK_QUERIES") or "scratch/queries.urlencoded"
for line in io.lines(path) do queries[#queries + 1] = line end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  i = offset or 0
end

function request()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/v1/search?size=20&q=" .. q)
end
