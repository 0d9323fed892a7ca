-- wrk script: requests the paths listed in a file, one a line (the first argument after
-- --), in turn; each thread starts at its own place in the list (the second argument is
-- the number of threads) so they do not ask for the same page at the same moment.
-- The page cache's misses are counted by misses.lua, beside this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "misses.lua")

local count_setup, count_init = setup, init
local started = 0

function setup(thread)
   count_setup(thread)
   thread:set("id", started)
   started = started + 1
end

function init(args)
   count_init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   at = math.floor(#paths * id / tonumber(args[2] or 1))
end

function request()
   at = at % #paths + 1
   return wrk.format(nil, paths[at])
end
