-- wrk script: POST the search form with a different fictional case description each time.
-- The bodies (URL-encoded forms, one per line) come from the file named by $LOAD_BODIES.
local bodies = {}
for line in io.lines(os.getenv("LOAD_BODIES")) do bodies[#bodies + 1] = line end
local index = 0
request = function()
  index = index % #bodies + 1
  return wrk.format("POST", "/search", { ["Content-Type"] = "application/x-www-form-urlencoded" }, bodies[index])
end
